import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphData } from '../../src/model.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { conceptLookupKeys } from '../../src/store/lookup.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { Executor, Neo4jStore, StoreUnavailableError, type Neo4jConnection } from '../../src/store/neo4j/index.js';
import { graphStoreContract } from '../contract/graph-store.contract.js';
import { generatedGraph } from '../fixtures/generated-graph.fixtures.js';
import { smallDelta } from '../fixtures/small-delta.fixtures.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

const uri = inject('neo4jUri') ?? process.env.NEO4J_URI ?? null;

const EMPTY: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };

/** smallGraph plus a generated one: every node and edge kind, enough rows for many small batches. */
function mixedGraph(): GraphData {
  const a = smallGraph();
  const b = generatedGraph(60);
  return {
    papers: [...a.papers, ...b.papers],
    concepts: [...a.concepts, ...b.concepts],
    repositories: [...a.repositories, ...b.repositories],
    mentions: [...a.mentions, ...b.mentions],
    hasCode: [...a.hasCode, ...b.hasCode],
    related: [...a.related, ...b.related],
    broader: [...a.broader, ...b.broader],
  };
}

/**
 * A delta to mixedGraph(): smallDelta() plus 30 new generated papers with their mentions and
 * repositories, three replaced concepts and a new RELATED_TO pair among generated concepts.
 */
function mixedDelta(): GraphData {
  const d = smallDelta();
  const more = generatedGraph(90);
  const added = new Set(more.papers.slice(60).map((p) => p.id));
  return {
    ...d,
    papers: [...d.papers, ...more.papers.filter((p) => added.has(p.id))],
    concepts: [...d.concepts, ...more.concepts.slice(0, 3)],
    mentions: [...d.mentions, ...more.mentions.filter((m) => added.has(m.paperId))],
    hasCode: [...d.hasCode, ...more.hasCode.filter((h) => added.has(h.paperId))],
    related: [...d.related, { source: 'concept-1', target: 'concept-2', sharedPapers: 4, weight: 0.4 }],
  };
}

/** An earlier state to replace: changed fields, a property that must disappear, extra nodes and edges. */
function olderGraph(): GraphData {
  const g = smallGraph();
  return {
    ...g,
    papers: [
      ...g.papers.map((p) => (p.id === 'p-a' ? { ...p, title: 'old title', url: 'https://old.example.org', year: 1999 } : p)),
      { ...g.papers[0]!, id: 'p-old', title: 'Gone' },
    ],
    concepts: [...g.concepts.map((c) => (c.id === 'beta' ? { ...c, acronym: 'B' } : c)), { ...g.concepts[0]!, id: 'zeta', name: 'zeta' }],
    mentions: [...g.mentions.map((m) => ({ ...m, confidence: m.confidence / 2 })), { ...g.mentions[0]!, paperId: 'p-old' }],
    related: [...g.related, { source: 'alpha', target: 'epsilon', sharedPapers: 9, weight: 0.9 }],
    broader: [...g.broader, { narrower: 'alpha', broader: 'beta' }],
  };
}

/** A store that writes in tiny batches and dies (throws) after `stopAfter` committed batches. */
// Note: declared at the top level; Vite's SSR transform miscompiles a class that extends an import inside an else block.
class InterruptedStore extends Neo4jStore {
  batches = 0;
  constructor(
    connection: Neo4jConnection,
    private readonly stopAfter: number,
    batchSize: number,
  ) {
    super(connection);
    this.batchSize = batchSize;
  }
  protected override afterBatch(batches: number): void {
    this.batches = batches;
    if (batches >= this.stopAfter) throw new Error(`killed after ${batches} batches`);
  }
}

