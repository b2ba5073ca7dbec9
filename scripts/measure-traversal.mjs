// Times ranking + communities on the bundled sample corpus and the latency of the traversal,
// ranking, search, filter, lookup and export queries over HTTP, on the embedded store and (when
// NEO4J_URI is set) on Neo4j. Run after `npm run build`:
//
//   node scripts/measure-traversal.mjs              # embedded store only
//   NEO4J_URI=bolt://127.0.0.1:7687 node scripts/measure-traversal.mjs
//
// Prints a Markdown table of medians over RUNS runs (after one warm-up run).
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { rankConcepts } from '../dist/src/graph/ranking.js';
import { buildGraph } from '../dist/src/ingest/build-graph.js';
import { IngestService } from '../dist/src/ingest/ingest-service.js';
import { readPaperFile } from '../dist/src/ingest/read-files.js';
import { startApp } from '../dist/src/server/app.js';
import { MemoryStore } from '../dist/src/store/memory/memory-store.js';
import { bundledCorpusPath } from '../dist/src/util/package-root.js';

const RUNS = Number(process.env.RUNS ?? 20);

const QUERIES = {
  'concepts(orderBy: RANK_DESC)': '{ concepts(first: 20, orderBy: RANK_DESC) { nodes { id rank community } } }',
  'communities + top concepts, papers': '{ communities(first: 10) { nodes { id size label concepts(first: 5) { id } papers(first: 5) { id } } } }',
  'related(minShared: 2)': '{ concept(name: "IB") { related(first: 10, minShared: 2) { concept { id } sharedPapers weight } } }',
  'neighbourhood depth 2, concepts only': '{ concept(name: "IB") { neighbourhood(depth: 2, limit: 50) { nodes { id } edges { source target } } } }',
  'neighbourhood depth 2 + papers, repos, layout': '{ concept(name: "IB") { neighbourhood(depth: 2, limit: 50, perHop: 25, include: [CONCEPT, PAPER, REPOSITORY], layout: true) { nodes { id x y } edges { source target kind } } } }',
  'path + evidence papers': '{ path(from: "IB", to: "MLA") { hops edges { kind papers(first: 3) { id } } } }',
  'paths(first: 5) + evidence': '{ paths(from: "IB", to: "MLA", first: 5) { hops edges { kind paperCount papers(first: 2) { id } } } }',
  'Paper.similar': '{ paper(id: "perceiver-general-perception-with-iterative-attention") { similar(first: 10) { paper { id } score } } }',
  'Repository.concepts (all repos)': '{ repositories(first: 100) { nodes { id concepts { id } } } }',
  'search (exact)': '{ search(query: "information bottleneck", first: 10) { kind score } }',
  'search (typo "bottlenck")': '{ search(query: "bottlenck", first: 10) { kind score } }',
  'search (prefix "diffus")': '{ search(query: "diffus", first: 10) { kind score } }',
  'papers(filter: allConcepts, hasCode)': '{ papers(first: 20, filter: { allConcepts: ["IB", "LLM"], hasCode: false }, orderBy: YEAR_DESC) { totalCount nodes { id } } }',
  'papers(filter: search, RELEVANCE)': '{ papers(first: 20, filter: { search: "latent attention" }, orderBy: RELEVANCE) { totalCount nodes { id } } }',
  'concepts(filter: community, minPapers)': '{ concepts(first: 20, filter: { community: 1, minPapers: 2 }, orderBy: RANK_DESC) { totalCount nodes { id } } }',
  'papersByIds (100 ids)': null,
  'conceptsByNames (100 names)': null,
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn) {
  await fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function measureStore(label, store, graph) {
  await store.init();
  await store.replaceGraph(graph);
  const app = await startApp(
    { store, ingest: new IngestService(store), adminToken: null, introspection: false, maskErrors: true, logger: silentLogger() },
    0,
    '127.0.0.1',
  );
  const ask = async (query, variables = {}) => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
    return body;
  };
  const paperIds = graph.papers.slice(0, 100).map((p) => p.id);
  const names = graph.concepts.slice(0, 100).map((c) => c.aliases[0] ?? c.name);
  const results = {};
  for (const [name, query] of Object.entries(QUERIES)) {
    if (name.startsWith('papersByIds')) {
      results[name] = await time(() => ask('query($ids: [ID!]!) { papersByIds(ids: $ids) { id title } }', { ids: paperIds }));
    } else if (name.startsWith('conceptsByNames')) {
      results[name] = await time(() => ask('query($n: [String!]!) { conceptsByNames(names: $n) { id } }', { n: names }));
    } else {
      results[name] = await time(() => ask(query));
    }
  }
  results['GET /export/graph.json'] = await time(async () => (await fetch(app.url.replace('/graphql', '/export/graph.json'))).text());
  await app.close();
  await store.close();
  return { label, results };
}

function silentLogger() {
  const noop = () => {};
  const logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => logger };
  return logger;
}

const papers = await readPaperFile(bundledCorpusPath());
const t0 = performance.now();
const graph = buildGraph(papers);
const buildMs = performance.now() - t0;
const rankTimes = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  rankConcepts(graph.concepts.map((c) => c.id), graph.related);
  rankTimes.push(performance.now() - t);
}
console.log(`sample corpus: ${graph.papers.length} papers, ${graph.concepts.length} concepts, ${graph.related.length} RELATED_TO edges, ` +
  `${new Set(graph.concepts.map((c) => c.community)).size} communities`);
console.log(`buildGraph (extraction + consolidation + ranking), first run: ${buildMs.toFixed(0)} ms`);
console.log(`ranking + communities (PageRank + Louvain): first ${rankTimes[0].toFixed(1)} ms, median of 10 ${median(rankTimes).toFixed(1)} ms`);

const runs = [await measureStore('embedded', new MemoryStore({ dataDir: null }), graph)];
if (process.env.NEO4J_URI) {
  const { Neo4jStore } = await import('../dist/src/store/neo4j/neo4j-store.js');
  runs.push(await measureStore('Neo4j', new Neo4jStore({ uri: process.env.NEO4J_URI, user: 'neo4j', password: 'neo4j', database: 'neo4j' }), graph));
}
console.log(`\n| query (median of ${RUNS}, ms, over HTTP) | ${runs.map((r) => r.label).join(' | ')} |`);
console.log(`| --- | ${runs.map(() => '---:').join(' | ')} |`);
for (const name of Object.keys(runs[0].results)) {
  console.log(`| ${name} | ${runs.map((r) => r.results[name].toFixed(1)).join(' | ')} |`);
}
