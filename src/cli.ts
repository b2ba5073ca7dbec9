#!/usr/bin/env node
import 'reflect-metadata';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.js';
import { IngestService, IngestWriteError } from './ingest/ingest-service.js';
import { IngestProgressBar } from './ingest/arxiv-progress.js';
import { looksLikeArxiv, readArxivBatches } from './ingest/arxiv-stream.js';
import { ExtractionCacheFile } from './ingest/workers/extraction-cache.js';
import { join } from 'node:path';
import { InputError, type InputFormat } from './ingest/parse/index.js';
import { EvalDataError } from './eval/index.js';
import { readPaperFile } from './ingest/read-files.js';
import type { PaperSource } from './ingest/build-graph.js';
import { explainPapers, formatExplanation } from './ingest/explain.js';
import type { PaperExtraction } from './ingest/extract/index.js';
import { serve, stopOnSignals } from './server/bootstrap.js';
import { createLogger } from './server/logger.js';
import { StoreUnavailableError } from './store/errors.js';
import { SnapshotError } from './store/memory/snapshot.js';
import { schemaSdl } from './server/schema.js';
import { createStore } from './store/index.js';
import { EXPORT_USAGE, exportCommand } from './commands/export.js';
import { asksForHelp, isArgumentError } from './commands/usage.js';

const USAGE = `Usage: kg <command> [options]

Commands:
  serve                                  serve GraphQL (same as npm start)
  ingest FILE... [--format F] [--dry-run] [--threads N] [--rebuild]
                                         ingest papers into the configured store
                                         F: auto (default) | text | jsonl | arxiv
                                         (arXiv metadata JSON Lines are streamed)
                                         N: extraction worker threads (default: one per core; 0: none)
                                         extractions are kept for re-runs in KG_DATA_DIR/extractions.jsonl
                                         (embedded store) or KG_EXTRACTION_CACHE=FILE (off: none)
                                         --dry-run writes nothing; it prints each paper's candidates
                                         and why each was kept, merged or rejected, then the summary
                                         new papers (at most 10% of a stored corpus of 2,000 or more)
                                         are added incrementally; --rebuild rederives the whole graph
  stats                                  print node and edge counts as JSON
  schema                                 print the GraphQL schema (SDL)
  eval FILE.jsonl... [--top N] [--corpus PAPERS] [--details OUT.json] [--errors]
                                         score concept extraction against a gold-annotated corpus
  explain PAPER_ID                       list a stored paper's candidate terms and why each was kept or rejected
${EXPORT_USAGE}

The store is Neo4j when NEO4J_URI is set, else the embedded store in KG_DATA_DIR (default .kg/).`;

const FORMATS: readonly InputFormat[] = ['auto', 'text', 'jsonl', 'arxiv'];

