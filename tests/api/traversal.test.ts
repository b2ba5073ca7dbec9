import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonExport } from '../../src/export/index.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { generatedGraph } from '../fixtures/generated-graph.fixtures.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { countingStore, startHarness, type Harness } from './api-harness.js';

type Node = { id: string };
const idsOf = (list: Node[]) => list.map((n) => n.id);

describe('ranking, clusters, traversal and lookups over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallGraph());
  });
  afterAll(() => h.close());

  it('ranks concepts and lists communities with their top concepts and papers', async () => {
    const res = await h.gql(`{
      concept(name: "gamma") { rank community }
      ranked: concepts(orderBy: RANK_DESC, first: 3) { nodes { id rank } }
      clustered: concepts(filter: { community: 2 }) { totalCount nodes { id } }
      communities(first: 1) { totalCount pageInfo { hasNextPage endCursor }
        nodes { id size label concepts(first: 2) { id } papers(first: 2) { id } } }
      community(id: 2) { id size label } none: community(id: 40) { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.concept).toEqual({ rank: 0.176552, community: 1 });
    expect(res.data.ranked.nodes).toEqual([
      { id: 'delta-gamma', rank: 0.240038 },
      { id: 'alpha', rank: 0.217196 },
      { id: 'beta', rank: 0.217196 },
    ]);
    expect(res.data.clustered).toEqual({ totalCount: 2, nodes: [{ id: 'alpha' }, { id: 'beta' }] });
    const communities = res.data.communities;
    expect([communities.totalCount, communities.pageInfo.hasNextPage]).toEqual([2, true]);
    expect(communities.nodes).toEqual([
      { id: 1, size: 3, label: 'delta gamma', concepts: [{ id: 'delta-gamma' }, { id: 'gamma' }], papers: [{ id: 'p-c' }, { id: 'p-d' }] },
    ]);
    const next = await h.gql('query($after: String) { communities(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage } } }', {
      after: communities.pageInfo.endCursor,
    });
    expect(next.data.communities).toEqual({ nodes: [{ id: 2 }], pageInfo: { hasNextPage: false } });
    expect(res.data.community).toEqual({ id: 2, size: 2, label: 'alpha' });
    expect(res.data.none).toBeNull();
  });

  it('answers in compact JSON, without indentation', async () => {
    const res = await fetch(h.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ concepts(first: 2) { nodes { id name } } }' }),
    });
    const body = await res.text();
    expect(JSON.parse(body).data.concepts.nodes).toHaveLength(2);
    expect(body).toBe(JSON.stringify(JSON.parse(body)));
  });

  it('filters related concepts by shared papers', async () => {
    const res = await h.gql('{ concept(name: "alpha") { all: related { concept { id } sharedPapers } two: related(minShared: 2) { concept { id } } } }');
    expect(res.data.concept.all.map((r: { concept: Node }) => r.concept.id)).toEqual(['beta', 'gamma']);
    expect(res.data.concept.two).toEqual([{ concept: { id: 'beta' } }]);
    const bad = await h.gql('{ concept(name: "alpha") { related(minShared: 0) { weight } } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'minShared' });
  });

  it('draws a neighbourhood with papers, repositories and a deterministic layout', async () => {
    const q = `{ concept(name: "gamma") { neighbourhood(depth: 2, limit: 4, perHop: 2, include: [CONCEPT, PAPER, REPOSITORY], layout: true) {
      nodes { id kind label x y community } edges { source target kind weight paperCount } } } }`;
    const first = await h.gql(q);
    expect(first.errors).toBeUndefined();
    const g = first.data.concept.neighbourhood;
    expect(g.nodes.map((n: { kind: string; id: string }) => `${n.kind}:${n.id}`)).toEqual([
      // Hop 2 takes alpha's beta (weight 1) before delta gamma's epsilon (0.7): the limit is 4 concepts.
      'CONCEPT:gamma', 'CONCEPT:delta-gamma', 'CONCEPT:alpha', 'CONCEPT:beta',
      // p-b mentions three of them, p-c and p-a two (p-c more confidently), p-d one.
      'PAPER:p-b', 'PAPER:p-c', 'PAPER:p-a', 'PAPER:p-d',
      'REPOSITORY:github.com/org/one', 'REPOSITORY:github.com/org/two',
    ]);
    for (const n of g.nodes) {
      expect(Number.isFinite(n.x) && Number.isFinite(n.y), n.id).toBe(true);
      expect(n.community, n.id).toBe(n.kind === 'CONCEPT' ? (['alpha', 'beta'].includes(n.id) ? 2 : 1) : null);
    }
    expect(new Set(g.nodes.map((n: { x: number; y: number }) => `${n.x},${n.y}`)).size).toBe(g.nodes.length);
    expect(g.edges).toContainEqual({ source: 'p-c', target: 'gamma', kind: 'MENTIONS', weight: 0.9, paperCount: 1 });
    expect(g.edges).toContainEqual({ source: 'delta-gamma', target: 'gamma', kind: 'RELATED_TO', weight: 0.5, paperCount: 1 });
    expect((await h.gql(q)).data).toEqual(first.data);
    const plain = await h.gql('{ concept(name: "gamma") { neighbourhood { nodes { x y } } } }');
    expect(plain.data.concept.neighbourhood.nodes[0]).toEqual({ x: null, y: null });
  });

  it('refuses a neighbourhood without concepts or with repositories but no papers', async () => {
    const none = await h.gql('{ concept(name: "gamma") { neighbourhood(include: [PAPER]) { nodes { id } } } }');
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'include' });
    const repos = await h.gql('{ concept(name: "gamma") { neighbourhood(include: [CONCEPT, REPOSITORY]) { nodes { id } } } }');
    expect(repos.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'include' });
    const perHop = await h.gql('{ concept(name: "gamma") { neighbourhood(perHop: 0) { nodes { id } } } }');
    expect(perHop.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'perHop' });
  });

  it('gives each hop of a path its evidence papers, and the k shortest alternatives', async () => {
    const res = await h.gql(`{ path(from: "AL", to: "delta gamma") { hops edges { source target kind paperCount papers(first: 1) { id } } }
      paths(from: "AL", to: "delta gamma", first: 3) { hops nodes { id } edges { kind papers { id } } }
      broader: path(from: "delta gamma", to: "gamma", maxHops: 1) { edges { kind papers { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.path).toEqual({
      hops: 2,
      edges: [
        { source: 'alpha', target: 'gamma', kind: 'RELATED_TO', paperCount: 1, papers: [{ id: 'p-b' }] },
        { source: 'delta-gamma', target: 'gamma', kind: 'RELATED_TO', paperCount: 1, papers: [{ id: 'p-c' }] },
      ],
    });
    expect(res.data.paths.map((p: { nodes: Node[] }) => idsOf(p.nodes))).toEqual([
      ['alpha', 'gamma', 'delta-gamma'],
      ['alpha', 'beta', 'gamma', 'delta-gamma'],
    ]);
    expect(res.data.paths[1].edges[0]).toEqual({ kind: 'RELATED_TO', papers: [{ id: 'p-a' }, { id: 'p-b' }] });
    expect(res.data.broader.edges).toEqual([{ kind: 'RELATED_TO', papers: [{ id: 'p-c' }] }]);
    const tooMany = await h.gql('{ paths(from: "alpha", to: "beta", first: 21) { hops } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const unknown = await h.gql('{ paths(from: "nothing", to: "beta") { hops } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'from' });
  });

  it('ranks a repository\'s concepts by IDF-weighted counts', async () => {
    const res = await h.gql('{ repository(url: "github.com/org/one") { concepts { id } } }');
    expect(idsOf(res.data.repository.concepts)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('searches with prefixes and typos', async () => {
    const res = await h.gql(`{ typo: search(query: "epsilom") { kind concept { id } }
      prefix: search(query: "gam") { kind concept { id } paper { id } } }`);
    expect(res.data.typo).toEqual([{ kind: 'CONCEPT', concept: { id: 'epsilon' } }]);
    expect(res.data.prefix.map((h: { kind: string }) => h.kind)).toEqual(['CONCEPT', 'CONCEPT', 'PAPER', 'PAPER', 'PAPER']);
  });

  it('filters papers by all of several concepts and by text, in every order, with stable cursors', async () => {
    const res = await h.gql(`{ both: papers(filter: { concept: "beta", allConcepts: ["gamma", "AL"] }) { totalCount nodes { id } }
      unknown: papers(filter: { allConcepts: ["alpha", "nothing"] }) { totalCount }
      text: papers(filter: { search: "gamma" }, orderBy: RELEVANCE) { nodes { id } }
      titled: papers(orderBy: TITLE_ASC) { nodes { id } }
      newest: papers(orderBy: YEAR_DESC, first: 1) { nodes { id year } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.both).toEqual({ totalCount: 1, nodes: [{ id: 'p-b' }] });
    expect(res.data.unknown.totalCount).toBe(0);
    expect(idsOf(res.data.text.nodes)).toEqual(['p-b', 'p-c', 'p-d']);
    expect(idsOf(res.data.titled.nodes)).toEqual(['p-a', 'p-b', 'p-d', 'p-c']);
    expect(res.data.newest.nodes).toEqual([{ id: 'p-d', year: 2021 }]);

    const page = 'query($after: String) { papers(first: 2, orderBy: TITLE_ASC, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }';
    const one = (await h.gql(page)).data.papers;
    const two = (await h.gql(page, { after: one.pageInfo.endCursor })).data.papers;
    expect([...idsOf(one.nodes), ...idsOf(two.nodes)]).toEqual(['p-a', 'p-b', 'p-d', 'p-c']);
    expect(two.pageInfo.hasNextPage).toBe(false);

    const wrongOrder = await h.gql('query($after: String) { papers(orderBy: YEAR_DESC, after: $after) { totalCount } }', {
      after: one.pageInfo.endCursor,
    });
    expect(wrongOrder.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const relevance = await h.gql('{ papers(orderBy: RELEVANCE) { totalCount } }');
    expect(relevance.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'orderBy' });
  });

  it('keeps a concepts cursor stable when an earlier concept leaves the list', async () => {
    const page = 'query($after: String) { concepts(first: 2, orderBy: NAME_ASC, after: $after) { nodes { id } pageInfo { endCursor } } }';
    const one = (await h.gql(page)).data.concepts;
    expect(idsOf(one.nodes)).toEqual(['alpha', 'beta']);
    // The same cursor on a store without "alpha" still continues after "beta".
    const graph = smallGraph();
    const smaller = await startHarness({
      ...graph,
      concepts: graph.concepts.filter((c) => c.id !== 'alpha'),
      mentions: graph.mentions.filter((m) => m.conceptId !== 'alpha'),
      related: graph.related.filter((r) => r.source !== 'alpha'),
    });
    try {
      const two = (await smaller.gql(page, { after: one.pageInfo.endCursor })).data.concepts;
      expect(idsOf(two.nodes)).toEqual(['delta-gamma', 'epsilon']);
    } finally {
      await smaller.close();
    }
  });

  it('looks up many papers and concepts at once, aligned with the request, at most 100', async () => {
    const res = await h.gql(`{ papersByIds(ids: ["p-c", "nope", "p-a"]) { id }
      conceptsByNames(names: ["ALPHAS", "nothing", "Delta Gamma"]) { id } }`);
    expect(res.data.papersByIds).toEqual([{ id: 'p-c' }, null, { id: 'p-a' }]);
    expect(res.data.conceptsByNames).toEqual([{ id: 'alpha' }, null, { id: 'delta-gamma' }]);
    const ids = Array.from({ length: 101 }, (_, i) => `p-${i}`);
    const tooMany = await h.gql('query($ids: [ID!]!) { papersByIds(ids: $ids) { id } }', { ids });
    expect([tooMany.status, tooMany.errors?.[0]?.extensions?.code, tooMany.errors?.[0]?.extensions?.argumentName]).toEqual([
      400,
      'BAD_USER_INPUT',
      'ids',
    ]);
    const names = await h.gql('query($n: [String!]!) { conceptsByNames(names: $n) { id } }', { n: ids });
    expect(names.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'names' });
  });

  it('serves the whole graph at /export/graph.json, and importing it gives the same graph', async () => {
    const res = await fetch(h.app.url.replace('/graphql', '/export/graph.json'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const graph = parseJsonExport(await res.text());
    const copy = new MemoryStore({ dataDir: null });
    await copy.init();
    await copy.replaceGraph(graph);
    expect(await copy.exportGraph()).toEqual(await h.store.exportGraph());
    expect(await copy.stats()).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
  });
});

describe('GET /export/graph.json under load', () => {
  it('builds one export for concurrent downloads and answers 304 to a matching If-None-Match', async () => {
    const calls = new Map<string, number>();
    // A store whose export takes 200 ms, so the five downloads overlap.
    const slowExport = (s: GraphStore): GraphStore =>
      new Proxy(s, {
        get: (target, prop, receiver) =>
          prop === 'exportGraph'
            ? () => new Promise((resolve) => setTimeout(resolve, 200)).then(() => target.exportGraph())
            : Reflect.get(target, prop, receiver),
      });
    const h = await startHarness(smallGraph(), { wrapStore: (s) => countingStore(slowExport(s), calls) });
    try {
      const url = h.app.url.replace('/graphql', '/export/graph.json');
      const replies = await Promise.all(Array.from({ length: 5 }, () => fetch(url)));
      const bodies = await Promise.all(replies.map((r) => r.text()));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(bodies).size).toBe(1);
      expect(calls.get('exportGraph')).toBe(1);
      const etag = replies[0]!.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await fetch(url, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(calls.get('exportGraph')).toBe(2);
    } finally {
      await h.close();
    }
  });
});

describe('batching of the new fields', () => {
  it('costs one store call per field for every community, path hop and graph node', async () => {
    const calls = new Map<string, number>();
    const h = await startHarness(smallGraph(), { wrapStore: (s) => countingStore(s, calls) });
    try {
      const res = await h.gql(`{ communities { nodes { label concepts { id } papers { id } } }
        paths(from: "alpha", to: "epsilon", first: 3) { edges { papers { id } paperCount } nodes { community rank } } }`);
      expect(res.errors).toBeUndefined();
      expect(Object.fromEntries(calls)).toEqual({
        listCommunities: 1,
        conceptsOfCommunities: 2, // first: 10 for `concepts`, first: 1 for `label`
        papersOfCommunities: 1,
        conceptByLookupKeys: 2,
        paths: 1,
        papersOfConceptPairs: 1,
        conceptsByIds: 1,
      });
    } finally {
      await h.close();
    }
  });

  it('pages a generated graph by relevance without repeating or skipping a paper', async () => {
    const h = await startHarness(generatedGraph(60));
    try {
      const q = 'query($after: String) { papers(first: 7, filter: { search: "concept 3" }, orderBy: RELEVANCE, after: $after) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }';
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const page: { totalCount: number; nodes: Node[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = (await h.gql(q, { after }))
          .data.papers;
        total = page.totalCount;
        seen.push(...idsOf(page.nodes));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);
    } finally {
      await h.close();
    }
  });
});
