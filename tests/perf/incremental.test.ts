import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/generator.js';
import { budgetRelated, buildGraph, RELATED_BUDGET } from '../../src/ingest/build-graph.js';
import { IngestService } from '../../src/ingest/ingest-service.js';
import { toPaperSource } from '../../src/ingest/paper-input.js';
import { ExtractionCacheFile } from '../../src/ingest/workers/extraction-cache.js';
import type { RelatedRecord } from '../../src/model.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-incremental-');

const papers = (n: number, offset = 0) =>
  [...syntheticCorpus(n, { seed: 5, offset })].map((p) => toPaperSource({ id: p.id, title: p.title, abstract: p.abstract, year: 2021 }, 'synthetic'));

describe('incremental ingest', () => {
  it('adding papers in a later run gives the graph a full rebuild gives, extracting only the new papers', async () => {
    const dir = await tempDir();
    const cachePath = join(dir, 'extractions.jsonl');
    const base = papers(80);
    const added = papers(10, 80);

    // First run (process): ingest the base corpus.
    const first = new MemoryStore({ dataDir: dir });
    await first.init();
    await new IngestService(first, { extractionCache: new ExtractionCacheFile(cachePath) }).ingest(base);
    const linesAfterFirst = (await readFile(cachePath, 'utf8')).trimEnd().split('\n').length;
    expect(linesAfterFirst).toBe(1 + base.length);

    // Second run: a new store and service over the same folder, as a new process would be.
    const second = new MemoryStore({ dataDir: dir });
    await second.init();
    const cache = new ExtractionCacheFile(cachePath);
    const service = new IngestService(second, { extractionCache: cache });
    const report = await service.ingest(added);
    expect(report.papersAdded).toBe(10);
    // The cache file only grew by the new papers' extractions (appended, not rewritten).
    expect((await readFile(cachePath, 'utf8')).trimEnd().split('\n').length).toBe(linesAfterFirst + added.length);
    expect(service.cachedExtractions).toBe(90);

    // The same graph as building the 90 papers from nothing.
    const full = new MemoryStore({ dataDir: null });
    await full.init();
    await full.replaceGraph(buildGraph([...base, ...added]));
    expect(await second.exportGraph()).toEqual(await full.exportGraph());
  });

  it('ignores a cache written by another extractor or cut short by a crash', async () => {
    const dir = await tempDir();
    const path = join(dir, 'extractions.jsonl');
    const { writeFile, appendFile } = await import('node:fs/promises');
    await writeFile(path, `${JSON.stringify({ format: 'paper-kg-extractions', extractor: 'another' })}\n${JSON.stringify(['h', {}])}\n`);
    expect((await new ExtractionCacheFile(path).load()).size).toBe(0);

    const cache = new ExtractionCacheFile(path);
    const corpus = papers(3);
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await new IngestService(store, { extractionCache: cache }).ingest(corpus);
    await appendFile(path, '["cut-short", {"candidates": [');
    const loaded = await new ExtractionCacheFile(path).load();
    expect([...loaded.keys()].sort()).toEqual(corpus.map((p) => p.contentHash).sort());
  });
});

