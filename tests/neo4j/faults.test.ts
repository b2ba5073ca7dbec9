import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalNeo4j, stopLocalNeo4j } from '../../scripts/neo4j-local.mjs';
import { loadConfig } from '../../src/config.js';
import type { GraphData } from '../../src/model.js';
import { serve, type Served } from '../../src/server/bootstrap.js';
import { Executor, type Neo4jConnection } from '../../src/store/neo4j/executor.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { packageRoot } from '../../src/util/package-root.js';
import { generatedCorpus, toJsonl } from '../hardening/corpus.fixtures.js';

const sharedUri = inject('neo4jUri') ?? process.env.NEO4J_URI ?? null;
const root = packageRoot();
const EMPTY: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };

/**
 * A TCP relay standing where Neo4j's address would be: Neo4j restarted by the launcher gets a
 * new port, and the relay is pointed at it, as DNS or a load balancer would be in production.
 * While the target is down, every connection through it fails at once.
 */
class Relay {
  private target = 0;
  private refusingUntil = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: TcpServer = createServer((client) => {
    if (Date.now() < this.refusingUntil) {
      client.destroy();
      return;
    }
    const upstream = connect(this.target, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });

  async listen(target: number): Promise<string> {
    this.target = target;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `bolt://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  pointAt(target: number): void {
    this.target = target;
  }

  /** For `ms`, every new connection is dropped at once, as during a network blip or a failover. */
  refuseFor(ms: number): void {
    this.refusingUntil = Date.now() + ms;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const portOf = (uri: string) => Number(new URL(uri.replace(/^bolt/, 'http')).port);

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - t0)];
}

/** The whole database as sorted text lines (nodes and relationships with their properties, minus `gen`). */
async function dump(executor: Executor): Promise<{ nodes: string[]; relationships: string[] }> {
  const withoutGen = (props: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'gen').sort(([a], [b]) => (a < b ? -1 : 1)));
  const nodes = await executor.read<{ labels: string[]; properties: Record<string, unknown> }>('dump-nodes');
  const rels = await executor.read<{ type: string; fromId: string; toId: string; properties: Record<string, unknown> }>('dump-relationships');
  return {
    nodes: nodes.map((n) => JSON.stringify([[...n.labels].sort(), withoutGen(n.properties)])).sort(),
    relationships: rels.map((r) => JSON.stringify([r.type, r.fromId, r.toId, withoutGen(r.properties)])).sort(),
  };
}

/** Runs `kg ingest FILE` against Neo4j in a child process; resolves with its exit and output. */
function ingestProcess(uri: string, file: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'ingest', file], {
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'neo4j', NEO4J_DATABASE: 'neo4j' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const javaMissing = spawnSync('java', ['-version']).error !== undefined;

if (!sharedUri || javaMissing) {
  describe('neo4j faults', () => {
    it('may only be skipped when Neo4j is not required', () => {
      expect(process.env.REQUIRE_NEO4J).not.toBe('1');
    });
  });
} else {
  describe('neo4j faults', () => {
    let dir: string;
    let uri: string;
    const timings: Record<string, number> = {};
    const log = (line: string) => console.info(`[faults] ${line}`);

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kg-faults-'));
      // Our own Neo4j, so stopping it leaves the shared test database alone; the CLI build meanwhile.
      const build = new Promise<void>((resolve, reject) => {
        const tsc = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
        // Note: a type error elsewhere still emits JavaScript; only a missing CLI fails the build here.
        tsc.on('close', () => (existsSync(join(root, 'dist/src/cli.js')) ? resolve() : reject(new Error('tsc did not emit dist/src/cli.js'))));
      });
      const [started] = await Promise.all([startLocalNeo4j({ dir: join(dir, 'neo4j'), log: () => {} }), build]);
      uri = started.uri;
    });
    let finished = false;
    afterAll(async () => {
      finished = true;
      await stopLocalNeo4j({ dir: join(dir, 'neo4j') });
      await rm(dir, { recursive: true, force: true });
      log(`timings (ms): ${JSON.stringify(timings)}`);
    });

    it('Neo4j going away: transient failures are retried, /readyz says 503 and queries fail fast with SERVICE_UNAVAILABLE; it recovers by itself', { timeout: 90_000 }, async () => {
      const relay = new Relay();
      const relayUri = await relay.listen(portOf(uri));
      const seed = join(dir, 'seed.jsonl');
      await writeFile(seed, toJsonl(generatedCorpus(40, 3)));
      let served: Served | undefined;
      try {
        const t0 = performance.now();
        served = await serve(
          loadConfig({
            NEO4J_URI: relayUri,
            NEO4J_MAX_RETRY_TIME_MS: '2000',
            NEO4J_CONNECTION_TIMEOUT_MS: '2000',
            KG_SEED: seed,
            PORT: '0',
            LOG_LEVEL: 'silent',
          }),
          () => {},
        );
        timings.serveAndSeed = Math.round(performance.now() - t0);
        const base = served.url.replace(/\/graphql$/, '');
        const stats = async () => {
          const res = await fetch(served!.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ stats { papers concepts mentions } }' }),
          });
          return { status: res.status, body: (await res.json()) as { data?: { stats: unknown }; errors?: { extensions: { code: string } }[] } };
        };
        const ready = async () => (await fetch(`${base}/readyz`)).status;
        const before = await stats();
        expect(before.status).toBe(200);
        expect(await ready()).toBe(200);
        const executor = new Executor({ uri: relayUri, user: 'neo4j', password: 'neo4j', database: 'neo4j' } satisfies Neo4jConnection);
        const contents = await dump(executor);

        // A transient failure (the connection refused for a moment) is retried by the executor's
        // read (an auto-commit query, retried on the driver's schedule), which then succeeds: the
        // caller never sees it.
        const fresh = new Executor({ uri: relayUri, user: 'neo4j', password: 'neo4j', database: 'neo4j', maxRetryTimeMs: 10_000 });
        relay.refuseFor(700);
        const [[retried], retriedMs] = await timed(() => fresh.read<{ papers: number }>('stats'));
        timings.transientFailureRetried = retriedMs;
        expect(retried).toMatchObject({ papers: 40 });
        expect(retriedMs).toBeGreaterThanOrEqual(650);
        await fresh.close();

        [, timings.stop] = await timed(() => stopLocalNeo4j({ dir: join(dir, 'neo4j') }));
        const [readyDown, readyMs] = await timed(ready);
        const [queryDown, queryMs] = await timed(stats);
        Object.assign(timings, { readyzWhileDown: readyMs, queryWhileDown: queryMs });
        expect(readyDown).toBe(503);
        expect(readyMs).toBeLessThan(4_000);
        expect(queryDown.status).toBe(503);
        expect(queryDown.body.errors?.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(queryMs).toBeLessThan(6_000);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);

        const [restarted, restartMs] = await timed(() => startLocalNeo4j({ dir: join(dir, 'neo4j'), log: () => {} }));
        timings.restart = restartMs;
        // Note: should this test have timed out meanwhile, the file's teardown has run: stop it again.
        if (finished) await stopLocalNeo4j({ dir: join(dir, 'neo4j') });
        uri = restarted.uri;
        relay.pointAt(portOf(uri));
        const [readyAgain, recoverMs] = await timed(() => until(ready, (s) => s === 200, 20_000, 200));
        timings.recoveredAfterRestart = recoverMs;
        expect(readyAgain).toBe(200);
        expect(await stats()).toEqual(before);
        expect(await dump(executor)).toEqual(contents);
        await executor.close();
      } finally {
        const t1 = performance.now();
        await served?.stop();
        timings.shutdown = Math.round(performance.now() - t1);
        await relay.close();
      }
    });

    it('an ingest killed (SIGKILL) midway through its write and run again ends with the graph of a clean ingest', { timeout: 120_000 }, async () => {
      const connection: Neo4jConnection = { uri, user: 'neo4j', password: 'neo4j', database: 'neo4j' };
      const store = new Neo4jStore(connection);
      const executor = new Executor(connection);
      try {
        await store.init();
        await store.replaceGraph(EMPTY);
        const file = join(dir, 'corpus.jsonl');
        await writeFile(file, toJsonl(generatedCorpus(2_000, 21)));
        const count = async () => (await store.stats()).mentions;

        // Kill it once its write has begun: the papers are in, the graph built from them only partly.
        const t0 = performance.now();
        const killed = ingestProcess(uri, file);
        const seen = await until(count, (n) => n > 0, 60_000, 20);
        killed.child.kill('SIGKILL');
        const outcome = await killed.done;
        timings.killedAfter = Math.round(performance.now() - t0);
        expect(seen).toBeGreaterThan(0);
        expect(outcome.signal).toBe('SIGKILL');
        const half = await store.stats();
        const halfDump = await dump(executor);
        log(`killed mid-write with ${JSON.stringify(half)}`);

        const [rerun, rerunMs] = await timed(() => ingestProcess(uri, file).done);
        timings.rerun = rerunMs;
        expect(rerun.code, rerun.stderr).toBe(0);
        const rerunReport = JSON.parse(rerun.stdout) as { papersAdded: number; papersUnchanged: number; repaired?: boolean };
        expect(rerunReport.papersAdded + rerunReport.papersUnchanged).toBe(2_000);
        const afterRerun = await dump(executor);

        await store.replaceGraph(EMPTY);
        const [clean, cleanMs] = await timed(() => ingestProcess(uri, file).done);
        timings.cleanIngest = cleanMs;
        expect(clean.code, clean.stderr).toBe(0);
        expect(JSON.parse(clean.stdout)).toMatchObject({ papersAdded: 2_000 });
        const afterClean = await dump(executor);
        expect(afterRerun.nodes.length).toBeGreaterThan(2_000);
        expect(afterRerun).toEqual(afterClean);
        // The kill did leave a half-written graph behind: the papers, not all of what follows them.
        expect(half.papers).toBeGreaterThan(0);
        expect(halfDump).not.toEqual(afterClean);
      } finally {
        await executor.close();
        await store.close();
      }
    });
  });
}
