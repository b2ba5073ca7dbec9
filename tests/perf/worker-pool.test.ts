import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/generator.js';
import { extractPaper } from '../../src/ingest/extract/index.js';
import { IngestService, WORKER_MIN_PAPERS } from '../../src/ingest/ingest-service.js';
import { toPaperSource } from '../../src/ingest/paper-input.js';
import { ExtractionPool } from '../../src/ingest/workers/extract-pool.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { packageRoot } from '../../src/util/package-root.js';

// The pool runs the compiled worker (dist/): build it from the current sources first, so the
// workers and this thread run the same extractor.
beforeAll(() => {
  execFileSync(process.execPath, [join(packageRoot(), 'node_modules/typescript/bin/tsc'), '-p', join(packageRoot(), 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}, 180_000);

const papers = (n: number, offset = 0) =>
  [...syntheticCorpus(n, { seed: 11, offset })].map((p) => toPaperSource({ id: p.id, title: p.title, abstract: p.abstract, year: 2020 }, 'synthetic'));

describe('extraction on worker threads', () => {
  it('gives exactly what extractPaper gives on this thread, in input order', async () => {
    const corpus = papers(60);
    const pool = new ExtractionPool({ threads: 2, batchSize: 7 });
    try {
      const done: number[] = [];
      const results = await pool.extract(corpus, (n) => done.push(n));
      expect(results).toEqual(corpus.map((p) => extractPaper(p)));
      expect(done.reduce((a, b) => a + b, 0)).toBe(60);
    } finally {
      await pool.destroy();
    }
  });

  it('builds the same graph as a single-threaded ingest, streamed or not', async () => {
    const corpus = papers(WORKER_MIN_PAPERS + 50);
    const single = new MemoryStore({ dataDir: null });
    await single.init();
    await new IngestService(single).ingest(corpus);

    const pooled = new MemoryStore({ dataDir: null });
    await pooled.init();
    const report = await new IngestService(pooled).ingest(corpus, { workers: 2 });
    expect(report.papersAdded).toBe(corpus.length);
    expect(await pooled.exportGraph()).toEqual(await single.exportGraph());

    const streamed = new MemoryStore({ dataDir: null });
    await streamed.init();
    async function* batches() {
      for (let i = 0; i < corpus.length; i += 64) yield corpus.slice(i, i + 64);
    }
    const events: string[] = [];
    await new IngestService(streamed).ingestBatches(batches(), { workers: 2, onProgress: (e) => events.push(e.stage) });
    expect(await streamed.exportGraph()).toEqual(await single.exportGraph());
    expect(events).toContain('extract');
    expect(events.slice(-2)).toEqual(['build', 'write']);
  }, 120_000);

  it('refuses a paper id given twice in one stream, without leaving the pool running', async () => {
    const corpus = papers(30);
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    async function* batches() {
      yield corpus.slice(0, 20);
      yield [corpus[3]!];
    }
    await expect(new IngestService(store).ingestBatches(batches(), { workers: 2 })).rejects.toThrow(/two papers in one ingest/);
    expect((await store.stats()).papers).toBe(0);
  });
});
