import { performance } from 'node:perf_hooks';
import type { Config } from '../config.js';
import { IngestService } from '../ingest/ingest-service.js';
import { readPaperFile } from '../ingest/read-files.js';
import { createStore } from '../store/index.js';
import { bundledCorpusPath } from '../util/package-root.js';
import { startApp, type RunningApp } from './app.js';

export interface Served extends RunningApp {
  stop(): Promise<void>;
}

/**
 * Opens the configured store, seeds it when empty (KG_SEED), and serves GraphQL.
 * Logs one line per step to stderr-like `log`.
 */
export async function serve(config: Config, log: (line: string) => void): Promise<Served> {
  const t0 = performance.now();
  const store = await createStore(config);
  await store.init();
  const ingest = new IngestService(store);

  const seedFile = config.seed === 'none' ? null : config.seed === 'bundled' ? bundledCorpusPath() : config.seed;
  if (seedFile && (await store.stats()).papers === 0) {
    log(`store is empty: ingesting ${seedFile}`);
    const report = await ingest.ingest(await readPaperFile(seedFile));
    log(`seeded ${report.papersAdded} papers, ${report.conceptsCreated} concepts, ${report.repositoriesCreated} repositories`);
  }

  const app = await startApp(
    {
      store,
      ingest,
      adminToken: config.adminToken,
      introspection: config.introspection,
      maskErrors: config.production,
      log,
    },
    config.port,
    config.host,
  );
  const stats = await store.stats();
  log(
    `ready in ${Math.round(performance.now() - t0)} ms: ${app.url} (${store.kind} store: ` +
      `${stats.papers} papers, ${stats.concepts} concepts, ${stats.repositories} repositories, ${stats.mentions} mentions)`,
  );
  if (!config.adminToken) log('mutations are disabled: set KG_ADMIN_TOKEN to enable ingestPapers and deletePaper');
  return {
    ...app,
    async stop() {
      await app.close();
      await store.close();
    },
  };
}
