import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/generator.js';
import { extractPaper } from '../../src/ingest/extract/index.js';
import { IngestService, WORKER_MIN_PAPERS } from '../../src/ingest/ingest-service.js';
import { toPaperSource } from '../../src/ingest/paper-input.js';
import { ExtractionPool } from '../../src/ingest/workers/extract-pool.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { buildGraph } from '../../src/ingest/build-graph.js';
import type { ConceptRecord, GraphData } from '../../src/model.js';
import type { SearchHit } from '../../src/store/graph-store.js';
import { conceptLookupKeys } from '../../src/store/lookup.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { snapshotPath, SnapshotError } from '../../src/store/memory/snapshot.js';
import { decodeColumn, encodeColumn } from '../../src/store/memory/snapshot-columns.js';
import { packageRoot } from '../../src/util/package-root.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

// The pool and the load worker run compiled workers (dist/): build them from the current sources
// first, so the workers and this thread run the same code.
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

describe('snapshot load with a worker thread', () => {
  const tempDir = tempDirs('kg-load-worker-');
  /** A stored graph of generated papers, in a fresh data folder. */
  async function storedGraph(): Promise<{ dir: string; graph: GraphData }> {
    const dir = await tempDir();
    const graph = buildGraph(papers(300, 500));
    const writer = new MemoryStore({ dataDir: dir });
    await writer.init();
    await writer.replaceGraph(graph);
    await writer.close();
    return { dir, graph };
  }
  const open = async (dir: string, loadWorker: boolean, warnings: string[] = []) => {
    const store = new MemoryStore({ dataDir: dir, loadWorker, warn: (m) => warnings.push(m) });
    await store.init();
    return store;
  };
  const label = (h: SearchHit) => `${h.kind}:${h.kind === 'CONCEPT' ? h.concept.id : h.kind === 'PAPER' ? h.paper.id : h.repository.id}:${h.score}`;
  /** Concept look-ups by every name and search answers (names, words, prefixes, typos, phrases) of two stores. */
  async function expectSameAnswers(a: MemoryStore, b: MemoryStore, graph: GraphData): Promise<void> {
    const names = graph.concepts.flatMap((c) => [c.name, ...(c.acronym ? [c.acronym] : []), ...c.aliases]);
    const keys = names.map((n) => conceptLookupKeys(n));
    const ids = (found: (ConceptRecord | null)[]) => found.map((c) => c?.id ?? null);
    expect(ids(await a.conceptsByLookupKeys(keys))).toEqual(ids(await b.conceptsByLookupKeys(keys)));
    const titleWords = graph.papers.slice(0, 20).flatMap((p) => p.title.split(' ').slice(0, 2));
    const queries = [
      ...graph.concepts.slice(0, 30).map((c) => c.name),
      ...titleWords,
      ...titleWords.map((w) => w.slice(0, 4)),
      ...titleWords.map((w) => `${w}x`),
      graph.papers[0]!.title,
      graph.papers[1]!.abstract.split(' ').slice(2, 5).join(' '),
    ];
    // Every hit (first: 1,000), so a paper missing from one posting list shows.
    for (const query of queries) {
      for (const first of [10, 1_000]) expect((await a.search(query, first)).map(label), query).toEqual((await b.search(query, first)).map(label));
    }
    // The RELATED_TO lists (the worker's), in read order, and the whole graph.
    const conceptIds = graph.concepts.map((c) => c.id);
    const related = async (store: MemoryStore) => (await store.relatedOfConcepts(conceptIds, 1_000)).map((list) => list.map((r) => `${r.concept.id}:${r.sharedPapers}:${r.weight}`));
    expect(await related(a)).toEqual(await related(b));
    expect(canonicalGraph(await a.exportGraph())).toEqual(canonicalGraph(await b.exportGraph()));
  }

  it('answers look-ups and searches as a load on one thread does, before and after deltas', async () => {
    const { dir, graph } = await storedGraph();
    const warnings: string[] = [];
    const [withWorker, alone] = [await open(dir, true, warnings), await open(dir, false)];
    expect(withWorker.loadedWithWorker).toBe(true);
    expect(alone.loadedWithWorker).toBe(false);
    expect(warnings).toEqual([]);
    await expectSameAnswers(withWorker, alone, graph);

    // A delta rewrites a paper's title (a word off, two on) and adds papers: postings read whole are then changed in place.
    const [first] = graph.papers;
    const delta = buildGraph([...papers(3, 5_000)]);
    delta.papers.push({ ...first!, title: `quasicrystal lattice ${first!.title.split(' ').slice(1).join(' ')}` });
    for (const store of [withWorker, alone]) await store.applyDelta(delta);
    const after = await alone.exportGraph();
    await expectSameAnswers(withWorker, alone, after);
    expect((await withWorker.search('quasicrystal', 5)).map(label)).toEqual([`PAPER:${first!.id}:${(await alone.search('quasicrystal', 5))[0]!.score}`]);

    // A later load applies the journal's delta after the worker's part.
    const reopened = await open(dir, true, warnings);
    expect(reopened.loadedWithWorker).toBe(true);
    await expectSameAnswers(reopened, alone, after);
    expect(warnings).toEqual([]);
  }, 120_000);

  it('refuses a damaged RELATED_TO chunk as a load on one thread does, naming the line', async () => {
    const { dir } = await storedGraph();
    const lines = (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"s":"related"'));
    const chunk = JSON.parse(lines[at]!) as { n: number; b: Record<string, string> };
    const targets = decodeColumn(chunk.b.t, 'i32', chunk.n)!;
    targets[chunk.n - 1] = 999_999;
    chunk.b.t = encodeColumn(targets);
    lines[at] = JSON.stringify(chunk);
    await writeFile(snapshotPath(dir), `${lines.join('\n')}\n`);
    const failure = (loadWorker: boolean) => open(dir, loadWorker).then(() => null, (error: unknown) => error);
    const [withWorker, alone] = [await failure(true), await failure(false)];
    expect(withWorker).toBeInstanceOf(SnapshotError);
    expect((withWorker as Error).message).toContain(`has a related chunk at line ${at + 1} that refers to concepts number 999999`);
    expect((withWorker as Error).message).toBe((alone as Error).message);
  }, 120_000);

  it('reads RELATED_TO records written both as columns and as records (never written so) on this thread', async () => {
    const { dir, graph } = await storedGraph();
    const lines = (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"s":"related"'));
    const chunk = JSON.parse(lines[at]!) as { n: number; b: Record<string, string> };
    const [s, t] = [decodeColumn(chunk.b.s, 'i32', chunk.n)!, decodeColumn(chunk.b.t, 'i32', chunk.n)!];
    const [p, w] = [decodeColumn(chunk.b.p, 'f64', chunk.n)!, decodeColumn(chunk.b.w, 'f64', chunk.n)!];
    lines[at] = JSON.stringify({ s: 'related', r: Array.from(s, (source, i) => [source, t[i], p[i], w[i]]) });
    await writeFile(snapshotPath(dir), `${lines.join('\n')}\n`);
    expect(lines.filter((l) => l.startsWith('{"s":"related","n":')).length).toBeGreaterThan(0);
    const warnings: string[] = [];
    await expectSameAnswers(await open(dir, true, warnings), await open(dir, false), graph);
    expect(warnings).toEqual([]);
  }, 120_000);

  it('says so and does the work itself when the worker cannot (a version 1 snapshot)', async () => {
    const { dir, graph } = await storedGraph();
    await writeFile(snapshotPath(dir), JSON.stringify({ format: 'paper-kg-snapshot', version: 1, graph }));
    const warnings: string[] = [];
    const store = await open(dir, true, warnings);
    expect(store.loadedWithWorker).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/^the load worker failed, so the load did its part \(.*version 1/)]);
    await expectSameAnswers(store, await open(dir, false), graph);
  }, 120_000);
});
