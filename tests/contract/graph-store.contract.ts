import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/store/graph-store.js';
import { conceptLookupKeys } from '../../src/store/lookup.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

const ids = (items: readonly ({ id: string } | null)[]) => items.map((i) => i?.id ?? null);
const page = (first: number, offset = 0) => ({ first, offset });

/**
 * The behaviour every GraphStore must show, run against each adapter. `open` returns an empty
 * store that the suite may fill; the answers here are worked out by hand from smallGraph().
 */
export function graphStoreContract(open: () => Promise<GraphStore>): void {
  let store: GraphStore;

  beforeAll(async () => {
    store = await open();
    const first = await store.replaceGraph(smallGraph());
    expect(first).toEqual({ conceptsCreated: 5, repositoriesCreated: 2 });
  });

  describe('writes', () => {
    it('counts every node and mention', async () => {
      expect(await store.stats()).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
    });

    it('replacing with the same graph creates nothing and changes nothing', async () => {
      expect(await store.replaceGraph(smallGraph())).toEqual({ conceptsCreated: 0, repositoriesCreated: 0 });
      expect(await store.stats()).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
    });

    it('returns every paper in id order with its stored fields', async () => {
      const papers = await store.allPapers();
      expect(papers.map((p) => p.id)).toEqual(['p-a', 'p-b', 'p-c', 'p-d']);
      expect(papers[3]).toEqual(smallGraph().papers[3]);
    });

    it('removes what a replacement graph no longer holds', async () => {
      const graph = smallGraph();
      const smaller = {
        ...graph,
        papers: graph.papers.filter((p) => p.id !== 'p-d'),
        concepts: graph.concepts.filter((c) => c.id !== 'epsilon'),
        mentions: graph.mentions.filter((m) => m.paperId !== 'p-d'),
        related: graph.related.filter((r) => r.target !== 'epsilon'),
      };
      await store.replaceGraph(smaller);
      expect(await store.stats()).toEqual({ papers: 3, concepts: 4, repositories: 2, mentions: 7 });
      expect(await store.conceptsByIds(['epsilon'])).toEqual([null]);
      expect(await store.replaceGraph(graph)).toEqual({ conceptsCreated: 1, repositoriesCreated: 0 });
      expect(await store.stats()).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
    });
  });

  describe('point and batch reads', () => {
    it('answers batches in key order with null for unknown ids', async () => {
      expect(ids(await store.papersByIds(['p-b', 'nope', 'p-a']))).toEqual(['p-b', null, 'p-a']);
      expect(ids(await store.conceptsByIds(['gamma', 'nope']))).toEqual(['gamma', null]);
      expect(ids(await store.repositoriesByIds(['github.com/org/two']))).toEqual(['github.com/org/two']);
    });

    it('keeps concept fields intact', async () => {
      const [alpha] = await store.conceptsByIds(['alpha']);
      expect(alpha).toEqual(smallGraph().concepts[0]);
    });

    it('finds a concept by acronym, alias or any case', async () => {
      for (const name of ['AL', 'al', 'Alpha', 'ALPHAS', 'alpha']) {
        expect((await store.conceptByLookupKeys(conceptLookupKeys(name)))?.id, name).toBe('alpha');
      }
      expect((await store.conceptByLookupKeys(conceptLookupKeys('Delta Gamma')))?.id).toBe('delta-gamma');
      expect(await store.conceptByLookupKeys(conceptLookupKeys('zeta'))).toBeNull();
    });

    it("orders a paper's mentions by confidence", async () => {
      const [mentions, none] = await store.mentionsOfPapers(['p-b', 'nope']);
      expect(mentions!.map((m) => m.conceptId)).toEqual(['beta', 'gamma', 'alpha']);
      expect(mentions![2]).toEqual(smallGraph().mentions[4]);
      expect(none).toEqual([]);
    });

    it("lists a paper's repositories by id", async () => {
      const [b, c] = await store.repositoriesOfPapers(['p-b', 'p-c']);
      expect(ids(b!)).toEqual(['github.com/org/one', 'github.com/org/two']);
      expect(c).toEqual([]);
    });

    it('orders related concepts by weight, shared papers, then id, and honours first', async () => {
      const [alpha, gamma] = await store.relatedOfConcepts(['alpha', 'gamma'], 10);
      expect(alpha!.map((r) => [r.concept.id, r.sharedPapers, r.weight])).toEqual([
        ['beta', 2, 1],
        ['gamma', 1, 0.2],
      ]);
      expect(gamma!.map((r) => r.concept.id)).toEqual(['delta-gamma', 'alpha', 'beta']);
      const [firstOnly] = await store.relatedOfConcepts(['gamma'], 1);
      expect(firstOnly!.map((r) => r.concept.id)).toEqual(['delta-gamma']);
    });

    it('follows BROADER both ways', async () => {
      expect((await store.broaderOfConcepts(['delta-gamma', 'gamma'])).map(ids)).toEqual([['gamma'], []]);
      expect((await store.narrowerOfConcepts(['gamma'])).map(ids)).toEqual([['delta-gamma']]);
    });

    it("ranks a concept's repositories by the papers that cite them", async () => {
      expect((await store.repositoriesOfConcepts(['alpha', 'epsilon'])).map(ids)).toEqual([
        ['github.com/org/one', 'github.com/org/two'],
        [],
      ]);
    });

    it("gives a repository's papers and its concepts ranked by shared papers", async () => {
      expect((await store.papersOfRepositories(['github.com/org/one'])).map(ids)).toEqual([['p-a', 'p-b']]);
      expect((await store.conceptsOfRepositories(['github.com/org/one', 'github.com/org/two'])).map(ids)).toEqual([
        ['alpha', 'beta', 'gamma'],
        ['alpha', 'beta', 'gamma'],
      ]);
    });
  });

  describe('lists', () => {
    it('pages papers in id order with a total count', async () => {
      const first = await store.listPapers(page(2), {});
      expect([first.totalCount, ids(first.items)]).toEqual([4, ['p-a', 'p-b']]);
      const second = await store.listPapers(page(2, 2), {});
      expect(ids(second.items)).toEqual(['p-c', 'p-d']);
      expect((await store.listPapers(page(2, 4), {})).items).toEqual([]);
    });

    it('filters papers by concept, code and year', async () => {
      expect(ids((await store.listPapers(page(10), { conceptId: 'gamma' })).items)).toEqual(['p-b', 'p-c']);
      expect(ids((await store.listPapers(page(10), { hasCode: true })).items)).toEqual(['p-a', 'p-b']);
      expect(ids((await store.listPapers(page(10), { hasCode: false })).items)).toEqual(['p-c', 'p-d']);
      const y = await store.listPapers(page(10), { year: 2021 });
      expect([y.totalCount, ids(y.items)]).toEqual([1, ['p-d']]);
    });

    it('orders concepts by paper count or name, with filters', async () => {
      expect(ids((await store.listConcepts(page(10), {}, 'PAPER_COUNT_DESC')).items)).toEqual([
        'alpha', 'beta', 'delta-gamma', 'gamma', 'epsilon',
      ]);
      expect(ids((await store.listConcepts(page(10), {}, 'NAME_ASC')).items)).toEqual([
        'alpha', 'beta', 'delta-gamma', 'epsilon', 'gamma',
      ]);
      const popular = await store.listConcepts(page(2), { minPapers: 2 }, 'PAPER_COUNT_DESC');
      expect([popular.totalCount, ids(popular.items)]).toEqual([4, ['alpha', 'beta']]);
      expect(ids((await store.listConcepts(page(10), { nameContains: 'GAMM' }, 'NAME_ASC')).items)).toEqual([
        'delta-gamma', 'gamma',
      ]);
    });

    it('pages repositories by id', async () => {
      const r = await store.listRepositories(page(1, 1));
      expect([r.totalCount, ids(r.items)]).toEqual([2, ['github.com/org/two']]);
    });

    it("orders a concept's papers by confidence, optionally through narrower concepts", async () => {
      expect(ids((await store.papersOfConcept('gamma', false, page(10))).items)).toEqual(['p-c', 'p-b']);
      const wide = await store.papersOfConcept('gamma', true, page(10));
      expect([wide.totalCount, ids(wide.items)]).toEqual([3, ['p-c', 'p-b', 'p-d']]);
      expect(ids((await store.papersOfConcept('gamma', true, page(1, 1))).items)).toEqual(['p-b']);
      expect((await store.papersOfConcept('nope', true, page(10))).totalCount).toBe(0);
    });
  });

  describe('traversal', () => {
    it('draws a one-hop neighbourhood with the edges among its nodes', async () => {
      const g = await store.neighbourhood('alpha', { depth: 1, limit: 50, minWeight: 0 });
      expect(g.nodes).toEqual([
        { id: 'alpha', kind: 'CONCEPT', label: 'alpha' },
        { id: 'beta', kind: 'CONCEPT', label: 'beta' },
        { id: 'gamma', kind: 'CONCEPT', label: 'gamma' },
      ]);
      expect(g.edges).toEqual([
        { source: 'alpha', target: 'beta', kind: 'RELATED_TO', weight: 1 },
        { source: 'alpha', target: 'gamma', kind: 'RELATED_TO', weight: 0.2 },
        { source: 'beta', target: 'gamma', kind: 'RELATED_TO', weight: 0.2 },
      ]);
    });

    it('goes deeper, stops at the limit and drops light edges', async () => {
      const deep = await store.neighbourhood('alpha', { depth: 2, limit: 50, minWeight: 0 });
      expect(ids(deep.nodes)).toEqual(['alpha', 'beta', 'gamma', 'delta-gamma']);
      expect(deep.edges.map((e) => `${e.kind}:${e.source}>${e.target}`)).toEqual([
        'BROADER:delta-gamma>gamma',
        'RELATED_TO:alpha>beta',
        'RELATED_TO:alpha>gamma',
        'RELATED_TO:beta>gamma',
        'RELATED_TO:delta-gamma>gamma',
      ]);
      expect(ids((await store.neighbourhood('alpha', { depth: 3, limit: 2, minWeight: 0 })).nodes)).toEqual(['alpha', 'beta']);
      expect(ids((await store.neighbourhood('alpha', { depth: 3, limit: 50, minWeight: 0.5 })).nodes)).toEqual(['alpha', 'beta']);
      expect(await store.neighbourhood('nope', { depth: 1, limit: 5, minWeight: 0 })).toEqual({ nodes: [], edges: [] });
    });

    it('finds the shortest path and its edges, within maxHops', async () => {
      const p = await store.path('alpha', 'epsilon', 4);
      expect(p?.hops).toBe(3);
      expect(ids(p!.nodes)).toEqual(['alpha', 'gamma', 'delta-gamma', 'epsilon']);
      expect(p!.edges).toEqual([
        { source: 'alpha', target: 'gamma', kind: 'RELATED_TO', weight: 0.2 },
        { source: 'delta-gamma', target: 'gamma', kind: 'RELATED_TO', weight: 0.5 },
        { source: 'delta-gamma', target: 'epsilon', kind: 'RELATED_TO', weight: 0.7 },
      ]);
      expect(await store.path('alpha', 'epsilon', 2)).toBeNull();
      expect(await store.path('alpha', 'alpha', 4)).toEqual({ hops: 0, nodes: [{ id: 'alpha', kind: 'CONCEPT', label: 'alpha' }], edges: [] });
    });

    it('scores similar papers by the specificity of shared concepts', async () => {
      const similar = await store.similarPapers('p-b', 10);
      expect(similar.map((s) => [s.paper.id, s.sharedConceptIds])).toEqual([
        ['p-a', ['alpha', 'beta']],
        ['p-c', ['gamma']],
      ]);
      expect(similar[0]!.score).toBeCloseTo(2 * Math.log(3), 12);
      expect(similar[1]!.score).toBeCloseTo(Math.log(3), 12);
      expect(await store.similarPapers('p-b', 1)).toHaveLength(1);
      expect(await store.similarPapers('nope', 5)).toEqual([]);
    });

    it('searches concepts, papers and repositories with exact names first', async () => {
      const hits = await store.search('alpha', 10);
      expect(hits[0]).toMatchObject({ kind: 'CONCEPT', score: 3 });
      expect(hits.map((h) => h.kind)).toEqual(['CONCEPT', 'PAPER', 'PAPER']);
      const paperIds = hits.flatMap((h) => (h.kind === 'PAPER' ? [h.paper.id] : []));
      expect(paperIds).toEqual(['p-a', 'p-b']);
      const repo = await store.search('org/two', 5);
      expect(repo[0]).toMatchObject({ kind: 'REPOSITORY', score: 2 });
      expect(await store.search('zzzz', 5)).toEqual([]);
      expect(await store.search('gamma', 1)).toHaveLength(1);
    });
  });
}
