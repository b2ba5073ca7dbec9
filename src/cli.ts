#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.js';
import { IngestService, IngestWriteError, type IngestProgress } from './ingest/ingest-service.js';
import { InputError, type InputFormat } from './ingest/parse/index.js';
import { readPaperFile } from './ingest/read-files.js';
import type { PaperSource } from './ingest/build-graph.js';
import { serve, stopOnSignals } from './server/bootstrap.js';
import { createLogger } from './server/logger.js';
import { StoreUnavailableError } from './store/errors.js';
import { SnapshotError } from './store/memory/snapshot.js';
import { schemaSdl } from './server/schema.js';
import { createStore } from './store/index.js';
import { EXPORT_USAGE, exportCommand } from './commands/export.js';

const USAGE = `Usage: kg <command> [options]

Commands:
  serve                                  serve GraphQL (same as npm start)
  ingest FILE... [--format F] [--dry-run]
                                         ingest papers into the configured store
                                         F: auto (default) | text | jsonl | arxiv
  stats                                  print node and edge counts as JSON
  schema                                 print the GraphQL schema (SDL)
  eval FILE.jsonl... [--top N]           score concept extraction against a gold-annotated corpus
  explain PAPER_ID                       list a stored paper's candidate terms and why each was kept or rejected
${EXPORT_USAGE}

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
    case 'eval':
      return (await import('./commands/eval.js')).runEval(rest);
    case 'explain':
      return (await import('./commands/explain.js')).runExplain(rest);
    case 'export':
    case 'import':
      return exportCommand(command, rest, log);
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
  const config = loadConfig();
  // JSON lines on stderr, one per event, with the request id of the request being served.
  const served = await serve(config, createLogger(config.logLevel));
  stopOnSignals(served, { hardLimitMs: config.shutdownGraceMs + 15_000 });
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
    // verify: a run killed midway leaves papers that look unchanged; the re-run finds and completes it.
    const report = await new IngestService(store).ingest(papers, {
      dryRun: values['dry-run'],
      verify: true,
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
    if (
      error instanceof InputError ||
      error instanceof ConfigError ||
      error instanceof SnapshotError ||
      error instanceof StoreUnavailableError ||
      error instanceof IngestWriteError
    ) {
      log(`error: ${error.message}`);
    } else if (error instanceof UsageError) log(`error: ${error.message}\n\n${USAGE}`);
    else log(`error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
