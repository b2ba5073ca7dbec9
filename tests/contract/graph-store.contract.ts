import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/model.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { InvalidDeltaError } from '../../src/store/delta.js';
import type { GraphStore, ListPage, SortKey } from '../../src/store/graph-store.js';
import { conceptLookupKeys } from '../../src/store/lookup.js';
import { smallDelta, smallGraphWithDelta } from '../fixtures/small-delta.fixtures.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

const ids = (items: readonly ({ id: string } | null)[]) => items.map((i) => i?.id ?? null);
const page = (first: number, after: SortKey | null = null) => ({ first, after });
/** The request for the page after `previous`. */
const next = (first: number, previous: ListPage<unknown>) => page(first, previous.keys.at(-1) ?? null);
const EMPTY: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };

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

  describe('deltas', () => {
    // Every test here changes the stored graph: the next one (and the rest of the suite) starts from the fixture again.
    afterEach(async () => {
      await store.replaceGraph(smallGraph());
    });

    const edges = (g: { edges: { kind: string; source: string; target: string }[] }) => g.edges.map((e) => `${e.kind}:${e.source}>${e.target}`);
    const hits = async (query: string) =>
      (await store.search(query, 10)).map((h) => `${h.kind}:${h.kind === 'PAPER' ? h.paper.id : h.kind === 'CONCEPT' ? h.concept.id : h.repository.id}`);

    it('adds a paper, its mentions of a stored and a new concept, a repository and edges, and every read sees them', async () => {
      // Reads first, so whatever a store keeps from them (sorted lists, caches, the search index) must follow the delta.
      await store.warm();
      expect(ids((await store.papersOfConcept('alpha', true, page(10))).items)).toEqual(['p-a', 'p-b']);
      expect(await store.path('alpha', 'epsilon', 4)).not.toBeNull();
      // "zeta" is one typo away from "beta".
      expect(await hits('zeta')).toEqual(['CONCEPT:beta']);

      expect(await store.applyDelta(smallDelta())).toEqual({ conceptsCreated: 1, repositoriesCreated: 1 });

      expect(await store.stats()).toEqual({ papers: 5, concepts: 6, repositories: 3, mentions: 11 });
      expect(await store.conceptsByIds(['zeta', 'alpha'])).toEqual(smallDelta().concepts.reverse());
      expect(await store.mentionsOfPapers(['p-e'])).toEqual([smallDelta().mentions]);
      expect((await store.repositoriesOfPapers(['p-e'])).map(ids)).toEqual([['github.com/org/three']]);
      expect((await store.papersOfRepositories(['github.com/org/three'])).map(ids)).toEqual([['p-e']]);
      expect(ids((await store.papersOfConcept('alpha', false, page(10))).items)).toEqual(['p-e', 'p-a', 'p-b']);
      expect(ids((await store.papersOfConcept('zeta', false, page(10))).items)).toEqual(['p-e']);
      // Through the new BROADER edge zeta -> alpha; p-e's best mention is its alpha one (0.95).
      const wide = await store.papersOfConcept('alpha', true, page(10));
      expect([wide.totalCount, ids(wide.items), wide.keys[0]]).toEqual([3, ['p-e', 'p-a', 'p-b'], { values: [0.95], id: 'p-e' }]);
      expect((await store.broaderOfConcepts(['zeta'])).map(ids)).toEqual([['alpha']]);
      expect((await store.narrowerOfConcepts(['alpha'])).map(ids)).toEqual([['zeta']]);
      // The new alias of the replaced alpha finds it; its old names still do.
      expect((await store.conceptByLookupKeys(conceptLookupKeys('Alpha Networks')))?.id).toBe('alpha');
      expect(ids(await store.conceptsByLookupKeys(['AL', 'ZT', 'alphas'].map(conceptLookupKeys)))).toEqual(['alpha', 'zeta', 'alpha']);
      expect(await hits('zeta')).toEqual(['CONCEPT:zeta', 'CONCEPT:beta', 'PAPER:p-e']);
      expect(await hits('combine')).toEqual(['PAPER:p-e']);
      expect((await hits('org/three'))[0]).toBe('REPOSITORY:github.com/org/three');
      const g = await store.neighbourhood('zeta', { depth: 1, limit: 50, minWeight: 0, papers: true, repositories: true });
      expect(g.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual([
        'CONCEPT:zeta',
        'CONCEPT:alpha',
        'PAPER:p-e',
        'PAPER:p-a',
        'PAPER:p-b',
        'REPOSITORY:github.com/org/one',
        'REPOSITORY:github.com/org/three',
        'REPOSITORY:github.com/org/two',
      ]);
      expect(edges(g).filter((e) => !e.startsWith('HAS_CODE') && !e.startsWith('MENTIONS'))).toEqual(['BROADER:zeta>alpha', 'RELATED_TO:alpha>zeta']);
      expect(ids((await store.path('beta', 'zeta', 3))?.nodes ?? [])).toEqual(['beta', 'alpha', 'zeta']);
      expect((await store.paths('beta', 'zeta', 3, 5)).map((p) => ids(p.nodes))).toEqual([
        ['beta', 'alpha', 'zeta'],
        ['beta', 'gamma', 'alpha', 'zeta'],
      ]);
    });

    it('replaces a stored RELATED_TO pair, whichever order it is asked in, and adds one between stored concepts', async () => {
      const pairs = [
        { a: 'beta', b: 'alpha' },
        { a: 'alpha', b: 'beta' },
        { a: 'zeta', b: 'alpha' },
        { a: 'alpha', b: 'epsilon' },
        { a: 'alpha', b: 'alpha' },
        { a: 'nope', b: 'alpha' },
      ];
      expect(await store.relatedOfPairs(pairs)).toEqual([
        { source: 'alpha', target: 'beta', sharedPapers: 2, weight: 1 },
        { source: 'alpha', target: 'beta', sharedPapers: 2, weight: 1 },
        null,
        null,
        null,
        null,
      ]);
      expect(await store.relatedOfPairs([])).toEqual([]);
      await store.relatedOfConcepts(['alpha', 'beta'], 10);
      expect((await store.path('beta', 'epsilon', 4))?.hops).toBe(3);
      const delta = smallDelta();
      await store.applyDelta({ ...delta, related: [...delta.related, { source: 'beta', target: 'epsilon', sharedPapers: 1, weight: 0.3 }] });
      const ab = { source: 'alpha', target: 'beta', sharedPapers: 3, weight: 0.8 };
      expect(await store.relatedOfPairs(pairs)).toEqual([ab, ab, { source: 'alpha', target: 'zeta', sharedPapers: 1, weight: 0.6 }, null, null, null]);
      const [alpha, beta] = await store.relatedOfConcepts(['alpha', 'beta'], 10);
      expect(alpha!.map((r) => [r.concept.id, r.sharedPapers, r.weight])).toEqual([
        ['beta', 3, 0.8],
        ['zeta', 1, 0.6],
        ['gamma', 1, 0.2],
      ]);
      expect(beta!.map((r) => [r.concept.id, r.sharedPapers, r.weight])).toEqual([
        ['alpha', 3, 0.8],
        ['epsilon', 1, 0.3],
        ['gamma', 1, 0.2],
      ]);
      expect(await store.path('beta', 'epsilon', 4)).toEqual({
        hops: 1,
        nodes: [
          { id: 'beta', kind: 'CONCEPT', label: 'beta' },
          { id: 'epsilon', kind: 'CONCEPT', label: 'epsilon' },
        ],
        edges: [{ source: 'beta', target: 'epsilon', kind: 'RELATED_TO', weight: 0.3 }],
      });
      expect(edges(await store.neighbourhood('alpha', { depth: 1, limit: 50, minWeight: 0.7 }))).toEqual(['RELATED_TO:alpha>beta']);
    });

    it('holds the merged graph, and applying the same delta again changes nothing', async () => {
      await store.applyDelta(smallDelta());
      expect(await store.exportGraph()).toEqual(canonicalGraph(smallGraphWithDelta()));
      expect(await store.applyDelta(smallDelta())).toEqual({ conceptsCreated: 0, repositoriesCreated: 0 });
      expect(await store.exportGraph()).toEqual(canonicalGraph(smallGraphWithDelta()));
      expect(await store.stats()).toEqual({ papers: 5, concepts: 6, repositories: 3, mentions: 11 });
    });

    it('refuses a delta with an edge to a node neither stored nor in it, and writes none of it', async () => {
      const before = await store.exportGraph();
      const delta = smallDelta();
      const broken = { ...delta, mentions: [...delta.mentions, { ...delta.mentions[0]!, conceptId: 'missing' }] };
      await expect(store.applyDelta(broken)).rejects.toThrow(InvalidDeltaError);
      await expect(store.applyDelta(broken)).rejects.toThrow(/MENTIONS edge p-e -> missing refers to missing/);
      const unknownRepo = { ...delta, hasCode: [{ paperId: 'p-a', repositoryId: 'github.com/org/nowhere' }] };
      await expect(store.applyDelta(unknownRepo)).rejects.toThrow(/HAS_CODE edge p-a -> github.com\/org\/nowhere/);
      const twice = { ...delta, related: [...delta.related, delta.related[0]!] };
      await expect(store.applyDelta(twice)).rejects.toThrow(/RELATED_TO edge alpha -> beta appears twice/);
      const reversed = { ...delta, related: [{ source: 'beta', target: 'alpha', sharedPapers: 1, weight: 0.1 }] };
      await expect(store.applyDelta(reversed)).rejects.toThrow(/source < target/);
      expect(await store.exportGraph()).toEqual(before);
      expect(await store.papersByIds(['p-e'])).toEqual([null]);
      expect(await hits('zeta')).toEqual(['CONCEPT:beta']);
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
    it('pages papers in id order with a total count and keyset cursors', async () => {
      const first = await store.listPapers(page(2), {}, 'ID_ASC');
      expect([first.totalCount, ids(first.items), first.hasNextPage]).toEqual([4, ['p-a', 'p-b'], true]);
      expect(first.keys).toEqual([{ values: [], id: 'p-a' }, { values: [], id: 'p-b' }]);
      const second = await store.listPapers(next(2, first), {}, 'ID_ASC');
      expect([ids(second.items), second.hasNextPage]).toEqual([['p-c', 'p-d'], false]);
      expect((await store.listPapers(next(2, second), {}, 'ID_ASC')).items).toEqual([]);
    });

    it('filters papers by concepts (all of them), code, year and search text', async () => {
      const list = async (filter: Parameters<GraphStore['listPapers']>[1]) =>
        ids((await store.listPapers(page(10), filter, 'ID_ASC')).items);
      expect(await list({ conceptIds: ['gamma'] })).toEqual(['p-b', 'p-c']);
      expect(await list({ conceptIds: ['gamma', 'alpha'] })).toEqual(['p-b']);
      expect(await list({ conceptIds: ['gamma', 'epsilon'] })).toEqual([]);
      expect(await list({ hasCode: true })).toEqual(['p-a', 'p-b']);
      expect(await list({ hasCode: false })).toEqual(['p-c', 'p-d']);
      const y = await store.listPapers(page(10), { year: 2021 }, 'ID_ASC');
      expect([y.totalCount, ids(y.items)]).toEqual([1, ['p-d']]);
      expect(await list({ search: 'gamma' })).toEqual(['p-b', 'p-c', 'p-d']);
      expect(await list({ search: 'delt', hasCode: false })).toEqual(['p-c', 'p-d']);
      expect(await list({ search: 'zzzz qqqq' })).toEqual([]);
    });

    it('orders papers by title, year (none last) and relevance, paging each order by its key', async () => {
      const all = async (order: 'TITLE_ASC' | 'YEAR_DESC' | 'RELEVANCE', filter = {}) => {
        const seen: string[] = [];
        let p = await store.listPapers(page(1), filter, order);
        for (;;) {
          seen.push(...ids(p.items).map(String));
          if (!p.hasNextPage) return seen;
          p = await store.listPapers(next(1, p), filter, order);
        }
      };
      expect(await all('TITLE_ASC')).toEqual(['p-a', 'p-b', 'p-d', 'p-c']);
      expect(await all('YEAR_DESC')).toEqual(['p-d', 'p-a', 'p-b', 'p-c']);
      const relevance = await store.listPapers(page(10), { search: 'gamma' }, 'RELEVANCE');
      // p-b and p-c have "gamma" in title and abstract (equal scores, so by id), p-d in its abstract only.
      expect(ids(relevance.items)).toEqual(['p-b', 'p-c', 'p-d']);
      expect(await all('RELEVANCE', { search: 'beta gamma' })).toEqual(['p-b', 'p-a', 'p-c', 'p-d']);
      const titled = await store.listPapers(page(2), {}, 'TITLE_ASC');
      expect(titled.keys).toEqual([
        { values: ['Alpha methods for beta problems'], id: 'p-a' },
        { values: ['Beta and gamma'], id: 'p-b' },
      ]);
    });

    it('keeps a cursor valid when the item it points at is gone', async () => {
      const first = await store.listPapers(page(2), {}, 'ID_ASC');
      const gone = { values: [], id: 'p-bb' };
      expect(ids((await store.listPapers(page(5, gone), {}, 'ID_ASC')).items)).toEqual(['p-c', 'p-d']);
      expect(first.items).toHaveLength(2);
    });

    it('orders concepts by paper count, name or rank, with filters', async () => {
      const list = async (order: 'PAPER_COUNT_DESC' | 'NAME_ASC' | 'RANK_DESC', filter = {}, first = 10) =>
        store.listConcepts(page(first), filter, order);
      expect(ids((await list('PAPER_COUNT_DESC')).items)).toEqual(['alpha', 'beta', 'delta-gamma', 'gamma', 'epsilon']);
      expect(ids((await list('NAME_ASC')).items)).toEqual(['alpha', 'beta', 'delta-gamma', 'epsilon', 'gamma']);
      expect(ids((await list('RANK_DESC')).items)).toEqual(['delta-gamma', 'alpha', 'beta', 'gamma', 'epsilon']);
      const popular = await list('PAPER_COUNT_DESC', { minPapers: 2 }, 2);
      expect([popular.totalCount, ids(popular.items)]).toEqual([4, ['alpha', 'beta']]);
      expect(ids((await list('NAME_ASC', { nameContains: 'GAMM' })).items)).toEqual(['delta-gamma', 'gamma']);
      expect(ids((await list('RANK_DESC', { community: 1 })).items)).toEqual(['delta-gamma', 'gamma', 'epsilon']);
      expect((await list('RANK_DESC', { community: 9 })).totalCount).toBe(0);
      const firstTwo = await list('RANK_DESC', {}, 2);
      expect(firstTwo.keys.at(-1)).toEqual({ values: [0.217196], id: 'alpha' });
      const rest = await store.listConcepts(next(10, firstTwo), {}, 'RANK_DESC');
      expect([ids(rest.items), rest.hasNextPage]).toEqual([['beta', 'gamma', 'epsilon'], false]);
      const byCount = await store.listConcepts(page(10, { values: [2], id: 'beta' }), {}, 'PAPER_COUNT_DESC');
      expect(ids(byCount.items)).toEqual(['delta-gamma', 'gamma', 'epsilon']);
    });

    it('pages repositories by id', async () => {
      const first = await store.listRepositories(page(1));
      const r = await store.listRepositories(next(1, first));
      expect([r.totalCount, ids(r.items), r.hasNextPage]).toEqual([2, ['github.com/org/two'], false]);
    });

    it("orders a concept's papers by confidence, optionally through narrower concepts", async () => {
      expect(ids((await store.papersOfConcept('gamma', false, page(10))).items)).toEqual(['p-c', 'p-b']);
      const wide = await store.papersOfConcept('gamma', true, page(10));
      expect([wide.totalCount, ids(wide.items)]).toEqual([3, ['p-c', 'p-b', 'p-d']]);
      expect(wide.keys[1]).toEqual({ values: [0.6], id: 'p-b' });
      const first = await store.papersOfConcept('gamma', true, page(1));
      expect(ids((await store.papersOfConcept('gamma', true, next(1, first))).items)).toEqual(['p-b']);
      expect((await store.papersOfConcept('nope', true, page(10))).totalCount).toBe(0);
    });
  });

  describe('ranking and communities', () => {
    it('keeps rank and community on concepts', async () => {
      const [gamma, alpha] = await store.conceptsByIds(['gamma', 'alpha']);
      expect([gamma?.rank, gamma?.community, alpha?.rank, alpha?.community]).toEqual([0.176552, 1, 0.217196, 2]);
    });

    it('lists communities largest first with keyset pages, and finds them by id', async () => {
      const first = await store.listCommunities(page(1));
      expect([first.totalCount, first.items, first.hasNextPage]).toEqual([2, [{ id: 1, size: 3 }], true]);
      const second = await store.listCommunities(next(1, first));
      expect([second.items, second.hasNextPage]).toEqual([[{ id: 2, size: 2 }], false]);
      expect(await store.communitiesByIds([2, 7, 1])).toEqual([{ id: 2, size: 2 }, null, { id: 1, size: 3 }]);
    });

    it("gives a community's concepts by rank and its papers by the concepts they mention", async () => {
      expect((await store.conceptsOfCommunities([1, 2, 9], 2)).map(ids)).toEqual([['delta-gamma', 'gamma'], ['alpha', 'beta'], []]);
      // Community 1: p-c mentions gamma and delta gamma (0.9 + 0.7), p-d epsilon and delta gamma (1 + 0.4), p-b gamma.
      expect((await store.papersOfCommunities([1, 2], 10)).map(ids)).toEqual([
        ['p-c', 'p-d', 'p-b'],
        ['p-a', 'p-b'],
      ]);
      expect((await store.papersOfCommunities([1], 1)).map(ids)).toEqual([['p-c']]);
    });
  });

  describe('related concepts and batch lookups', () => {
    it('filters related concepts by shared papers', async () => {
      const [alpha] = await store.relatedOfConcepts(['alpha'], 10, 2);
      expect(alpha!.map((r) => r.concept.id)).toEqual(['beta']);
      expect(await store.relatedOfConcepts(['gamma'], 10, 3)).toEqual([[]]);
    });

    it('finds many concepts by name at once, aligned with the names', async () => {
      const found = await store.conceptsByLookupKeys(['ALPHAS', 'nothing', 'Delta Gamma', 'al'].map(conceptLookupKeys));
      expect(ids(found)).toEqual(['alpha', null, 'delta-gamma', 'alpha']);
      expect(await store.conceptsByLookupKeys([])).toEqual([]);
    });

    it('gives the papers mentioning both concepts of each pair', async () => {
      const [ab, gd, ae, self] = await store.papersOfConceptPairs(
        [{ a: 'alpha', b: 'beta' }, { a: 'delta-gamma', b: 'gamma' }, { a: 'alpha', b: 'epsilon' }, { a: 'alpha', b: 'alpha' }],
        10,
      );
      // p-a: 0.9 + 0.5 = 1.4; p-b: 0.3 + 0.8 = 1.1.
      expect([ab!.total, ids(ab!.papers)]).toEqual([2, ['p-a', 'p-b']]);
      expect([gd!.total, ids(gd!.papers)]).toEqual([1, ['p-c']]);
      expect(ae).toEqual({ total: 0, papers: [] });
      expect(self).toEqual({ total: 0, papers: [] });
      const [firstOnly] = await store.papersOfConceptPairs([{ a: 'beta', b: 'alpha' }], 1);
      expect([firstOnly!.total, ids(firstOnly!.papers)]).toEqual([2, ['p-a']]);
    });

    it("ranks a repository's concepts by IDF-weighted counts", async () => {
      // Both repositories' papers mention alpha and beta twice (or once each) and gamma once; all have 2 papers.
      expect((await store.conceptsOfRepositories(['github.com/org/two'])).map(ids)).toEqual([['alpha', 'beta', 'gamma']]);
    });
  });

  describe('export', () => {
    it('exports the whole graph in canonical order, and an import of it holds the same graph', async () => {
      const exported = await store.exportGraph();
      const graph = smallGraph();
      expect(exported.papers).toEqual(graph.papers);
      expect(exported.concepts).toEqual(graph.concepts);
      expect(exported.repositories).toEqual(graph.repositories);
      const byKey = <T>(list: T[], key: (x: T) => string) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      expect(exported.mentions).toEqual(byKey(graph.mentions, (m) => `${m.paperId} ${m.conceptId}`));
      expect(exported.hasCode).toEqual(graph.hasCode);
      expect(exported.related).toEqual(byKey(graph.related, (r) => `${r.source} ${r.target}`));
      expect(exported.broader).toEqual(graph.broader);
      // The store is emptied and refilled from its own export: same graph, same answers.
      await store.replaceGraph(EMPTY);
      expect(await store.stats()).toEqual({ papers: 0, concepts: 0, repositories: 0, mentions: 0 });
      await store.replaceGraph(JSON.parse(JSON.stringify(exported)) as GraphData);
      expect(await store.exportGraph()).toEqual(exported);
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

    it('adds papers and repositories to a neighbourhood, and limits each hop', async () => {
      const g = await store.neighbourhood('gamma', { depth: 1, limit: 3, minWeight: 0, papers: true, repositories: true });
      expect(g.nodes).toEqual([
        { id: 'gamma', kind: 'CONCEPT', label: 'gamma' },
        { id: 'delta-gamma', kind: 'CONCEPT', label: 'delta gamma' },
        { id: 'alpha', kind: 'CONCEPT', label: 'alpha' },
        { id: 'p-c', kind: 'PAPER', label: 'Gamma at scale' },
        { id: 'p-b', kind: 'PAPER', label: 'Beta and gamma' },
        { id: 'p-a', kind: 'PAPER', label: 'Alpha methods for beta problems' },
        { id: 'github.com/org/one', kind: 'REPOSITORY', label: 'org/one' },
        { id: 'github.com/org/two', kind: 'REPOSITORY', label: 'org/two' },
      ]);
      expect(g.edges.filter((e) => e.kind !== 'RELATED_TO' && e.kind !== 'BROADER')).toEqual([
        { source: 'p-a', target: 'github.com/org/one', kind: 'HAS_CODE', weight: null },
        { source: 'p-b', target: 'github.com/org/one', kind: 'HAS_CODE', weight: null },
        { source: 'p-b', target: 'github.com/org/two', kind: 'HAS_CODE', weight: null },
        { source: 'p-a', target: 'alpha', kind: 'MENTIONS', weight: 0.9 },
        { source: 'p-b', target: 'alpha', kind: 'MENTIONS', weight: 0.3 },
        { source: 'p-b', target: 'gamma', kind: 'MENTIONS', weight: 0.6 },
        { source: 'p-c', target: 'delta-gamma', kind: 'MENTIONS', weight: 0.7 },
        { source: 'p-c', target: 'gamma', kind: 'MENTIONS', weight: 0.9 },
      ]);
      const papersOnly = await store.neighbourhood('gamma', { depth: 1, limit: 2, minWeight: 0, papers: true });
      expect(papersOnly.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual(['CONCEPT:gamma', 'CONCEPT:delta-gamma', 'PAPER:p-c', 'PAPER:p-b']);
      const narrow = await store.neighbourhood('alpha', { depth: 2, limit: 50, minWeight: 0, perHop: 1 });
      expect(ids(narrow.nodes)).toEqual(['alpha', 'beta', 'gamma']);
    });

    it('finds the k shortest paths in a fixed order, the first being the shortest path', async () => {
      const paths = await store.paths('alpha', 'delta-gamma', 4, 5);
      expect(paths.map((p) => ids(p.nodes))).toEqual([
        ['alpha', 'gamma', 'delta-gamma'],
        ['alpha', 'beta', 'gamma', 'delta-gamma'],
      ]);
      expect(paths[0]).toEqual(await store.path('alpha', 'delta-gamma', 4));
      expect(paths[1]!.edges.map((e) => `${e.kind}:${e.source}>${e.target}`)).toEqual([
        'RELATED_TO:alpha>beta',
        'RELATED_TO:beta>gamma',
        'RELATED_TO:delta-gamma>gamma',
      ]);
      expect((await store.paths('alpha', 'delta-gamma', 2, 5)).map((p) => p.hops)).toEqual([2]);
      expect(await store.paths('alpha', 'delta-gamma', 4, 1)).toHaveLength(1);
      expect(await store.paths('alpha', 'nope', 4, 3)).toEqual([]);
      expect((await store.paths('beta', 'beta', 4, 3)).map((p) => p.hops)).toEqual([0]);
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
      await store.warm();
      await store.warm(); // idempotent
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

    it('matches word prefixes everywhere and concept names with typos', async () => {
      const kinds = (hits: Awaited<ReturnType<GraphStore['search']>>) =>
        hits.map((h) => `${h.kind}:${h.kind === 'PAPER' ? h.paper.id : h.kind === 'CONCEPT' ? h.concept.id : h.repository.id}`);
      expect(kinds(await store.search('epsil', 10))).toEqual(['CONCEPT:epsilon', 'PAPER:p-d']);
      // "epsilom": one edit from the concept name; papers need whole words or prefixes.
      expect(kinds(await store.search('epsilom', 10))).toEqual(['CONCEPT:epsilon']);
      expect(kinds(await store.search('dleta gamma', 10))[0]).toBe('CONCEPT:delta-gamma');
      expect(kinds(await store.search('ga', 10))).toEqual([]);
      expect(kinds(await store.search('githu', 10))).toEqual(['REPOSITORY:github.com/org/one', 'REPOSITORY:github.com/org/two']);
    });
  });
}
