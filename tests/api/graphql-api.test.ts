import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { generatedGraph } from '../fixtures/generated-graph.fixtures.js';
import { ADMIN_TOKEN, countingStore, startHarness, type Harness } from './api-harness.js';

describe('GraphQL API over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallGraph());
  });
  afterAll(() => h.close());

  it('answers /healthz and /readyz with JSON', async () => {
    const base = h.app.url.replace('/graphql', '');
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', store: 'memory' }]);
  });

  it('returns a paper with its concepts by confidence, snippets and repositories', async () => {
    const res = await h.gql(`{ paper(id: "p-b") { id title year links { url kind }
      concepts { concept { id name } count confidence inTitle snippet }
      repositories { id url host owner name } } }`);
    expect(res.errors).toBeUndefined();
    const paper = res.data.paper;
    expect(paper.concepts.map((c: { concept: { id: string } }) => c.concept.id)).toEqual(['beta', 'gamma', 'alpha']);
    expect(paper.concepts[2]).toEqual({
      concept: { id: 'alpha', name: 'alpha' },
      count: 1,
      confidence: 0.3,
      inTitle: false,
      snippet: 'We also use alpha here.',
    });
    expect(paper.repositories.map((r: { id: string }) => r.id)).toEqual(['github.com/org/one', 'github.com/org/two']);
    expect((await h.gql('{ paper(id: "nope") { id } }')).data.paper).toBeNull();
  });

  it('gives the spans of each mention, which point at the concept in the paper text', async () => {
    const res = await h.gql(`{ paper(id: "p-b") { title abstract concepts { concept { name } spans { field start end } } } }`);
    expect(res.errors).toBeUndefined();
    const paper = res.data.paper;
    const alpha = paper.concepts.find((c: { concept: { name: string } }) => c.concept.name === 'alpha');
    expect(alpha.spans.length).toBeGreaterThan(0);
    for (const span of alpha.spans) {
      expect(['TITLE', 'ABSTRACT']).toContain(span.field);
      const text = span.field === 'TITLE' ? paper.title : paper.abstract;
      expect(text.slice(span.start, span.end).toLowerCase()).toBe('alpha');
    }
  });

  it('limits the concepts of a paper to the most confident with first, and refuses a bad first', async () => {
    const top = await h.gql('{ paper(id: "p-b") { concepts(first: 2) { concept { id } } } }');
    expect(top.data.paper.concepts.map((c: { concept: { id: string } }) => c.concept.id)).toEqual(['beta', 'gamma']);
    const bad = await h.gql('{ paper(id: "p-b") { concepts(first: 101) { count } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/first/);
  });

  it('pages papers with Relay cursors', async () => {
    const q = `query($after: String) { papers(first: 3, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes { id } } }`;
    const first = (await h.gql(q)).data.papers;
    expect(first.totalCount).toBe(4);
    expect(first.nodes.map((n: { id: string }) => n.id)).toEqual(['p-a', 'p-b', 'p-c']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.endCursor).toBe(first.edges[2].cursor);
    const second = (await h.gql(q, { after: first.pageInfo.endCursor })).data.papers;
    expect(second.nodes.map((n: { id: string }) => n.id)).toEqual(['p-d']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses first above 100 and a forged cursor with BAD_USER_INPUT and HTTP 400', async () => {
    const tooMany = await h.gql('{ papers(first: 101) { totalCount } }');
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/^first: must be an integer from 0 to 100/);
    const forged = await h.gql('{ concepts(after: "bm9wZQ") { totalCount } }');
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('filters papers by concept name, code and year', async () => {
    const res = await h.gql(`{ a: papers(filter: { concept: "Gamma" }) { nodes { id } }
      b: papers(filter: { hasCode: false }) { nodes { id } }
      c: papers(filter: { year: 2021 }) { nodes { id } }
      d: papers(filter: { concept: "unknown thing" }) { totalCount } }`);
    const ids = (k: string) => res.data[k].nodes.map((n: { id: string }) => n.id);
    expect([ids('a'), ids('b'), ids('c'), res.data.d.totalCount]).toEqual([['p-b', 'p-c'], ['p-c', 'p-d'], ['p-d'], 0]);
  });

  it('finds one concept by acronym, alias or any case, and refuses ambiguous arguments', async () => {
    const res = await h.gql(`{ a: concept(name: "AL") { id } b: concept(name: "ALPHAS") { id }
      c: concept(id: "alpha") { id name acronym aliases paperCount } d: concept(name: "nothing") { id } }`);
    expect(res.data.a.id).toBe('alpha');
    expect(res.data.b.id).toBe('alpha');
    expect(res.data.c).toEqual({ id: 'alpha', name: 'alpha', acronym: 'AL', aliases: ['AL', 'Alpha', 'alpha', 'alphas'], paperCount: 2 });
    expect(res.data.d).toBeNull();
    const both = await h.gql('{ concept(id: "alpha", name: "AL") { id } }');
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists concepts in the requested order with filters', async () => {
    const res = await h.gql(`{ a: concepts { nodes { id } } b: concepts(orderBy: NAME_ASC, first: 2) { nodes { id } pageInfo { hasNextPage } }
      c: concepts(filter: { minPapers: 2, search: "gam" }) { totalCount nodes { id } } }`);
    expect(res.data.a.nodes.map((n: { id: string }) => n.id)).toEqual(['alpha', 'beta', 'delta-gamma', 'gamma', 'epsilon']);
    expect(res.data.b).toEqual({ nodes: [{ id: 'alpha' }, { id: 'beta' }], pageInfo: { hasNextPage: true } });
    expect(res.data.c).toEqual({ totalCount: 2, nodes: [{ id: 'delta-gamma' }, { id: 'gamma' }] });
  });

  it('answers every concept field: papers, related, broader, narrower, repositories, neighbourhood', async () => {
    const res = await h.gql(`{ concept(name: "gamma") {
      papers(includeNarrower: true) { totalCount nodes { id } }
      direct: papers { nodes { id } }
      related(first: 2) { concept { id } sharedPapers weight }
      broader { id } narrower { id } repositories { id }
      neighbourhood(depth: 1, limit: 3) { nodes { id kind label } edges { source target kind weight } } } }`);
    expect(res.errors).toBeUndefined();
    const c = res.data.concept;
    expect(c.papers).toEqual({ totalCount: 3, nodes: [{ id: 'p-c' }, { id: 'p-b' }, { id: 'p-d' }] });
    expect(c.direct.nodes).toEqual([{ id: 'p-c' }, { id: 'p-b' }]);
    expect(c.related).toEqual([
      { concept: { id: 'delta-gamma' }, sharedPapers: 1, weight: 0.5 },
      { concept: { id: 'alpha' }, sharedPapers: 1, weight: 0.2 },
    ]);
    expect(c.broader).toEqual([]);
    expect(c.narrower).toEqual([{ id: 'delta-gamma' }]);
    expect(c.repositories.map((r: { id: string }) => r.id)).toEqual(['github.com/org/one', 'github.com/org/two']);
    expect(c.neighbourhood.nodes.map((n: { id: string }) => n.id)).toEqual(['gamma', 'delta-gamma', 'alpha']);
    expect(c.neighbourhood.edges).toContainEqual({ source: 'delta-gamma', target: 'gamma', kind: 'BROADER', weight: null });
  });

  it('refuses out-of-range traversal arguments naming them', async () => {
    const res = await h.gql('{ concept(id: "alpha") { neighbourhood(depth: 4) { nodes { id } } } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'depth' } });
    const hops = await h.gql('{ path(from: "alpha", to: "beta", maxHops: 7) { hops } }');
    expect(hops.errors?.[0]?.extensions?.argumentName).toBe('maxHops');
    const minWeight = await h.gql('{ concept(id: "alpha") { neighbourhood(minWeight: 1.5) { nodes { id } } } }');
    expect(minWeight.errors?.[0]?.extensions?.argumentName).toBe('minWeight');
  });

  it('finds a path between two concepts named by alias', async () => {
    const res = await h.gql('{ path(from: "AL", to: "Epsilon") { hops nodes { id } edges { source target kind } } }');
    expect(res.data.path.hops).toBe(3);
    expect(res.data.path.nodes.map((n: { id: string }) => n.id)).toEqual(['alpha', 'gamma', 'delta-gamma', 'epsilon']);
    const none = await h.gql('{ path(from: "alpha", to: "epsilon", maxHops: 1) { hops } }');
    expect(none.data.path).toBeNull();
    const unknown = await h.gql('{ path(from: "alpha", to: "nothing") { hops } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'to' });
  });

  it('ranks similar papers and explains them with shared concepts', async () => {
    const res = await h.gql('{ paper(id: "p-b") { similar(first: 5) { paper { id } score sharedConcepts { id } } } }');
    const similar = res.data.paper.similar;
    expect(similar.map((s: { paper: { id: string } }) => s.paper.id)).toEqual(['p-a', 'p-c']);
    expect(similar[0].sharedConcepts).toEqual([{ id: 'alpha' }, { id: 'beta' }]);
    expect(similar[0].score).toBeCloseTo(2 * Math.log(3), 9);
  });

  it('searches across kinds and reports stats', async () => {
    const res = await h.gql(`{ search(query: "alpha", first: 3) { kind score concept { id } paper { id } repository { id } }
      stats { papers concepts repositories mentions } }`);
    expect(res.data.search[0]).toEqual({ kind: 'CONCEPT', score: 3, concept: { id: 'alpha' }, paper: null, repository: null });
    expect(res.data.stats).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
    const empty = await h.gql('{ search(query: "   ") { kind } }');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
  });

  it('finds a repository from any spelling of its URL', async () => {
    for (const url of ['https://github.com/org/one', 'github.com/org/one.', 'HTTPS://GitHub.com/Org/One.git', 'https://github.com/org/one/']) {
      const res = await h.gql('query($url: String!) { repository(url: $url) { id papers { id } concepts { id } } }', { url });
      expect(res.data.repository, url).toEqual({
        id: 'github.com/org/one',
        papers: [{ id: 'p-a' }, { id: 'p-b' }],
        concepts: [{ id: 'alpha' }, { id: 'beta' }, { id: 'gamma' }],
      });
    }
    const page = await h.gql('{ repositories(first: 1) { totalCount nodes { id } } }');
    expect(page.data.repositories).toEqual({ totalCount: 2, nodes: [{ id: 'github.com/org/one' }] });
    const bad = await h.gql('{ repository(url: "not a url") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('mutations', () => {
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const ingest = `mutation($papers: [PaperInput!]!) { ingestPapers(papers: $papers) {
    papersAdded papersUpdated papersUnchanged conceptsCreated repositoriesCreated writtenPaperIds } }`;
  const newPaper = {
    title: 'Sparse Mixture Routing for Graph Transformers',
    abstract:
      'We propose sparse mixture routing (SMR) for graph transformers. SMR assigns each node to a small set of ' +
      'experts and reduces memory use. Code is at https://github.com/Example/smr-code.',
    year: 2024,
  };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallGraph());
  });
  afterAll(() => h.close());

  it('refuses mutations without the bearer token or with a wrong one', async () => {
    const none = await h.gql(ingest, { papers: [newPaper] });
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await h.gql(ingest, { papers: [newPaper] }, { authorization: 'Bearer wrong-token-wrong-token' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.gql('{ stats { papers } }')).data.stats.papers).toBe(4);
  });

  it('ingests, then reports the same papers as unchanged', async () => {
    const first = await h.gql(ingest, { papers: [newPaper] }, auth);
    expect(first.errors).toBeUndefined();
    expect(first.data.ingestPapers).toMatchObject({ papersAdded: 1, papersUpdated: 0, papersUnchanged: 0, repositoriesCreated: 1 });
    expect(first.data.ingestPapers.writtenPaperIds).toEqual(['sparse-mixture-routing-for-graph-transformers']);
    const again = await h.gql(ingest, { papers: [newPaper] }, auth);
    expect(again.data.ingestPapers).toMatchObject({ papersAdded: 0, papersUpdated: 0, papersUnchanged: 1, conceptsCreated: 0 });
    const paper = await h.gql('{ paper(id: "sparse-mixture-routing-for-graph-transformers") { repositories { id } } }');
    expect(paper.data.paper.repositories).toEqual([{ id: 'github.com/example/smr-code' }]);
    const smr = await h.gql('{ concept(name: "SMR") { name acronym } }');
    expect(smr.data.concept).toEqual({ name: 'sparse mixture routing', acronym: 'SMR' });
  });

  it('refuses a whole batch when one paper is invalid, naming the paper and field', async () => {
    const before = (await h.gql('{ stats { papers } }')).data.stats.papers;
    const res = await h.gql(ingest, { papers: [{ ...newPaper, title: 'Another paper' }, { title: ' ', abstract: 'x', year: 3000 }] }, auth);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('papers[1].title: must not be empty');
    expect(res.errors?.[0]?.message).toContain('papers[1].year: must be an integer from 1900 to 2100');
    expect((await h.gql('{ stats { papers } }')).data.stats.papers).toBe(before);
  });

  it('deletes a paper', async () => {
    const res = await h.gql('mutation { deletePaper(id: "p-d") }', {}, auth);
    expect(res.data.deletePaper).toBe(true);
    expect((await h.gql('{ paper(id: "p-d") { id } }')).data.paper).toBeNull();
    expect((await h.gql('mutation { deletePaper(id: "p-d") }', {}, auth)).data.deletePaper).toBe(false);
  });

  it('refuses every mutation when no admin token is configured', async () => {
    const locked = await startHarness(smallGraph(), { adminToken: null });
    try {
      const res = await locked.gql('mutation { deletePaper(id: "p-a") }', {}, auth);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await locked.gql('{ paper(id: "p-a") { id } }')).data.paper).toEqual({ id: 'p-a' });
    } finally {
      await locked.close();
    }
  });
});

describe('batching', () => {
  it('costs a constant number of store calls for 50 papers with concepts and repositories', async () => {
    const calls = new Map<string, number>();
    const h = await startHarness(generatedGraph(60), { wrapStore: (s) => countingStore(s, calls) });
    try {
      const res = await h.gql(`{ papers(first: 50) { nodes { id
        concepts { confidence concept { id name } }
        repositories { id } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.papers.nodes).toHaveLength(50);
      expect(res.data.papers.nodes[0].concepts).toHaveLength(3);
      expect(Object.fromEntries(calls)).toEqual({
        listPapers: 1,
        mentionsOfPapers: 1,
        conceptsByIds: 1,
        repositoriesOfPapers: 1,
      });
    } finally {
      await h.close();
    }
  });
});
