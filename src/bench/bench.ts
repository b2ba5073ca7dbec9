/**
 * `npm run bench -- [--sizes 1k,10k,100k,real] [--stores memory,neo4j] [--requests N] ...`
 *
 * For each corpus size and store: ingest throughput end to end (a `kg ingest` process, from the
 * file to the committed graph), its peak RSS, the cost of adding 100 more papers, the time the
 * server takes to be ready on the stored graph (snapshot load for the embedded store), its RSS,
 * and the latency p50/p99 of the measured queries sent over HTTP, each also as a ratio to
 * `{ __typename }` on the same server (the framework's floor). Writes JSON (default
 * bench-results/latest.json) and prints a Markdown table.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { packageRoot } from '../util/package-root.js';
import { syntheticCorpusLines } from './generator.js';
import { GraphqlClient, summarise, type GraphqlRequest, type LatencySummary } from './http-latency.js';
import { freePort } from '../util/free-port.js';
import { benchOptions, BenchOptionError, BENCH_USAGE, parseSize, type Options, type StoreKind } from './options.js';

interface ProcessUsage {
  maxRssBytes: number;
  userCpuMs: number;
  systemCpuMs: number;
  wallMs: number;
}

interface IngestResult {
  papers: number;
  seconds: number;
  papersPerSecond: number;
  peakRssMb: number;
  cpuSeconds: number;
  /** 1, 5 and 15-minute load averages before and after. */
  load: number[];
  loadAfter: number[];
  stats?: Record<string, number>;
  /** How the ingest wrote the graph (see IngestReport.mode). */
  mode?: string;
  /** Seconds the ingest process spent opening the store (the embedded store loads its snapshot). */
  storeOpenSeconds?: number;
  /** Seconds from the store being open to the graph being committed. */
  ingestSeconds?: number;
}

interface StoreResult {
  store: StoreKind;
  corpus: string;
  papers: number;
  ingest?: IngestResult;
  incremental?: IngestResult & { added: number; basePapers: number };
  serve?: { readyMs: number; emptyReadyMs?: number; rssAfterLoadMb: number; peakRssMb?: number; load: number[] };
  latency?: Record<string, LatencySummary & { ratioToFloor: number }>;
  snapshotBytes?: number;
  skipped?: string;
  error?: string;
}

const MB = 1024 * 1024;
const root = packageRoot();
const cli = join(root, 'dist/src/cli.js');
const probe = join(root, 'dist/src/bench/rss-probe.js');
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

// ---- corpora ---------------------------------------------------------------------------

interface Corpus {
  name: string;
  files: string[];
  papers: number;
  /** A file of extra papers for the incremental measurement, or null. */
  extra: string | null;
  format: 'arxiv' | 'auto';
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  const { rename } = await import('node:fs/promises');
  await rename(temp, path);
}

async function corpus(size: string, opts: Options): Promise<Corpus> {
  if (size === 'real') {
    const files = [join(root, 'data/trending-papers.txt'), ...['inspec-train-val.jsonl'].map((f) => join(root, '../shared/eval-data', f))].filter(
      (f) => existsSync(f),
    );
    // Count papers by ingesting nothing: the CLI reports it; here a cheap estimate is enough for the label.
    let papers = 0;
    for (const f of files) papers += f.endsWith('.jsonl') ? readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).length : 0;
    return { name: 'real', files, papers, extra: null, format: 'auto' };
  }
  const n = parseSize(size);
  const file = join(opts.work, `corpus-s${opts.seed}-${n}.jsonl`);
  await writeLines(file, syntheticCorpusLines(n, { seed: opts.seed }));
  let extra: string | null = null;
  if (opts.incremental > 0) {
    extra = join(opts.work, `corpus-s${opts.seed}-${n}-plus-${opts.incremental}.jsonl`);
    await writeLines(extra, syntheticCorpusLines(opts.incremental, { seed: opts.seed, offset: n }));
  }
  return { name: size, files: [file], papers: n, extra, format: 'arxiv' };
}