class UsageError extends Error {}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && asksForHelp(rest)) {
    // "kg eval --help": the usage of every command, rather than an unknown-option error.
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
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
    options: {
      format: { type: 'string', default: 'auto' },
      'dry-run': { type: 'boolean', default: false },
      threads: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
    },
  });
  const format = values.format as InputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  if (positionals.length === 0) throw new UsageError('ingest needs at least one FILE');
  const threads = values.threads === undefined ? true : Number(values.threads);
  if (threads !== true && (!Number.isInteger(threads) || threads < 0 || threads > 64)) {
    throw new UsageError(`--threads must be 0 (no worker threads) to 64, got "${values.threads}"`);
  }

  const t0 = performance.now();
  let totalBytes = 0;
  for (const file of positionals) {
    try {
      totalBytes += (await stat(file)).size;
    } catch {
      // reported with the file's name when it is read
    }
  }
  const progress = new IngestProgressBar({ tty: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) }, totalBytes);
  let count = 0;
  /** The papers read, kept for a dry run's explanations. */
  const read: PaperSource[] = [];
  // Files are read one after the other; arXiv metadata is streamed in batches that go to the
  // extraction workers as they are read. A bad line stops the run before anything is written.
  // Other files are read whole, so they are all read (and refused when bad) before any is written.
  const parsedFiles = new Map<string, PaperSource[]>();
  const isArxiv = new Map<string, boolean>();
  for (const file of positionals) {
    const arxiv = format === 'arxiv' || (format === 'auto' && (await looksLikeArxiv(file)));
    isArxiv.set(file, arxiv);
    if (!arxiv) parsedFiles.set(file, await readPaperFile(file, format));
  }
  async function* batches(): AsyncGenerator<PaperSource[]> {
    let bytesBefore = 0;
    for (const file of positionals) {
      const arxiv = isArxiv.get(file) === true;
      let papers = 0;
      if (arxiv) {
        for await (const batch of readArxivBatches(file, {
          onProgress: (p) => progress.read(count + p.papers, bytesBefore + p.bytesRead),
        })) {
          papers += batch.length;
          if (values['dry-run']) read.push(...batch);
          yield batch;
        }
      } else {
        const parsed = parsedFiles.get(file) as PaperSource[];
        parsedFiles.delete(file);
        papers = parsed.length;
        if (values['dry-run']) read.push(...parsed);
        yield parsed;
      }
      count += papers;
      try {
        bytesBefore += (await stat(file)).size;
      } catch {
        // already read
      }
      progress.read(count, bytesBefore);
      progress.line(`${file}: ${papers} papers`);
    }
  }
  const config = loadConfig();
  const store = await createStore(config);
  try {
    const opened = performance.now();
    await store.init();
    const storeOpenSeconds = (performance.now() - opened) / 1000;
    // Extractions persist between runs, keyed by content hash, so a re-run extracts new papers only:
    // beside the embedded store's snapshot, or where KG_EXTRACTION_CACHE says ("off": nowhere).
    const cacheSetting = process.env.KG_EXTRACTION_CACHE;
    const cacheFile = cacheSetting === 'off' ? null : cacheSetting || (config.neo4j ? null : join(config.dataDir, 'extractions.jsonl'));
    const service = new IngestService(store, cacheFile ? { extractionCache: new ExtractionCacheFile(cacheFile) } : {});
    // verify: a run killed midway leaves papers that look unchanged; the re-run finds and completes it.
    const ingestStart = performance.now();
    const report = await service.ingestBatches(batches(), {
      dryRun: values['dry-run'],
      verify: true,
      workers: threads,
      rebuild: values.rebuild,
      onProgress: (event) => progress.ingest(event),
    });
    if (values['dry-run']) {
      // Every paper read, explained within the corpus it would join: its candidates and why each
      // was kept, merged or rejected; the summary JSON follows.
      const incoming = new Set(read.map((p) => p.id));
      const corpus = [...(await store.allPapers()).filter((p) => !incoming.has(p.id)), ...read];
      const extractions = new Map<string, PaperExtraction>();
      for (const p of corpus) {
        const cached = service.cachedExtraction(p.contentHash);
        if (cached) extractions.set(p.id, cached);
      }
      for (const explanation of explainPapers(incoming, corpus, extractions)) {
        process.stdout.write(`${formatExplanation(explanation)}\n\n`);
      }
    }
    const { writtenPaperIds: _ids, ...summary } = report;
    const timing = { storeOpenSeconds: round2(storeOpenSeconds), ingestSeconds: round2((performance.now() - ingestStart) / 1000) };
    const seconds = (performance.now() - t0) / 1000;
    log(`${values['dry-run'] ? 'dry run, nothing written: ' : ''}${count} papers in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} papers/s)`);
    process.stdout.write(`${JSON.stringify({ ...summary, stats: await store.stats(), timing }, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof InputError ||
      error instanceof EvalDataError ||
      error instanceof ConfigError ||
      error instanceof SnapshotError ||
      error instanceof StoreUnavailableError ||
      error instanceof IngestWriteError
    ) {
      log(`error: ${error.message}`);
    } else if (error instanceof UsageError || isArgumentError(error)) log(`error: ${(error as Error).message}\n\n${USAGE}`);
    else log(`error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = error instanceof UsageError || isArgumentError(error) ? 2 : 1;
  },
);