describe('incremental ingest into a large stored corpus', () => {
  // The policy's threshold is lowered so a small corpus stands for a large one.
  const policy = { minPapers: 200, maxShare: 0.1 };
  const base = papers(300);
  const added = papers(25, 300);

  async function storedBase(dataDir: string | null = null) {
    const store = new MemoryStore({ dataDir });
    await store.init();
    await store.replaceGraph(buildGraph(base));
    return store;
  }

  it('adds the new papers without a rebuild, consistent with the stored graph', async () => {
    const dir = await tempDir();
    const store = await storedBase(dir);
    const cachePath = join(dir, 'extractions.jsonl');
    const stages: string[] = [];
    const report = await new IngestService(store, { incremental: policy, extractionCache: new ExtractionCacheFile(cachePath) }).ingest([...base.slice(0, 5), ...added], {
      onProgress: (e) => stages.push(e.stage),
    });
    expect(report).toMatchObject({ mode: 'incremental', papersAdded: 25, papersUnchanged: 5, papersUpdated: 0 });
    expect(new Set(stages)).toEqual(new Set(['extract', 'build', 'write']));
    // Only the new papers' extractions were written to the cache (it did not exist before).
    expect((await readFile(cachePath, 'utf8')).trimEnd().split('\n')).toHaveLength(1 + added.length);

    const graph = await store.exportGraph();
    expect(graph.papers).toHaveLength(325);
    // Every concept's paper count is the number of papers mentioning it.
    const mentioning = new Map<string, Set<string>>();
    for (const m of graph.mentions) mentioning.set(m.conceptId, (mentioning.get(m.conceptId) ?? new Set()).add(m.paperId));
    for (const c of graph.concepts) expect([c.id, c.paperCount]).toEqual([c.id, mentioning.get(c.id)?.size ?? 0]);
    // A pair of the new papers' concepts counts the papers it shares over the whole corpus
    // (below RELATED_BUDGET.minPapers a rebuild keeps every pair, so stored counts are exact).
    const newIds = new Set(added.map((p) => p.id));
    const touched = new Set(graph.mentions.filter((m) => newIds.has(m.paperId)).map((m) => m.conceptId));
    const pairs = graph.related.filter((r) => touched.has(r.source) && touched.has(r.target));
    expect(pairs.length).toBeGreaterThan(100);
    for (const r of pairs) {
      const a = mentioning.get(r.source) as Set<string>;
      const shared = [...(mentioning.get(r.target) as Set<string>)].filter((p) => a.has(p)).length;
      expect([r.source, r.target, r.sharedPapers]).toEqual([r.source, r.target, shared]);
    }
    // Every new concept has a rank and a community; every edge ends at a stored node.
    const concepts = new Set(graph.concepts.map((c) => c.id));
    for (const c of graph.concepts) expect(c.rank !== undefined && c.community !== undefined).toBe(true);
    for (const b of graph.broader) expect(concepts.has(b.narrower) && concepts.has(b.broader)).toBe(true);
  });

  it('gives the new papers nearly the concepts a rebuild gives them', async () => {
    const store = await storedBase();
    await new IngestService(store, { incremental: policy }).ingest(added);
    const full = buildGraph([...base, ...added]);
    const ids = new Set(added.map((p) => p.id));
    const pairsOf = (g: { mentions: { paperId: string; conceptId: string }[] }) =>
      new Set(g.mentions.filter((m) => ids.has(m.paperId)).map((m) => `${m.paperId} ${m.conceptId}`));
    const inc = pairsOf(await store.exportGraph());
    const want = pairsOf(full);
    const agree = [...inc].filter((x) => want.has(x)).length;
    expect(agree / inc.size).toBeGreaterThan(0.9);
    expect(agree / want.size).toBeGreaterThan(0.9);
  });

  it('commits a stream into a large corpus in groups as it is read, with one report for all of them', async () => {
    const store = await storedBase();
    const incoming = papers(70, 300);
    async function* batches() {
      yield [...base.slice(0, 10), ...incoming.slice(0, 20)];
      yield incoming.slice(20, 45);
      yield incoming.slice(45);
    }
    let writes = 0;
    const report = await new IngestService(store, { incremental: policy }).ingestBatches(batches(), {
      onProgress: (e) => void (e.stage === 'write' && writes++),
    });
    expect(report).toMatchObject({ mode: 'incremental', papersAdded: 70, papersUnchanged: 10, papersUpdated: 0 });
    expect(report.writtenPaperIds).toEqual(incoming.map((p) => p.id));
    // Groups of 10% of the stored corpus as it grows: 30 papers (once 45 are read), 33 (once 70 are), then the last 7.
    expect(writes).toBe(3);
    const graph = await store.exportGraph();
    expect(graph.papers).toHaveLength(370);
    const counts = new Map<string, number>();
    for (const m of graph.mentions) counts.set(m.conceptId, (counts.get(m.conceptId) ?? 0) + 1);
    for (const c of graph.concepts) expect([c.id, c.paperCount]).toEqual([c.id, counts.get(c.id) ?? 0]);
  });

  it('rebuilds when asked, when a stored paper changes, or when the addition is large', async () => {
    const rebuild = await new IngestService(await storedBase(), { incremental: policy }).ingest(added, { rebuild: true });
    expect(rebuild.mode).toBe('rebuild');
    const changed = { ...base[0]!, abstract: `${base[0]!.abstract} Revised.`, contentHash: 'changed' };
    const update = await new IngestService(await storedBase(), { incremental: policy }).ingest([changed, ...added]);
    expect(update).toMatchObject({ mode: 'rebuild', papersUpdated: 1, papersAdded: 25 });
    const large = await new IngestService(await storedBase(), { incremental: policy }).ingest(papers(31, 300));
    expect(large.mode).toBe('rebuild');
    const small = await new IngestService(await storedBase(), { incremental: policy }).ingest(papers(30, 300));
    expect(small.mode).toBe('incremental');
    const unchanged = await new IngestService(await storedBase(), { incremental: policy }).ingest(base.slice(0, 10));
    expect(unchanged).toMatchObject({ papersUnchanged: 10, writtenPaperIds: [] });
    expect(unchanged.mode).toBeUndefined();
  });
});

