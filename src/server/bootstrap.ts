import { performance } from 'node:perf_hooks';
import type { Config } from '../config.js';
import { IngestService } from '../ingest/ingest-service.js';
import { readPaperFile } from '../ingest/read-files.js';
import { createStore } from '../store/index.js';
import { bundledCorpusPath } from '../util/package-root.js';
import { startApp, type RunningApp } from './app.js';
import { lineLogger, type Logger } from './logger.js';

export interface Served extends RunningApp {
  logger: Logger;
  /**
   * Graceful shutdown: stops taking requests, lets in-flight ones finish (up to
   * KG_SHUTDOWN_GRACE_MS), waits for a running ingest to finish writing, then closes the store
   * (the Neo4j driver, or the embedded store once its last snapshot is on disk). Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * Opens the configured store, seeds it when empty (KG_SEED), and serves GraphQL.
 * `log` is a logger, or a function given each line's message (tests).
 */
export async function serve(config: Config, log: Logger | ((line: string) => void)): Promise<Served> {
  const logger = typeof log === 'function' ? lineLogger(log, config.logLevel) : log;
  const t0 = performance.now();
  const store = await createStore(config, (message) => logger.warn(message));
  // A big embedded store takes seconds to load: say what is happening meanwhile.
  logger.info(
    { store: store.kind },
    config.neo4j ? `opening the Neo4j store at ${config.neo4j.uri}` : `opening the embedded store in ${config.dataDir}`,
  );
  await store.init();
  logger.info({ store: store.kind, ms: Math.round(performance.now() - t0) }, `store open in ${Math.round(performance.now() - t0)} ms`);
  const ingest = new IngestService(store);

  const seedFile = config.seed === 'none' ? null : config.seed === 'bundled' ? bundledCorpusPath() : config.seed;
  if (seedFile && (await store.stats()).papers === 0) {
    logger.info({ file: seedFile }, `store is empty: ingesting ${seedFile}`);
    const report = await ingest.ingest(await readPaperFile(seedFile));
    logger.info(
      `seeded ${report.papersAdded} papers, ${report.conceptsCreated} concepts, ${report.repositoriesCreated} repositories`,
    );
  }

  await store.warm();
  const app = await startApp(
    {
      store,
      ingest,
      adminToken: config.adminToken,
      introspection: config.introspection,
      maskErrors: config.production,
      limits: config.limits,
      shutdownGraceMs: config.shutdownGraceMs,
      logger,
    },
    config.port,
    config.host,
  );
  const stats = await store.stats();
  logger.info(
    { url: app.url, store: store.kind, ...stats, ms: Math.round(performance.now() - t0) },
    `ready in ${Math.round(performance.now() - t0)} ms: ${app.url} (${store.kind} store: ` +
      `${stats.papers} papers, ${stats.concepts} concepts, ${stats.repositories} repositories, ${stats.mentions} mentions)`,
  );
  if (!config.adminToken) logger.info('mutations are disabled: set KG_ADMIN_TOKEN to enable ingestPapers and deletePaper');

  let stopping: Promise<void> | undefined;
  return {
    ...app,
    logger,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down: no new requests, draining in-flight ones');
        await app.close();
        await ingest.idle();
        await store.close();
        logger.info('shutdown complete');
      })();
      return stopping;
    },
  };
}

export interface SignalOptions {
  /** Ends the process; `process.exit` by default. */
  exit?: (code: number) => void;
  /** Where signals come from; `process` by default. */
  signals?: NodeJS.EventEmitter;
  /** Exit with 1 if shutdown has not finished by then (grace period plus a margin). */
  hardLimitMs: number;
}

/**
 * Shuts `served` down gracefully on SIGTERM or SIGINT and exits 0 (1 when shutdown fails or
 * overruns `hardLimitMs`); a second signal exits at once. Returns a function removing the handlers.
 */
export function stopOnSignals(served: Served, options: SignalOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source = options.signals ?? process;
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      served.logger.warn({ signal }, `${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    stopping = true;
    served.logger.info({ signal }, `${signal}: shutting down`);
    const overrun = setTimeout(() => {
      served.logger.error(`shutdown did not finish within ${options.hardLimitMs} ms: exiting`);
      exit(1);
    }, options.hardLimitMs);
    overrun.unref();
    served.stop().then(
      () => {
        clearTimeout(overrun);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(overrun);
        served.logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  source.on('SIGTERM', onSignal);
  source.on('SIGINT', onSignal);
  return () => {
    source.off('SIGTERM', onSignal);
    source.off('SIGINT', onSignal);
  };
}