// ---- processes -------------------------------------------------------------------------

function storeEnv(store: StoreKind, dataDir: string, neo4jUri: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', KG_SEED: 'none', KG_DATA_DIR: dataDir };
  if (store === 'neo4j') {
    env.NEO4J_URI = neo4jUri!;
    env.KG_EXTRACTION_CACHE = join(dataDir, 'extractions.jsonl');
  } else {
    delete env.NEO4J_URI;
    delete env.KG_EXTRACTION_CACHE;
  }
  return env;
}

/** --cpu-prof: node's arguments to write a CPU profile named after `label` to bench-results/profiles/. */
async function profileArgs(opts: Options, label: string): Promise<string[]> {
  if (!opts.cpuProf) return [];
  const dir = join(dirname(opts.out), 'profiles');
  await mkdir(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`];
}

/** Runs `kg ingest` as its own process; its time and peak RSS. */
async function runIngest(files: string[], format: string, env: NodeJS.ProcessEnv, opts: Options, label: string): Promise<IngestResult> {
  const usageFile = join(opts.work, `usage-${process.pid}-${Date.now()}.json`);
  const nodeArgs = ['--import', pathToFileURL(probe).href, `--max-old-space-size=${opts.heapMb}`];
  nodeArgs.push(...(await profileArgs(opts, `ingest-${label}`)));
  const before = load();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, cli, 'ingest', '--format', format, ...files], {
    env: { ...env, KG_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  let tail = '';
  child.stderr.on('data', (c: Buffer) => {
    const text = c.toString();
    tail = (tail + text).slice(-4000);
    for (const line of text.split(/[\r\n]+/)) if (line.trim()) log(`    [ingest ${label}] ${line.trim()}`);
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`kg ingest exited with ${code}: ${tail.slice(-1500)}`);
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as ProcessUsage;
  await rm(usageFile, { force: true });
  let stats: Record<string, number> | undefined;
  let papers = 0;
  let extra: Pick<IngestResult, 'mode' | 'storeOpenSeconds' | 'ingestSeconds'> = {};
  try {
    const report = JSON.parse(stdout) as {
      papersAdded: number;
      papersUpdated: number;
      stats: Record<string, number>;
      mode?: string;
      timing?: { storeOpenSeconds: number; ingestSeconds: number };
    };
    stats = report.stats;
    papers = report.papersAdded + report.papersUpdated;
    extra = { ...(report.mode ? { mode: report.mode } : {}), ...(report.timing ?? {}) };
  } catch {
    // leave stats out
  }
  return {
    papers,
    seconds: round(seconds, 2),
    papersPerSecond: round(papers / seconds, 1),
    peakRssMb: round(usage.maxRssBytes / MB, 0),
    cpuSeconds: round((usage.userCpuMs + usage.systemCpuMs) / 1000, 2),
    load: before,
    loadAfter: load(),
    ...(stats ? { stats } : {}),
    ...extra,
  };
}

interface Server {
  url: string;
  pid: number;
  readyMs: number;
  stop(): Promise<ProcessUsage | null>;
}

async function startServer(env: NodeJS.ProcessEnv, opts: Options, label = 'serve'): Promise<Server> {
  const port = await freePort();
  const usageFile = join(opts.work, `usage-serve-${process.pid}-${Date.now()}.json`);
  const nodeArgs = ['--import', pathToFileURL(probe).href, ...(await profileArgs(opts, label))];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, cli, 'serve'], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), KG_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr.on('data', (c: Buffer) => (tail = (tail + c.toString()).slice(-4000)));
  let exited: number | null | undefined;
  const exit = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exited = code;
      r();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}) before it was ready: ${tail.slice(-1500)}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 600_000) {
      child.kill('SIGKILL');
      throw new Error('the server was not ready within 600 s');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  return {
    url: `${base}/graphql`,
    pid: child.pid!,
    readyMs,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
      try {
        const usage = JSON.parse(await readFile(usageFile, 'utf8')) as ProcessUsage;
        await rm(usageFile, { force: true });
        return usage;
      } catch {
        return null;
      }
    },
  };
}

/** Resident set size of a running process, from /proc (Linux); null elsewhere. */
function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

// ---- queries ---------------------------------------------------------------------------

export const QUERIES: Record<string, string> = {
  floor: '{ __typename }',
  conceptByAlias: 'query($name: String!) { concept(name: $name) { id name acronym paperCount } }',
  conceptPapers: 'query($id: ID!) { concept(id: $id) { papers(first: 20) { totalCount nodes { id title year } } } }',
  related: 'query($id: ID!) { concept(id: $id) { related(first: 10) { concept { id name } sharedPapers weight } } }',
  neighbourhood:
    'query($id: ID!) { concept(id: $id) { neighbourhood(depth: 2, limit: 50) { nodes { id kind label } edges { source target kind weight } } } }',
  similar: 'query($id: ID!) { paper(id: $id) { similar(first: 10) { paper { id title } score } } }',
  path: 'query($from: String!, $to: String!) { path(from: $from, to: $to, maxHops: 4) { hops nodes { id label } edges { source target kind } } }',
  search: 'query($q: String!) { search(query: $q, first: 10) { kind score paper { id } concept { id } repository { id } } }',
};

interface Samples {
  aliases: string[];
  conceptIds: string[];
  paperIds: string[];
  pairs: [string, string][];
  searches: string[];
}

/** Parameters the queries rotate through: frequent and mid-frequency concepts, papers, pairs. */
async function sampleParameters(client: GraphqlClient): Promise<Samples> {
  type C = { id: string; name: string; acronym: string | null; aliases: string[]; paperCount: number };
  const top = await client.data<{ concepts: { nodes: C[] } }>({
    query: '{ concepts(first: 100, orderBy: PAPER_COUNT_DESC) { nodes { id name acronym aliases paperCount } } }',
  });
  const mid = await client.data<{ concepts: { nodes: C[] } }>({
    query: '{ concepts(first: 100, orderBy: NAME_ASC, filter: { minPapers: 3 }) { nodes { id name acronym aliases paperCount } } }',
  });
  const concepts = [...top.concepts.nodes, ...mid.concepts.nodes];
  const papers = await client.data<{ papers: { nodes: { id: string }[] } }>({ query: '{ papers(first: 100, orderBy: TITLE_ASC) { nodes { id } } }' });
  const aliases = concepts.map((c, i) => c.acronym ?? c.aliases[i % Math.max(1, c.aliases.length)] ?? c.name);
  const ids = concepts.map((c) => c.id);
  const pairs: [string, string][] = [];
  for (let i = 0; i < ids.length; i++) pairs.push([concepts[i]!.name, concepts[(i * 37 + 11) % concepts.length]!.name]);
  const searches = concepts.flatMap((c) => [c.name, c.name.split(/\s+/)[0]!.slice(0, 5)]);
  return { aliases, conceptIds: ids, paperIds: papers.papers.nodes.map((p) => p.id), pairs, searches };
}

function requestFor(name: string, s: Samples, i: number): GraphqlRequest {
  const query = QUERIES[name]!;
  const at = <T>(list: T[]) => list[i % list.length]!;
  switch (name) {
    case 'floor':
      return { query };
    case 'conceptByAlias':
      return { query, variables: { name: at(s.aliases) } };
    case 'similar':
      return { query, variables: { id: at(s.paperIds) } };
    case 'path': {
      const [from, to] = at(s.pairs);
      return { query, variables: { from, to } };
    }
    case 'search':
      return { query, variables: { q: at(s.searches) } };
    default:
      return { query, variables: { id: at(s.conceptIds) } };
  }
}

async function measureQueries(url: string, opts: Options): Promise<Record<string, LatencySummary & { ratioToFloor: number }>> {
  const client = new GraphqlClient(url);
  try {
    const samples = await sampleParameters(client);
    const raw: Record<string, LatencySummary> = {};
    // The floor is measured first and last (half the requests each), so drift in the machine's load
    // over the run shows in it as in the queries.
    const floorRuns: { samples: number[]; errors: number; firstError?: string }[] = [];
    const half = Math.ceil(opts.requests / 2);
    floorRuns.push(await client.measureRaw((i) => requestFor('floor', samples, i), half, opts.warmup));
    for (const name of Object.keys(QUERIES).filter((q) => q !== 'floor')) {
      raw[name] = await client.measure((i) => requestFor(name, samples, i), opts.requests, opts.warmup);
      log(`    ${name.padEnd(15)} p50 ${raw[name]!.p50Ms.toFixed(2)} ms  p99 ${raw[name]!.p99Ms.toFixed(2)} ms  errors ${raw[name]!.errors}  (load ${load()[0]})`);
    }
    floorRuns.push(await client.measureRaw((i) => requestFor('floor', samples, i), opts.requests - half, 0));
    raw.floor = summarise(
      floorRuns.flatMap((r) => r.samples),
      floorRuns[0]!.errors + floorRuns[1]!.errors,
      floorRuns[0]!.firstError ?? floorRuns[1]!.firstError,
    );
    log(`    ${'floor'.padEnd(15)} p50 ${raw.floor.p50Ms.toFixed(2)} ms  p99 ${raw.floor.p99Ms.toFixed(2)} ms (first and last)`);
    const floor = raw.floor!;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, { ...v, ratioToFloor: round(v.p50Ms / Math.max(0.001, floor.p50Ms), 2) }]));
  } finally {
    client.close();
  }
}

// ---- Neo4j ---------------------------------------------------------------------------

interface Neo4jHandle {
  uri: string | null;
  reason?: string;
  stop(): Promise<void>;
}

async function neo4j(opts: Options): Promise<Neo4jHandle> {
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, stop: async () => {} };
  try {
    const local = (await import(pathToFileURL(join(root, 'scripts/neo4j-local.mjs')).href)) as {
      startLocalNeo4j(o: { dir: string; log: (l: string) => void }): Promise<{ uri: string; reused: boolean }>;
      stopLocalNeo4j(o: { dir: string }): Promise<boolean>;
    };
    const dir = join(root, '.neo4j-bench');
    const { uri, reused } = await local.startLocalNeo4j({ dir, log: (l) => log(`  [neo4j] ${l}`) });
    void opts;
    if (reused) log(`  [neo4j] reusing the Neo4j already running in ${dir}`);
    return { uri, stop: async () => void (reused ? undefined : await local.stopLocalNeo4j({ dir })) };
  } catch (error) {
    return { uri: null, reason: (error as Error).message, stop: async () => {} };
  }
}

/** Empties the Neo4j database (the bench's corpus replaces whatever it held). */
async function wipeNeo4j(uri: string): Promise<void> {
  const { Neo4jStore } = await import('../store/neo4j/neo4j-store.js');
  const config = loadConfig({ ...process.env, NEO4J_URI: uri });
  const store = new Neo4jStore(config.neo4j!);
  try {
    await store.init();
    await store.replaceGraph({ papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] });
  } finally {
    await store.close();
  }
}

// ---- main -----------------------------------------------------------------------------

async function benchStore(store: StoreKind, c: Corpus, opts: Options, neo4jUri: string | null): Promise<StoreResult> {
  const result: StoreResult = { store, corpus: c.name, papers: c.papers };
  const dataDir = join(opts.work, `store-${store}-${c.name}`);
  if (opts.reuse) return measureStored(store, c, dataDir, opts, neo4jUri);
  await rm(dataDir, { recursive: true, force: true });
  if (store === 'neo4j') await wipeNeo4j(neo4jUri!);
  const env = storeEnv(store, dataDir, neo4jUri);
  log(`  ingest ${c.name} into ${store} (load ${load().join(' ')})`);
  result.ingest = await runIngest(c.files, c.format, env, opts, `${store}-${c.name}`);
  result.papers = result.ingest.papers;
  log(`  -> ${result.ingest.papersPerSecond} papers/s, ${result.ingest.seconds} s, peak RSS ${result.ingest.peakRssMb} MB`);
  if (c.extra) {
    const inc = await runIngest([c.extra], c.format, env, opts, `${store}-${c.name}-plus`);
    result.incremental = { ...inc, added: inc.papers, basePapers: result.papers };
    log(
      `  -> +${inc.papers} papers in ${inc.seconds} s, ${inc.mode ?? '?'} (store open ${inc.storeOpenSeconds ?? '?'} s, ingest ${inc.ingestSeconds ?? '?'} s; peak RSS ${inc.peakRssMb} MB)`,
    );
  }
  if (store === 'memory') {
    try {
      result.snapshotBytes = (await import('node:fs')).statSync(join(dataDir, 'graph.json')).size;
    } catch {
      // no snapshot
    }
  }
  if (!opts.queries) return result;
  return serveAndMeasure(result, env, opts);
}

/** `--reuse`: the queries on a store a previous run built (checked to hold a graph of that corpus's size). */
async function measureStored(store: StoreKind, c: Corpus, dataDir: string, opts: Options, neo4jUri: string | null): Promise<StoreResult> {
  const env = storeEnv(store, dataDir, neo4jUri);
  if (store === 'memory' && !existsSync(join(dataDir, 'graph.json'))) {
    throw new Error(`--reuse: no stored graph in ${dataDir} (run the bench without --reuse first)`);
  }
  if (store === 'neo4j') {
    const { Neo4jStore } = await import('../store/neo4j/neo4j-store.js');
    const db = new Neo4jStore(loadConfig({ ...process.env, NEO4J_URI: neo4jUri! }).neo4j!);
    try {
      await db.init();
      const { papers } = await db.stats();
      if (papers < c.papers) throw new Error(`--reuse: Neo4j holds ${papers} papers, not the ${c.name} corpus (run the bench without --reuse first)`);
    } finally {
      await db.close();
    }
  }
  log(`  reusing the stored ${c.name} graph in ${store}`);
  return serveAndMeasure({ store, corpus: c.name, papers: c.papers }, env, opts);
}

async function serveAndMeasure(result: StoreResult, env: NodeJS.ProcessEnv, opts: Options): Promise<StoreResult> {
  const server = await startServer(env, opts, `serve-${result.store}-${result.corpus}`);
  try {
    const rss = rssOf(server.pid);
    result.serve = { readyMs: round(server.readyMs, 0), rssAfterLoadMb: round((rss ?? 0) / MB, 0), load: load() };
    log(`  server ready in ${result.serve.readyMs} ms, RSS ${result.serve.rssAfterLoadMb} MB`);
    result.latency = await measureQueries(server.url, opts);
  } finally {
    const usage = await server.stop();
    if (usage && result.serve) result.serve.peakRssMb = round(usage.maxRssBytes / MB, 0);
  }
  return result;
}

/** The server's ready time on an empty store: process start and framework, without a graph to load. */
async function emptyReadyMs(opts: Options): Promise<number> {
  const dir = join(opts.work, 'store-memory-empty');
  await rm(dir, { recursive: true, force: true });
  const server = await startServer(storeEnv('memory', dir, null), opts);
  await server.stop();
  return round(server.readyMs, 0);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

export function table(results: StoreResult[]): string {
  const names = Object.keys(QUERIES).filter((q) => q !== 'floor');
  const lines = [
    `| store | corpus | papers | ingest papers/s | ingest peak RSS MB | +100 papers s | ready ms | serve RSS MB | floor p50/p99 ms | ${names.map((n) => `${n} p50/p99 ms (×floor)`).join(' | ')} |`,
    `|${' --- |'.repeat(9 + names.length)}`,
  ];
  for (const r of results) {
    if (r.skipped || r.error) {
      lines.push(`| ${r.store} | ${r.corpus} | ${r.skipped ? `skipped: ${r.skipped}` : `error: ${r.error}`} |`);
      continue;
    }
    const l = r.latency;
    const cell = (n: string) => (l?.[n] ? `${l[n]!.p50Ms.toFixed(2)} / ${l[n]!.p99Ms.toFixed(2)} (×${l[n]!.ratioToFloor})${l[n]!.errors ? ` ${l[n]!.errors} errors` : ''}` : '–');
    lines.push(
      `| ${r.store} | ${r.corpus} | ${r.papers} | ${r.ingest?.papersPerSecond ?? '–'} | ${r.ingest?.peakRssMb ?? '–'} | ${r.incremental?.seconds ?? '–'} | ${r.serve?.readyMs ?? '–'} | ${r.serve?.rssAfterLoadMb ?? '–'} | ${cell('floor')} | ${names.map(cell).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const opts = benchOptions(argv, root);
  if (opts === 'help') {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  if (!existsSync(cli) || !existsSync(probe)) throw new Error('run `npm run build` first (npm run bench does)');
  await mkdir(opts.work, { recursive: true });
  const started = new Date().toISOString();
  log(`bench: sizes ${opts.sizes.join(',')}, stores ${opts.stores.join(',')}, ${opts.requests} requests per query; load ${load().join(' ')}`);
  const results: StoreResult[] = [];
  let neo: Neo4jHandle | null = null;
  if (opts.stores.includes('neo4j')) {
    neo = await neo4j(opts);
    if (!neo.uri) log(`Neo4j skipped: no NEO4J_URI and the local launcher could not start one (${neo.reason})`);
    else log(`Neo4j at ${neo.uri}${process.env.NEO4J_URI ? ' (NEO4J_URI: its database is replaced)' : ' (private, .neo4j-bench/)'}`);
  }
  const save = async (finished: boolean) => {
    const output = {
      started,
      finished: finished ? new Date().toISOString() : null,
      machine: machine(),
      loadAtEnd: load(),
      options: { ...opts, work: undefined },
      results,
    };
    await mkdir(dirname(opts.out), { recursive: true });
    await writeFile(opts.out, `${JSON.stringify(output, null, 2)}\n`);
    return output;
  };
  let floorReady: number | undefined;
  try {
    if (opts.queries && opts.stores.includes('memory')) floorReady = await emptyReadyMs(opts);
    for (const size of opts.sizes) {
      const c = await corpus(size, opts);
      log(`corpus ${c.name}: ${c.files.join(', ')}`);
      for (const store of opts.stores) {
        if (store === 'neo4j' && !neo?.uri) {
          results.push({ store, corpus: c.name, papers: c.papers, skipped: `no Neo4j (${neo?.reason ?? 'not available'})` });
          continue;
        }
        try {
          const r = await benchStore(store, c, opts, neo?.uri ?? null);
          if (r.serve && floorReady !== undefined) r.serve.emptyReadyMs = floorReady;
          results.push(r);
        } catch (error) {
          log(`  ${store} ${c.name} failed: ${(error as Error).message}`);
          results.push({ store, corpus: c.name, papers: c.papers, error: (error as Error).message.slice(0, 500) });
        }
        // Written after every result, so a long run stopped midway keeps what it measured.
        await save(false);
      }
    }
  } finally {
    await neo?.stop();
  }
  const output = await save(true);
  process.stdout.write(`\n${table(results)}\n\nmachine: ${JSON.stringify(output.machine)}\nresults: ${opts.out}\n`);
  return results.some((r) => r.error) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof BenchOptionError) {
      log(`bench: ${error.message}\n\n${BENCH_USAGE}`);
      process.exitCode = 2;
      return;
    }
    log(`bench: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