if (!uri) {
  describe('neo4j store', () => {
    it('may only be skipped when Neo4j is not required', () => {
      expect(process.env.REQUIRE_NEO4J).not.toBe('1');
    });
  });
} else {
  const connection: Neo4jConnection = {
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'neo4j',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  };
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  /** An initialised store over a database emptied of our labels. */
  async function openEmpty(): Promise<Neo4jStore> {
    const store = new Neo4jStore(connection);
    opened.push(store);
    await store.init();
    await store.replaceGraph(EMPTY);
    return store;
  }

  const executor = new Executor(connection);
  opened.push(executor);

  /** The whole database as sorted text lines: nodes and relationships with their properties, minus `gen`. */
  async function dump(): Promise<{ nodes: string[]; relationships: string[] }> {
    const withoutGen = (props: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'gen').sort(([a], [b]) => (a < b ? -1 : 1)));
    const nodes = await executor.read<{ labels: string[]; properties: Record<string, unknown> }>('dump-nodes');
    const rels = await executor.read<{
      type: string;
      fromLabels: string[];
      fromId: string;
      toLabels: string[];
      toId: string;
      properties: Record<string, unknown>;
    }>('dump-relationships');
    return {
      nodes: nodes.map((n) => JSON.stringify([[...n.labels].sort(), withoutGen(n.properties)])).sort(),
      relationships: rels
        .map((r) => JSON.stringify([r.type, [...r.fromLabels].sort(), r.fromId, [...r.toLabels].sort(), r.toId, withoutGen(r.properties)]))
        .sort(),
    };
  }

  /** An InterruptedStore on the test database, closed after the run. */
  function interrupted(stopAfter: number, batchSize: number): InterruptedStore {
    const store = new InterruptedStore(connection, stopAfter, batchSize);
    opened.push(store);
    return store;
  }

  describe('neo4j store: contract', () => {
    graphStoreContract(openEmpty);
  });

  describe('neo4j store: schema and writes', () => {
    let store: Neo4jStore;
    let clean: Awaited<ReturnType<typeof dump>>;
    beforeAll(async () => {
      store = await openEmpty();
      await store.replaceGraph(mixedGraph());
      clean = await dump();
    });

    it('creates the id uniqueness constraints, the search indexes and the pair index', async () => {
      const constraints = await executor.read<{ type: string; labelsOrTypes: string[]; properties: string[] }>('show-constraints');
      for (const label of ['Paper', 'Concept', 'Repository']) {
        expect(constraints).toContainEqual(
          expect.objectContaining({ type: 'UNIQUENESS', labelsOrTypes: [label], properties: ['id'] }),
        );
      }
      const indexes = await executor.read<{ name: string; type: string; state: string; labelsOrTypes: string[]; analyzer: string }>(
        'show-indexes',
      );
      for (const [name, label] of [
        ['kg_concept_search', 'Concept'],
        ['kg_repository_search', 'Repository'],
        ['kg_paper_search', 'Paper'],
      ] as const) {
        expect(indexes.find((i) => i.name === name)).toMatchObject({ type: 'FULLTEXT', state: 'ONLINE', analyzer: 'whitespace', labelsOrTypes: [label] });
      }
      expect(indexes.find((i) => i.name === 'related_pair')).toMatchObject({ type: 'RANGE', state: 'ONLINE', labelsOrTypes: ['RELATED_TO'] });
      // The indexes earlier versions searched are gone.
      expect(indexes.map((i) => i.name)).not.toContain('kg_search');
      expect(indexes.map((i) => i.name)).not.toContain('kg_concept_fuzzy');
      await store.init();
      await store.ping();
    });

    it('refuses a graph with an edge to a missing node and leaves the store as it was', async () => {
      const graph = mixedGraph();
      const broken = { ...graph, mentions: [...graph.mentions, { ...graph.mentions[0]!, conceptId: 'missing' }] };
      await expect(store.replaceGraph(broken)).rejects.toThrow(/MENTIONS edge p-a -> missing/);
      expect(await dump()).toEqual(clean);
    });

    it('reads back every record exactly as written', async () => {
      const graph = mixedGraph();
      expect(await store.allPapers()).toEqual([...graph.papers].sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(await store.conceptsByIds(graph.concepts.map((c) => c.id))).toEqual(graph.concepts);
      expect(await store.repositoriesByIds(graph.repositories.map((r) => r.id))).toEqual(graph.repositories);
      const mentions = (await store.mentionsOfPapers(graph.papers.map((p) => p.id))).flat();
      const key = (m: { paperId: string; conceptId: string }) => `${m.paperId} ${m.conceptId}`;
      expect([...mentions].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(
        [...graph.mentions].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      );
    });

    it('replacing twice with the same graph leaves identical contents', async () => {
      await store.replaceGraph(mixedGraph());
      const again = await dump();
      expect(again).toEqual(clean);
      expect([again.nodes.length, again.relationships.length]).toEqual([64 + 15 + 7, 9 + 180 + 3 + 60 + 5 + 1]);
      expect(await store.stats()).toEqual({ papers: 64, concepts: 15, repositories: 7, mentions: 189 });
    });

    it('a replacement killed at any batch and run again ends with the graph of a clean run', async () => {
      const counter = interrupted(Number.POSITIVE_INFINITY, 7);
      await counter.replaceGraph(mixedGraph());
      const total = counter.batches;
      expect(total).toBeGreaterThan(20);
      for (const stopAfter of [1, 3, Math.floor(total / 2), total - 2, total - 1]) {
        await store.replaceGraph(olderGraph());
        const killed = interrupted(stopAfter, 7);
        await expect(killed.replaceGraph(mixedGraph())).rejects.toThrow(/killed/);
        // A second crash on top of the first, at another point, must not matter either.
        await expect(interrupted(2, 5).replaceGraph(mixedGraph())).rejects.toThrow(/killed/);
        await store.replaceGraph(mixedGraph());
        expect(await dump(), `killed after ${stopAfter} of ${total} batches`).toEqual(clean);
      }
    });

    it('counts as created only the nodes that were not there before', async () => {
      await store.replaceGraph(olderGraph());
      expect(await store.replaceGraph(mixedGraph())).toEqual({ conceptsCreated: 10, repositoriesCreated: 5 });
      expect(await store.replaceGraph(mixedGraph())).toEqual({ conceptsCreated: 0, repositoriesCreated: 0 });
    });

    it('keeps its data after the driver is closed and a new one opened', async () => {
      const first = await openEmpty();
      await first.replaceGraph(smallGraph());
      const stats = await first.stats();
      await first.close();
      const second = new Neo4jStore(connection);
      opened.push(second);
      await second.init();
      expect(await second.stats()).toEqual(stats);
      expect(await second.allPapers()).toEqual(smallGraph().papers);
      expect(await second.conceptsByIds(['alpha'])).toEqual([smallGraph().concepts[0]]);
    });

    it('adds search token lists to papers written without them when it starts, so search finds them', async () => {
      const first = await openEmpty();
      await first.replaceGraph(smallGraph());
      const expected = await first.search('alpha', 10);
      expect(expected.some((h) => h.kind === 'PAPER')).toBe(true);
      const [removed] = await executor.write<{ papers: number }>('remove-paper-search-tokens');
      expect(removed?.papers).toBe(smallGraph().papers.length);
      expect((await first.search('alpha', 10)).some((h) => h.kind === 'PAPER')).toBe(false);
      const second = new Neo4jStore(connection);
      opened.push(second);
      await second.init();
      expect(await second.search('alpha', 10)).toEqual(expected);
    });

    it('indexes the names of concepts written without lookup keys when it starts, so lookups find them', async () => {
      const first = await openEmpty();
      await first.replaceGraph(smallGraph());
      const concept = smallGraph().concepts[0]!;
      const expected = await first.conceptByLookupKeys(conceptLookupKeys(concept.name));
      expect(expected?.id).toBe(concept.id);
      const [removed] = await executor.write<{ concepts: number }>('remove-concept-key-text');
      expect(removed?.concepts).toBe(smallGraph().concepts.length);
      expect(await first.conceptByLookupKeys(conceptLookupKeys(concept.name))).toBeNull();
      const second = new Neo4jStore(connection);
      opened.push(second);
      await second.init();
      expect(await second.conceptByLookupKeys(conceptLookupKeys(concept.name))).toEqual(expected);
      expect(await second.conceptsByLookupKeys(smallGraph().concepts.map((c) => conceptLookupKeys(c.name)))).toEqual(
        await first.conceptsByIds(smallGraph().concepts.map((c) => c.id)),
      );
    });
  });

  describe('neo4j store: same answers as the embedded store', () => {
    let neo: GraphStore;
    let memory: GraphStore;
    const graph = mixedGraph();
    const conceptIds = [...graph.concepts.map((c) => c.id), 'nope'];
    const paperIds = [...graph.papers.map((p) => p.id), 'nope'];
    const repoIds = [...graph.repositories.map((r) => r.id), 'nope'];
    beforeAll(async () => {
      neo = await openEmpty();
      await neo.replaceGraph(graph);
      memory = new MemoryStore({ dataDir: null });
      await memory.init();
      await memory.replaceGraph(graph);
    });

    it('answers batch reads alike', async () => {
      const same = async (read: (s: GraphStore) => Promise<unknown>) => expect(await read(neo)).toEqual(await read(memory));
      await same((s) => s.mentionsOfPapers(paperIds));
      await same((s) => s.repositoriesOfPapers(paperIds));
      await same((s) => s.relatedOfConcepts(conceptIds, 10));
      await same((s) => s.relatedOfConcepts(conceptIds, 1));
      await same((s) => s.broaderOfConcepts(conceptIds));
      await same((s) => s.narrowerOfConcepts(conceptIds));
      await same((s) => s.repositoriesOfConcepts(conceptIds));
      await same((s) => s.papersOfRepositories(repoIds));
      await same((s) => s.conceptsOfRepositories(repoIds));
      for (const name of ['Concept 3', 'AL', 'alphas', 'delta-gamma', 'Epsilons', 'zeta']) {
        await same((s) => s.conceptByLookupKeys(conceptLookupKeys(name)));
      }
    });

    it('lists alike', async () => {
      const same = async (read: (s: GraphStore) => Promise<unknown>) => expect(await read(neo)).toEqual(await read(memory));
      const after = { values: [], id: 'paper-0030' };
      for (const page of [{ first: 10, after: null }, { first: 7, after }, { first: 5, after: { values: [], id: 'zzz' } }]) {
        await same((s) => s.listPapers(page, {}, 'ID_ASC'));
        await same((s) => s.listPapers(page, { hasCode: true, year: 2005 }, 'ID_ASC'));
        await same((s) => s.listPapers(page, { conceptIds: ['concept-4'] }, 'ID_ASC'));
        await same((s) => s.listPapers(page, { conceptIds: ['concept-4', 'concept-7'], search: 'paper' }, 'ID_ASC'));
        await same((s) => s.listRepositories(page));
      }
      for (const first of [1, 7, 100]) {
        await same((s) => s.listPapers({ first, after: null }, {}, 'TITLE_ASC'));
        await same((s) => s.listPapers({ first, after: { values: ['Paper 3 on concept 3'], id: 'paper-0003' } }, {}, 'TITLE_ASC'));
        await same((s) => s.listPapers({ first, after: { values: [2010], id: 'paper-0050' } }, {}, 'YEAR_DESC'));
        await same((s) => s.listPapers({ first, after: null }, { search: 'concept 3 paper' }, 'RELEVANCE'));
        await same((s) => s.listPapers({ first, after: { values: [0.5], id: 'paper-0013' } }, { search: 'concept 3 paper' }, 'RELEVANCE'));
        await same((s) => s.listConcepts({ first, after: null }, {}, 'PAPER_COUNT_DESC'));
        await same((s) => s.listConcepts({ first, after: { values: [18], id: 'concept-3' } }, {}, 'PAPER_COUNT_DESC'));
        await same((s) => s.listConcepts({ first, after: null }, { nameContains: 'CEPT 1', minPapers: 1 }, 'NAME_ASC'));
        await same((s) => s.listConcepts({ first, after: { values: ['beta'], id: 'beta' } }, {}, 'NAME_ASC'));
        await same((s) => s.listConcepts({ first, after: null }, {}, 'RANK_DESC'));
        await same((s) => s.listConcepts({ first, after: { values: [0.2], id: 'a' } }, { community: 1 }, 'RANK_DESC'));
        await same((s) => s.listCommunities({ first, after: null }));
        await same((s) => s.papersOfConcept('concept-2', false, { first, after: null }));
        await same((s) => s.papersOfConcept('concept-2', false, { first, after: { values: [0.75], id: 'paper-0012' } }));
        await same((s) => s.papersOfConcept('gamma', true, { first, after: null }));
      }
      await same((s) => s.communitiesByIds([1, 2, 3, 99]));
      await same((s) => s.conceptsOfCommunities([1, 2, 99], 3));
      await same((s) => s.papersOfCommunities([1, 2, 99], 5));
      await same((s) => s.conceptsByLookupKeys(['Concept 3', 'AL', 'nope', 'delta gamma'].map(conceptLookupKeys)));
      await same((s) => s.relatedOfConcepts(conceptIds, 10, 2));
      await same((s) => s.papersOfConceptPairs([{ a: 'alpha', b: 'beta' }, { a: 'concept-1', b: 'concept-4' }, { a: 'x', b: 'y' }], 3));
      await same((s) => s.exportGraph());
    });

    it('traverses and searches alike', async () => {
      const same = async (read: (s: GraphStore) => Promise<unknown>) => expect(await read(neo)).toEqual(await read(memory));
      for (const options of [
        { depth: 1, limit: 50, minWeight: 0 },
        { depth: 3, limit: 4, minWeight: 0 },
        { depth: 2, limit: 50, minWeight: 0.3 },
      ]) {
        for (const id of ['alpha', 'gamma', 'epsilon', 'concept-1', 'nope']) await same((s) => s.neighbourhood(id, options));
      }
      for (const [a, b] of [['alpha', 'epsilon'], ['epsilon', 'beta'], ['gamma', 'delta-gamma'], ['alpha', 'concept-1'], ['beta', 'beta']] as const) {
        for (const hops of [1, 2, 4]) await same((s) => s.path(a, b, hops));
        await same((s) => s.paths(a, b, 4, 5));
      }
      for (const id of ['alpha', 'gamma', 'concept-1']) {
        await same((s) => s.neighbourhood(id, { depth: 2, limit: 6, minWeight: 0, perHop: 2, papers: true, repositories: true }));
      }
      for (const id of ['p-a', 'p-b', 'p-d', 'paper-0007', 'nope']) await same((s) => s.similarPapers(id, 5));
      for (const q of ['alpha', 'Concept 3', 'org/two', 'repo-1', 'paper 12 on concept', 'gamma delta', 'AL', 'we study', 'zzzz', '  ', 'github', 'concpt', 'epsilom', 'conc', 'gam delt', 'githu']) {
        await same((s) => s.search(q, 20));
      }
      await same((s) => s.stats());
    });
  });

  describe('neo4j store: deltas', () => {
    let store: Neo4jStore;
    beforeAll(async () => {
      store = await openEmpty();
    });

    it('gives the graph and the answers the embedded store gives after the same delta', async () => {
      await store.replaceGraph(mixedGraph());
      const memory = new MemoryStore({ dataDir: null });
      await memory.init();
      await memory.replaceGraph(mixedGraph());
      expect(await store.applyDelta(mixedDelta())).toEqual({ conceptsCreated: 1, repositoriesCreated: 1 });
      expect(await memory.applyDelta(mixedDelta())).toEqual({ conceptsCreated: 1, repositoriesCreated: 1 });
      const same = async (read: (s: GraphStore) => Promise<unknown>) => expect(await read(store)).toEqual(await read(memory));
      await same((s) => s.exportGraph());
      await same((s) => s.stats());
      const conceptIds = [...mixedGraph().concepts.map((c) => c.id), 'zeta'];
      await same((s) => s.relatedOfConcepts(conceptIds, 10));
      await same((s) => s.relatedOfPairs([{ a: 'concept-2', b: 'concept-1' }, { a: 'beta', b: 'alpha' }, { a: 'zeta', b: 'alpha' }, { a: 'x', b: 'y' }]));
      await same((s) => s.papersOfConcept('concept-1', false, { first: 100, after: null }));
      await same((s) => s.papersOfConcept('alpha', true, { first: 100, after: null }));
      await same((s) => s.neighbourhood('concept-1', { depth: 2, limit: 20, minWeight: 0, papers: true, repositories: true }));
      await same((s) => s.conceptsByLookupKeys(['Alpha Networks', 'ZT', 'concept 2'].map(conceptLookupKeys)));
      for (const q of ['zeta', 'paper 75', 'combine', 'org/three', 'concept 1']) await same((s) => s.search(q, 20));
    });

    it('refuses a delta with an edge to a missing node before writing anything', async () => {
      await store.replaceGraph(mixedGraph());
      const before = await dump();
      const delta = mixedDelta();
      const broken = { ...delta, broader: [...delta.broader, { narrower: 'concept-3', broader: 'nowhere' }] };
      await expect(store.applyDelta(broken)).rejects.toThrow(/BROADER edge concept-3 -> nowhere refers to nowhere/);
      expect(await dump()).toEqual(before);
    });

    it('a delta killed at any batch and applied again ends where an uninterrupted one does', async () => {
      await store.replaceGraph(mixedGraph());
      const counter = interrupted(Number.POSITIVE_INFINITY, 7);
      await counter.applyDelta(mixedDelta());
      const total = counter.batches;
      const expected = await dump();
      expect(total).toBeGreaterThan(10);
      for (const stopAfter of [1, Math.floor(total / 2), total - 1]) {
        await store.replaceGraph(mixedGraph());
        await expect(interrupted(stopAfter, 7).applyDelta(mixedDelta())).rejects.toThrow(/killed/);
        expect(await dump(), `killed after ${stopAfter} of ${total} batches`).not.toEqual(expected);
        await store.applyDelta(mixedDelta());
        expect(await dump(), `killed after ${stopAfter} of ${total} batches`).toEqual(expected);
      }
    });
  });

  describe('neo4j store: errors', () => {
    it('reports an unreachable server as StoreUnavailableError', async () => {
      const store = new Neo4jStore({ ...connection, uri: 'bolt://127.0.0.1:1' });
      opened.push(store);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
}
