import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { serve, type Served } from '../../src/server/bootstrap.js';
import { Neo4jStore } from '../../src/store/neo4j/index.js';

const uri = inject('neo4jUri') ?? process.env.NEO4J_URI ?? null;

/** Queries a front-end sends; each must get the same JSON from both stores. */
const QUERIES = [
  '{ stats { papers concepts repositories mentions } }',
  '{ papers(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { id title year concepts { concept { id name } count confidence inTitle snippet } repositories { id } } } }',
  '{ concept(name: "MLA") { id name acronym aliases paperCount related(first: 5) { concept { id } sharedPapers weight } broader { id } narrower { id } repositories { id } papers(first: 5) { totalCount nodes { id } } } }',
  '{ concept(name: "concept bottleneck models") { id papers(first: 50, includeNarrower: true) { totalCount nodes { id } } neighbourhood(depth: 2, limit: 20) { nodes { id kind label } edges { source target kind weight } } } }',
  '{ concepts(first: 20, orderBy: PAPER_COUNT_DESC) { totalCount nodes { id name paperCount } } }',
  '{ concepts(first: 20, orderBy: NAME_ASC, filter: { minPapers: 2 }) { totalCount nodes { id } } }',
  '{ repositories(first: 100) { totalCount nodes { id url papers { id } concepts { id } } } }',
  '{ search(query: "information bottleneck", first: 10) { kind score paper { id } concept { id } repository { id } } }',
  '{ path(from: "IB", to: "MLA") { hops nodes { id label } edges { source target kind weight } } }',
  '{ paper(id: "perceiver-general-perception-with-iterative-attention") { similar(first: 5) { paper { id } score sharedConcepts { id } } } }',
  // Ranking, clusters, traversal, search, filters, batch lookups.
  '{ concepts(first: 10, orderBy: RANK_DESC) { nodes { id rank community } pageInfo { endCursor } } }',
  '{ communities(first: 5) { totalCount nodes { id size label concepts(first: 5) { id } papers(first: 3) { id } } } }',
  '{ concept(name: "IB") { related(first: 5, minShared: 2) { concept { id } sharedPapers weight } neighbourhood(depth: 2, limit: 15, perHop: 8, include: [CONCEPT, PAPER, REPOSITORY], layout: true) { nodes { id kind label x y community rank } edges { source target kind weight paperCount } } } }',
  '{ paths(from: "IB", to: "MLA", first: 4) { hops nodes { id } edges { source target kind weight paperCount papers(first: 2) { id } } } }',
  '{ search(query: "bottlenck", first: 5) { kind score concept { id } paper { id } } prefix: search(query: "diffus", first: 5) { kind score concept { id } paper { id } } }',
  '{ papers(first: 5, filter: { allConcepts: ["IB", "LLM"] }, orderBy: YEAR_DESC) { totalCount nodes { id } } text: papers(first: 5, filter: { search: "latent attention" }, orderBy: RELEVANCE) { totalCount nodes { id } pageInfo { endCursor } } }',
  '{ concepts(first: 5, filter: { community: 2, minPapers: 2 }, orderBy: NAME_ASC) { totalCount nodes { id } } }',
  '{ papersByIds(ids: ["perceiver-general-perception-with-iterative-attention", "nope"]) { id } conceptsByNames(names: ["MLA", "IB", "nothing at all"]) { id } }',
  '{ repositories(first: 5) { nodes { id concepts { id } } } }',
];

async function ask(url: string, query: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
}

if (!uri) {
  it('runs without Neo4j only when it is not required', () => {
    expect(process.env.REQUIRE_NEO4J).not.toBe('1');
  });
} else {
  describe('npm start on Neo4j and on the embedded store', () => {
    let dir: string;
    let embedded: Served;
    let onNeo4j: Served;

    beforeAll(async () => {
      // Start from an empty database so the server seeds it, as on a user's first start.
      const cleaner = new Neo4jStore({ uri, user: 'neo4j', password: 'neo4j', database: 'neo4j' });
      await cleaner.init();
      await cleaner.replaceGraph({ papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] });
      await cleaner.close();
      dir = await mkdtemp(join(tmpdir(), 'kg-parity-'));
      embedded = await serve(loadConfig({ KG_DATA_DIR: dir, PORT: '0' }), () => {});
      onNeo4j = await serve(loadConfig({ NEO4J_URI: uri, PORT: '0' }), () => {});
    });
    afterAll(async () => {
      await embedded?.stop();
      await onNeo4j?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('seeds Neo4j with the bundled corpus and answers every query exactly as the embedded store', async () => {
      for (const query of QUERIES) {
        const [a, b] = await Promise.all([ask(embedded.url, query), ask(onNeo4j.url, query)]);
        expect(a, query).not.toHaveProperty('errors');
        expect(b, query).toEqual(a);
      }
      const stats = (await ask(onNeo4j.url, QUERIES[0]!)) as { data: { stats: { papers: number } } };
      expect(stats.data.stats.papers).toBe(119);
    });

    it('serves the same /export/graph.json', async () => {
      const get = async (url: string) => (await fetch(url.replace('/graphql', '/export/graph.json'))).text();
      const [a, b] = await Promise.all([get(embedded.url), get(onNeo4j.url)]);
      expect(b).toBe(a);
    });

    it('reports readiness with the store kind', async () => {
      const res = await fetch(onNeo4j.url.replace('/graphql', '/readyz'));
      expect([res.status, await res.json()]).toEqual([200, { status: 'ready', store: 'neo4j' }]);
    });
  });
}
