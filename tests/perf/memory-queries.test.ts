import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/generator.js';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { toPaperSource } from '../../src/ingest/paper-input.js';
import { expandNeighbourhood, rankSimilar, shortestPath, type SimilarCandidate } from '../../src/store/algorithms.js';
import type { GraphData } from '../../src/model.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

// The embedded store's fast paths (similar papers pruned by a rough score, papers of a concept
// from a cached sorted list) must answer exactly what the plain definitions answer.
describe('embedded store query fast paths', () => {
  const papers = [...syntheticCorpus(150, { seed: 9 })].map((p) => toPaperSource({ id: p.id, title: p.title, abstract: p.abstract }, 's'));
  const graph = buildGraph(papers);

  /** Every paper's similar papers, as ranking every paper sharing a concept gives them. */
  async function expectSimilarAsDefined(store: MemoryStore, graph: GraphData, count: number): Promise<void> {
    const byConcept = new Map<string, string[]>();
    for (const m of graph.mentions) byConcept.set(m.conceptId, [...(byConcept.get(m.conceptId) ?? []), m.paperId]);
    const concept = new Map(graph.concepts.map((c) => [c.id, c]));
    const paper = new Map(graph.papers.map((p) => [p.id, p]));
    for (const p of graph.papers.slice(0, count)) {
      const shared = new Map<string, SimilarCandidate>();
      for (const m of graph.mentions.filter((x) => x.paperId === p.id)) {
        for (const other of byConcept.get(m.conceptId) ?? []) {
          if (other === p.id) continue;
          const c = shared.get(other) ?? { paper: paper.get(other)!, shared: [] };
          c.shared.push({ conceptId: m.conceptId, paperCount: concept.get(m.conceptId)!.paperCount });
          shared.set(other, c);
        }
      }
      for (const first of [1, 5, 10]) {
        expect(await store.similarPapers(p.id, first)).toEqual(rankSimilar([...shared.values()], graph.papers.length, first));
      }
    }
  }

  it('similarPapers equals ranking every candidate', async () => {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(graph);
    await expectSimilarAsDefined(store, graph, 40);
  });

  it('similarPapers equals ranking every candidate after a delta adds papers, mentions and concepts', async () => {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(buildGraph(papers.slice(0, 110)));
    await store.warm();
    await store.similarPapers(papers[0]!.id, 10);
    // The graph of all 150 papers over the 110's: new papers, concepts and mentions, and
    // counts changed; the stored graph is the union (a delta removes nothing).
    await store.applyDelta(graph);
    const merged = await store.exportGraph();
    expect(merged.papers).toHaveLength(150);
    await expectSimilarAsDefined(store, merged, 150);
  });

  it('pages through papersOfConcept the same way on every call, with and without narrower concepts', async () => {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(graph);
    const top = [...graph.concepts].sort((a, b) => b.paperCount - a.paperCount)[0]!;
    for (const narrower of [false, true]) {
      const all = await store.papersOfConcept(top.id, narrower, { first: 1000, after: null });
      expect(all.totalCount).toBeGreaterThanOrEqual(top.paperCount);
      const seen: string[] = [];
      let after = null;
      for (;;) {
        const page = await store.papersOfConcept(top.id, narrower, { first: 3, after });
        seen.push(...page.items.map((p) => p.id));
        if (!page.hasNextPage) break;
        after = page.keys.at(-1)!;
      }
      expect(seen).toEqual(all.items.map((p) => p.id));
    }
  });

  it('path finds the path shortestPath finds, for every pair of a sample of concepts', async () => {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(graph);
    const adjacency = new Map<string, Set<string>>();
    const link = (a: string, b: string) => adjacency.set(a, (adjacency.get(a) ?? new Set()).add(b));
    for (const r of graph.related) (link(r.source, r.target), link(r.target, r.source));
    for (const b of graph.broader) (link(b.narrower, b.broader), link(b.broader, b.narrower));
    const ids = graph.concepts.map((c) => c.id).filter((_, i) => i % 7 === 0).slice(0, 40);
    let found = 0;
    for (const from of ids) {
      for (const to of ids.slice(0, 15)) {
        for (const hops of [1, 2, 4]) {
          const expected = await shortestPath(from, to, hops, async (f) => new Map(f.map((id) => [id, [...(adjacency.get(id) ?? [])]])));
          const path = await store.path(from, to, hops);
          expect(path ? path.nodes.map((n) => n.id) : null).toEqual(expected);
          if (expected) found++;
        }
      }
    }
    expect(found).toBeGreaterThan(100);
  });

  it('neighbourhood takes the concepts expandNeighbourhood takes, in the same order', async () => {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(graph);
    const related = new Map<string, { other: string; weight: number }[]>();
    for (const r of graph.related) {
      related.set(r.source, [...(related.get(r.source) ?? []), { other: r.target, weight: r.weight }]);
      related.set(r.target, [...(related.get(r.target) ?? []), { other: r.source, weight: r.weight }]);
    }
    const hubs = [...graph.concepts].sort((a, b) => b.paperCount - a.paperCount).slice(0, 25).map((c) => c.id);
    for (const id of hubs) {
      for (const options of [
        { depth: 2, limit: 50, minWeight: 0 },
        { depth: 1, limit: 5, minWeight: 0 },
        { depth: 3, limit: 30, minWeight: 0.2, perHop: 4 },
        { depth: 2, limit: 12, minWeight: 0, perHop: 3 },
      ]) {
        const expected = await expandNeighbourhood(id, options, async (ids) => new Map(ids.map((x) => [x, related.get(x) ?? []])));
        expect((await store.neighbourhood(id, options)).nodes.map((n) => n.id)).toEqual(expected);
      }
    }
  });
});
