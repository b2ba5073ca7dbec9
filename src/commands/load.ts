/**
 * `npm run load -- [--duration S] [--connections N]`: a bounded load test on loopback.
 * Starts the server (`kg serve`, production settings) on a free port over a fresh embedded store
 * seeded with the bundled corpus, sends a mixed read workload with autocannon for a fixed time
 * at a fixed number of connections, prints throughput, p50/p99 latency and the error count, and
 * stops the server. Exits 1 when any request failed (transport error, timeout, non-2xx status,
 * or a GraphQL `errors` entry in a 200 answer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { packageRoot } from '../util/package-root.js';
import { freePort } from '../util/free-port.js';

export const LOAD_USAGE = 'npm run load -- [--duration SECONDS (30)] [--connections N (50)]';

/** The read workload: what a front-end exploring the sample corpus asks, in turn on every connection. */
export const WORKLOAD: readonly { name: string; query: string }[] = [
  { name: 'stats', query: '{ stats { papers concepts repositories mentions } }' },
  {
    name: 'papers page',
    query: '{ papers(first: 20) { totalCount pageInfo { endCursor } nodes { id title concepts { concept { id name } confidence } repositories { id } } } }',
  },
  {
    name: 'concept',
    query: '{ concept(name: "MLA") { id name aliases paperCount related(first: 10) { concept { id name } weight } papers(first: 10) { nodes { id title } } } }',
  },
  { name: 'search', query: '{ search(query: "attention", first: 10) { kind score paper { id } concept { id } repository { id } } }' },
  { name: 'top concepts', query: '{ concepts(first: 50, orderBy: PAPER_COUNT_DESC) { nodes { id name paperCount } } }' },
  { name: 'path', query: '{ path(from: "IB", to: "MLA") { hops nodes { id label } edges { source target kind } } }' },
  {
    name: 'neighbourhood',
    query: '{ concept(name: "IB") { neighbourhood(depth: 2, limit: 30) { nodes { id kind label } edges { source target kind weight } } } }',
  },
  {
    name: 'similar',
    query: '{ paper(id: "perceiver-general-perception-with-iterative-attention") { title similar(first: 5) { paper { id } score sharedConcepts { id } } } }',
  },
  { name: 'repositories', query: '{ repositories(first: 20) { nodes { id papers { id } concepts { id } } } }' },
];

interface Options {
  duration: number;
  connections: number;
}

function options(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '50' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isInteger(duration) || duration < 1 || duration > 600) throw new Error(`--duration must be 1..600 seconds, got "${values.duration}"`);
  if (!Number.isInteger(connections) || connections < 1 || connections > 1000) {
    throw new Error(`--connections must be 1..1000, got "${values.connections}"`);
  }
  return { duration, connections };
}

/**
 * Starts `kg serve` (production settings, embedded store) on a free loopback port and waits for
 * `/readyz`. Logs at `warn`, so per-request lines do not weigh on the measurement.
 */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    KG_DATA_DIR: dataDir,
    KG_SEED: 'bundled',
    LOG_LEVEL: 'warn',
  };
  delete env.NEO4J_URI; // always the embedded store: this measures the API, not a database elsewhere
  const child = spawn(process.execPath, [join(packageRoot(), 'dist/src/cli.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}) before it was ready`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, url: `${base}/graphql` };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server was not ready within 120 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function post(url: string, query: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: await res.text() };
}

export async function runLoad(args: string[]): Promise<number> {
  const opts = options(args);
  const dataDir = await mkdtemp(join(tmpdir(), 'kg-load-'));
  const { child, url } = await startServer(dataDir);
  try {
    // Every query must work before it is measured.
    for (const { name, query } of WORKLOAD) {
      const { status, body } = await post(url, query);
      if (status !== 200 || body.includes('"errors"')) throw new Error(`workload query "${name}" failed (${status}): ${body.slice(0, 300)}`);
    }
    const stats = JSON.parse((await post(url, WORKLOAD[0]!.query)).body) as { data: { stats: Record<string, number> } };
    process.stdout.write(
      `load: ${opts.connections} connections for ${opts.duration} s against ${url}\n` +
        `graph: ${JSON.stringify(stats.data.stats)}; workload: ${WORKLOAD.map((w) => w.name).join(', ')}\n`,
    );

    let graphqlErrors = 0;
    const result = await autocannon({
      url,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 10,
      requests: WORKLOAD.map(({ query }) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
        onResponse: (status: number, body: string) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors++;
        },
      })),
    });
    const failed = result.errors + result.timeouts + result.non2xx + graphqlErrors;
    const summary = {
      requests: result.requests.total,
      throughput_rps: Math.round(result.requests.average),
      latency_ms: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      errors: failed,
      detail: { transport: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphql: graphqlErrors },
    };
    process.stdout.write(
      `requests: ${summary.requests} in ${opts.duration} s\n` +
        `throughput: ${summary.throughput_rps} req/s\n` +
        `latency: p50 ${summary.latency_ms.p50} ms, p90 ${summary.latency_ms.p90} ms, p99 ${summary.latency_ms.p99} ms, max ${summary.latency_ms.max} ms\n` +
        `errors: ${failed} (transport ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL ${graphqlErrors})\n` +
        `${JSON.stringify(summary)}\n`,
    );
    const ready = await fetch(url.replace(/\/graphql$/, '/readyz'));
    if (!ready.ok) throw new Error(`the server is not ready after the run (${ready.status})`);
    return failed === 0 ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Run directly (`node dist/src/commands/load.js ...`), as `npm run load` does.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  runLoad(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${(error as Error).message}\n\nUsage: ${LOAD_USAGE}\n`);
      process.exitCode = 1;
    },
  );
}