describe('the co-occurrence budget', () => {
  const r = (source: string, target: string, sharedPapers: number, weight: number): RelatedRecord => ({ source, target, sharedPapers, weight });
  const related = [
    r('a', 'b', 1, 0.9),
    r('a', 'c', 1, 0.8),
    r('a', 'd', 1, 0.7),
    r('a', 'e', 1, 0.6),
    r('a', 'f', 3, 0.1),
    r('b', 'c', 1, 0.95),
    r('e', 'g', 1, 0.2),
  ];

  it('keeps every pair below the corpus size where it applies', () => {
    expect(budgetRelated(related, RELATED_BUDGET.minPapers - 1)).toEqual(related);
  });

  it('keeps pairs shared by enough papers, and each concept its heaviest pairs', () => {
    expect(RELATED_BUDGET).toMatchObject({ minShared: 2, perConcept: 3 });
    const kept = budgetRelated(related, RELATED_BUDGET.minPapers);
    // a's top 3 are b, c, d; e keeps a-e (its heaviest); f keeps a-f (shared by 3 papers).
    expect(kept).toEqual([r('a', 'b', 1, 0.9), r('a', 'c', 1, 0.8), r('a', 'd', 1, 0.7), r('a', 'e', 1, 0.6), r('a', 'f', 3, 0.1), r('b', 'c', 1, 0.95), r('e', 'g', 1, 0.2)]);
    // The bound: at most perConcept pairs per concept besides those shared by minShared papers.
    const concepts = new Set(related.flatMap((x) => [x.source, x.target]));
    expect(kept.filter((x) => x.sharedPapers < RELATED_BUDGET.minShared).length).toBeLessThanOrEqual(RELATED_BUDGET.perConcept * concepts.size);
  });

  it('drops a pair neither of whose concepts ranks it among its heaviest', () => {
    const many = [r('x', 'y1', 1, 0.9), r('x', 'y2', 1, 0.8), r('x', 'y3', 1, 0.7), r('x', 'y4', 1, 0.1), r('y4', 'z1', 1, 0.9), r('y4', 'z2', 1, 0.8), r('y4', 'z3', 1, 0.7)];
    const kept = budgetRelated(many, RELATED_BUDGET.minPapers);
    expect(kept).not.toContainEqual(r('x', 'y4', 1, 0.1));
    expect(kept).toHaveLength(6);
    // Order-independent: the same pairs whatever the input order.
    expect(budgetRelated([...many].reverse(), RELATED_BUDGET.minPapers).sort((a, b) => (a.target < b.target ? -1 : 1))).toEqual(
      [...kept].sort((a, b) => (a.target < b.target ? -1 : 1)),
    );
  });
});
