#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.js';
import { IngestService, type IngestProgress } from './ingest/ingest-service.js';
import { InputError, type InputFormat } from './ingest/parse/index.js';
import { readPaperFile } from './ingest/read-files.js';
import type { PaperSource } from './ingest/build-graph.js';
import { serve } from './server/bootstrap.js';
import { schemaSdl } from './server/schema.js';
import { createStore } from './store/index.js';

const USAGE = `Usage: kg <command> [options]

Commands:
  serve                                  serve GraphQL (same as npm start)
  ingest FILE... [--format F] [--dry-run]
                                         ingest papers into the configured store
                                         F: auto (default) | text | jsonl | arxiv
  stats                                  print node and edge counts as JSON
  schema                                 print the GraphQL schema (SDL)

The store is Neo4j when NEO4J_URI is set, else the embedded store in KG_DATA_DIR (default .kg/).`;

const FORMATS: readonly InputFormat[] = ['auto', 'text', 'jsonl', 'arxiv'];

class UsageError extends Error {}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe();
    case 'ingest':
      return runIngest(rest);
    case 'stats':
      return runStats();
    case 'schema':
      process.stdout.write(await schemaSdl());
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function runServe(): Promise<number> {
  const served = await serve(loadConfig(), log);
  const shutdown = (signal: string) => {
    log(`${signal}: shutting down`);
    served.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return new Promise<number>(() => {});
}

async function runIngest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'auto' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const format = values.format as InputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  if (positionals.length === 0) throw new UsageError('ingest needs at least one FILE');

  const t0 = performance.now();
  // Every file is read and validated before anything is written: a bad file stops the run whole.
  const papers: PaperSource[] = [];
  for (const file of positionals) {
    const parsed = await readPaperFile(file, format);
    log(`${file}: ${parsed.length} papers`);
    papers.push(...parsed);
  }
  const store = await createStore(loadConfig());
  try {
    await store.init();
    const report = await new IngestService(store).ingest(papers, {
      dryRun: values['dry-run'],
      onProgress: progressPrinter(),
    });
    const { writtenPaperIds: _ids, ...summary } = report;
    const seconds = (performance.now() - t0) / 1000;
    log(`${values['dry-run'] ? 'dry run, nothing written: ' : ''}${papers.length} papers in ${seconds.toFixed(2)} s`);
    process.stdout.write(`${JSON.stringify({ ...summary, stats: await store.stats() }, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function runStats(): Promise<number> {
  const store = await createStore(loadConfig());
  try {
    await store.init();
    process.stdout.write(`${JSON.stringify(await store.stats(), null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A one-line bar on a terminal; a line every 10% otherwise (logs, CI). */
function progressPrinter(): (event: IngestProgress) => void {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let lastDecile = -1;
  return (event) => {
    if (event.stage === 'write') {
      if (tty) process.stderr.write('\n');
      log(`writing ${event.papers} papers and their graph`);
      return;
    }
    const fraction = event.done / event.total;
    const rate = event.done / Math.max(0.001, (performance.now() - started) / 1000);
    const eta = (event.total - event.done) / rate;
    const text = `extracting ${event.done}/${event.total} (${Math.round(rate)} papers/s, ETA ${eta.toFixed(0)} s)`;
    if (tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
    } else if (Math.floor(fraction * 10) !== lastDecile) {
      lastDecile = Math.floor(fraction * 10);
      log(text);
    }
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof InputError || error instanceof ConfigError) log(`error: ${error.message}`);
    else if (error instanceof UsageError) log(`error: ${error.message}\n\n${USAGE}`);
    else log(`error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
