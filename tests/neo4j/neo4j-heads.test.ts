import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphData } from '../../src/model.js';
import type { GraphStore, ListRequest, NeighbourhoodOptions } from '../../src/store/graph-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { Executor, Neo4jStore, type Neo4jConnection } from '../../src/store/neo4j/index.js';
import { graphHeads, TOP_LIST_SIZE } from '../../src/store/neo4j/top-lists.js';
import { hubDelta, hubGraph } from '../fixtures/hub-graph.fixtures.js';

const uri = inject('neo4jUri') ?? process.env.NEO4J_URI ?? null;

const EMPTY: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };

if (!uri) {
  it('runs without Neo4j only when it is not required', () => {
    expect(process.env.REQUIRE_NEO4J).not.toBe('1');
  });
} else {
  const connection: Neo4jConnection = { uri, user: 'neo4j', password: 'neo4j', database: 'neo4j' };
  const opened: { close(): Promise<void> }[] = [];
  const executor = new Executor(connection);
  opened.push(executor);
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  async function openStore(graph: GraphData): Promise<Neo4jStore> {
    const store = new Neo4jStore(connection);
    opened.push(store);
    await store.init();
    await store.replaceGraph(EMPTY);
    await store.replaceGraph(graph);
    return store;
  }

  async function memoryStore(graph: GraphData): Promise<MemoryStore> {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(graph);
    return store;
  }

  /** The head lists stored on every concept, as graphHeads() shapes them. */
  async function storedHeads(ids: readonly string[]) {
    const rows = await executor.read<{
      id: string;
      relatedIds: string[];
      weights: number[];
      shared: number[];
      out: boolean[];
      neighbourIds: string[];
      neighbourWeights: number[];
      neighbourOut: boolean[];
      paperIds: string[];
      confidences: number[];
    }>('concept-top-lists', { ids });
    return new Map(
      rows.map((r) => [
        r.id,
        {
          related: { ids: r.relatedIds, weights: r.weights, shared: r.shared, out: r.out },
          neighbours: { ids: r.neighbourIds, weights: r.neighbourWeights, out: r.neighbourOut },
          papers: { ids: r.paperIds, confidences: r.confidences },
        },
      ]),
    );
  }

  /** Every concept's stored heads are those of the graph the store holds. */
  async function expectHeadsOfStoredGraph(store: Neo4jStore): Promise<void> {
    const graph = await store.exportGraph();
    const expected = graphHeads(graph);
    expect(await storedHeads(graph.concepts.map((c) => c.id))).toEqual(expected);
    // The fixture is meant to overflow the lists.
    expect(expected.get('hub')!.papers.ids).toHaveLength(TOP_LIST_SIZE);
    expect(expected.get('hub')!.related.ids).toHaveLength(TOP_LIST_SIZE);
  }

  /** Pages, related lists and neighbourhoods that read the heads, the whole lists, or both. */
  async function expectSameReads(neo: GraphStore, memory: GraphStore): Promise<void> {
    const same = async (read: (s: GraphStore) => Promise<unknown>) => expect(await read(neo)).toEqual(await read(memory));
    for (const id of ['hub', 'hub-two', 'rare', 'sat-003']) {
      const all = await memory.papersOfConcept(id, false, { first: 400, after: null });
      const cursors = [null, ...[0, 1, 19, 50, 99, 100, 101, 150, 250, 299, 305].flatMap((i) => (all.keys[i] ? [all.keys[i]!] : []))];
      for (const after of cursors) {
        for (const first of [1, 20, 100]) {
          const page: ListRequest = { first, after };
          await same((s) => s.papersOfConcept(id, false, page));
        }
      }
    }
    const ids = ['hub', 'hub-two', 'rare', 'sat-003', 'sat-010', 'nova', 'nope'];
    for (const first of [1, 10, 100]) {
      for (const minShared of [1, 3, 5, 6]) await same((s) => s.relatedOfConcepts(ids, first, minShared));
    }
    // Small neighbourhoods of hubs look their edges up by pair key, large ones walk the relationships.
    const options: NeighbourhoodOptions[] = [
      { depth: 1, limit: 5, minWeight: 0 },
      { depth: 2, limit: 8, minWeight: 0 },
      { depth: 1, limit: 50, minWeight: 0 },
      { depth: 1, limit: 150, minWeight: 0 },
      { depth: 2, limit: 50, minWeight: 0 },
      { depth: 2, limit: 300, minWeight: 0.45 },
      { depth: 3, limit: 120, minWeight: 0.3, perHop: 40 },
      { depth: 2, limit: 20, minWeight: 0.8 },
    ];
    for (const o of options) {
      for (const id of ['hub', 'hub-two', 'rare', 'sat-010']) await same((s) => s.neighbourhood(id, o));
    }
  }

  describe('neo4j store: similar papers across short and long concept lists', () => {
    /** 1,500 papers, each on one rare (5 papers), one middling (50) and one common concept (all papers). */
    function listsGraph(): GraphData {
      const concept = (id: string) => ({ id, name: id.replace(/-/g, ' '), acronym: null, aliases: [id.replace(/-/g, ' ')], paperCount: 0 });
      const concepts = [concept('common'), ...Array.from({ length: 30 }, (_, k) => concept(`middling-${k}`)), ...Array.from({ length: 300 }, (_, k) => concept(`rare-${k}`))];
      const papers = Array.from({ length: 1500 }, (_, i) => ({
        id: `lp-${String((i * 37) % 1500).padStart(4, '0')}`,
        title: `List paper ${i}`,
        abstract: 'We study lists.',
        url: null,
        year: 2020,
        source: 'lists-fixture',
        contentHash: `lp-${i}`,
        links: [],
      }));
      const mention = (paperId: string, conceptId: string) => ({ paperId, conceptId, count: 1, confidence: 0.5, inTitle: false, spans: [] });
      const mentions = papers.flatMap((p, i) => [
        mention(p.id, 'common'),
        mention(p.id, `middling-${i % 30}`),
        mention(p.id, `rare-${Math.floor(i / 5)}`),
        ...(i % 7 === 0 ? [mention(p.id, `rare-${(i * 3) % 300}`)] : []),
      ]);
      const unique = [...new Map(mentions.map((m) => [`${m.paperId} ${m.conceptId}`, m])).values()];
      for (const m of unique) concepts.find((c) => c.id === m.conceptId)!.paperCount++;
      return { papers, concepts, repositories: [], mentions: unique, hasCode: [], related: [], broader: [] };
    }

    it('ranks them as the embedded store does', async () => {
      const neo = await openStore(listsGraph());
      const memory = await memoryStore(listsGraph());
      for (const id of ['lp-0000', 'lp-0037', 'lp-0700', 'lp-1499', 'lp-0007', 'nope']) {
        for (const first of [1, 5, 10, 40]) expect(await neo.similarPapers(id, first), `${id} ${first}`).toEqual(await memory.similarPapers(id, first));
      }
    });
  });

  describe('neo4j store: head lists of hub concepts', () => {
    let neo: Neo4jStore;
    let memory: MemoryStore;
    beforeAll(async () => {
      neo = await openStore(hubGraph());
      memory = await memoryStore(hubGraph());
    });

    it('stores the heads of the whole graph with a replacement', async () => {
      await expectHeadsOfStoredGraph(neo);
    });

    it('answers pages, related lists and neighbourhoods as the embedded store does, in and past the heads', async () => {
      await expectSameReads(neo, memory);
    });

    it('keeps the heads right through a delta, merged or recomputed, and answers as the embedded store does after it', async () => {
      expect(await neo.applyDelta(hubDelta())).toEqual(await memory.applyDelta(hubDelta()));
      await expectHeadsOfStoredGraph(neo);
      // The delta reached into both heads: a new paper and a new neighbour now lead them.
      const heads = await storedHeads(['hub', 'hub-two']);
      expect(heads.get('hub-two')!.papers.ids[0]).toBe('hp-new-0');
      expect(heads.get('hub')!.related.ids[0]).toBe('nova');
      expect(heads.get('hub')!.papers.ids).not.toContain('hp-000');
      await expectSameReads(neo, memory);
      // Applying it again changes nothing.
      await neo.applyDelta(hubDelta());
      await expectHeadsOfStoredGraph(neo);
    });

    it('computes the heads of concepts written without them when it starts', async () => {
      const [removed] = await executor.write<{ concepts: number }>('remove-concept-top-lists');
      expect(removed?.concepts).toBeGreaterThan(240);
      // Without heads every read takes the relationships and still answers the same.
      await expectSameReads(neo, memory);
      const second = new Neo4jStore(connection);
      opened.push(second);
      await second.init();
      await expectHeadsOfStoredGraph(second);
      await expectSameReads(second, memory);
    });

    it('keys the RELATED_TO pairs of a database written without pair keys when it starts, so pairs are found', async () => {
      const pairs = [
        { a: 'hub', b: 'sat-000' },
        { a: 'sat-001', b: 'sat-000' },
        { a: 'hub-two', b: 'rare' },
        { a: 'rare', b: 'sat-005' },
      ];
      const expected = await memory.relatedOfPairs(pairs);
      expect(expected.filter((r) => r !== null)).toHaveLength(3);
      expect(await neo.relatedOfPairs(pairs)).toEqual(expected);
      await executor.write('drop-related-pair-index');
      const [removed] = await executor.write<{ relationships: number }>('remove-related-pair-keys');
      expect(removed?.relationships).toBe(hubGraph().related.length + 2);
      // Unkeyed pairs are not found until the store has started again.
      expect(await neo.relatedOfPairs(pairs)).toEqual(pairs.map(() => null));
      const second = new Neo4jStore(connection);
      opened.push(second);
      await second.init();
      const indexes = await executor.read<{ name: string; state: string }>('show-indexes');
      expect(indexes).toContainEqual(expect.objectContaining({ name: 'related_pair', state: 'ONLINE' }));
      expect(await second.relatedOfPairs(pairs)).toEqual(expected);
      await expectSameReads(second, memory);
      for (const [from, to] of [['rare', 'sat-100'], ['sat-001', 'hub-two']] as const) {
        expect(await second.path(from, to, 4)).toEqual(await memory.path(from, to, 4));
      }
    });
  });
}
