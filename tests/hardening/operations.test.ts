import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LIMITS, loadConfig } from '../../src/config.js';
import { serve, stopOnSignals } from '../../src/server/bootstrap.js';
import { createLogger, inRequestScope } from '../../src/server/logger.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { generatedCorpus } from './corpus.fixtures.js';
import { ADMIN_TOKEN } from './hardening-harness.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Opens a new TCP connection (no pooled keep-alive socket) and GETs `url`; the status or the error code. */
function freshGet(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, logger };
}

describe('graceful shutdown', () => {
  it('on SIGTERM: stops taking connections, finishes the ingest in flight, flushes the snapshot, exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-shutdown-'));
    dirs.push(dir);
    const { lines, logger } = capture();
    const served = await serve(loadConfig({ KG_DATA_DIR: dir, PORT: '0', KG_SEED: 'none', KG_ADMIN_TOKEN: ADMIN_TOKEN }), logger);
    const signals = new EventEmitter();
    const exits: number[] = [];
    stopOnSignals(served, { signals, exit: (code) => void exits.push(code), hardLimitMs: 30_000 });

    const papers = generatedCorpus(60, 11);
    const inFlight = fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'in-flight-1' },
      body: JSON.stringify({ query: 'mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { papersAdded } }', variables: { p: papers } }),
    });
    await new Promise((r) => setTimeout(r, 150)); // the mutation is extracting now
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    expect(await freshGet(served.url.replace('/graphql', '/healthz'))).toBe('ECONNREFUSED');

    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ data: { ingestPapers: { papersAdded: 60 } } });
    for (let i = 0; i < 100 && exits.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(exits).toEqual([0]);

    const messages = lines.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['SIGTERM: shutting down', 'shutdown complete']));
    expect(messages.indexOf('shutdown complete')).toBeGreaterThan(messages.indexOf('SIGTERM: shutting down'));
    expect(lines.find((l) => l.reqId === 'in-flight-1' && l.msg === 'request')).toMatchObject({ status: 200, method: 'POST' });

    // Everything the finished ingest wrote is on disk.
    const reopened = new MemoryStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.stats()).papers).toBe(60);
  });

  it('exits at once with 1 on a second signal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-shutdown-'));
    dirs.push(dir);
    const { logger } = capture();
    const served = await serve(loadConfig({ KG_DATA_DIR: dir, PORT: '0', KG_SEED: 'none' }), logger);
    const signals = new EventEmitter();
    const exits: number[] = [];
    const release = stopOnSignals(served, { signals, exit: (code) => void exits.push(code), hardLimitMs: 30_000 });
    signals.emit('SIGINT', 'SIGINT');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    await served.stop();
    release();
  });
});

describe('structured logs', () => {
  it('writes one JSON object per line with level, ISO time, message and the request id in scope', () => {
    const { lines, logger } = capture();
    logger.info('outside');
    inRequestScope('req-42', () => logger.warn({ detail: 1 }, 'inside'));
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'outside', pid: process.pid });
    expect(lines[0]).not.toHaveProperty('reqId');
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'inside', reqId: 'req-42', detail: 1 });
    expect(String(lines[1]!.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps the request id through the body parser into resolvers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-logs-'));
    dirs.push(dir);
    const { lines, logger } = capture('debug');
    const served = await serve(loadConfig({ KG_DATA_DIR: dir, PORT: '0', KG_SEED: 'none' }), logger);
    try {
      await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me' },
        body: JSON.stringify({ query: '{ papers(first: 500) { totalCount } }', variables: { pad: 'x'.repeat(600_000) } }),
      });
      // The refusal is logged (at debug) from inside Apollo, after the body was parsed.
      expect(lines.find((l) => l.msg === 'request refused')).toMatchObject({ reqId: 'trace-me', code: 'BAD_USER_INPUT' });
    } finally {
      await served.stop();
    }
  });
});

describe('configuration at start-up', () => {
  it('reads the limits and log level, with defaults', () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(loadConfig({}).logLevel).toBe('info');
    const c = loadConfig({ KG_MAX_DEPTH: '6', KG_MAX_COST: '500', KG_REQUEST_TIMEOUT_MS: '2500', LOG_LEVEL: 'warn', KG_MAX_BODY_BYTES: '65536' });
    expect(c.limits).toMatchObject({ maxDepth: 6, maxCost: 500, timeoutMs: 2500, maxBodyBytes: 65_536 });
    expect(c.logLevel).toBe('warn');
    expect(loadConfig({ NEO4J_URI: 'bolt://h:7687', NEO4J_MAX_RETRY_TIME_MS: '2000', NEO4J_CONNECTION_TIMEOUT_MS: '1500' }).neo4j).toMatchObject({
      maxRetryTimeMs: 2000,
      connectionTimeoutMs: 1500,
    });
  });

  it('names every bad variable', () => {
    const bad = { LOG_LEVEL: 'loud', KG_MAX_DEPTH: '0', KG_REQUEST_TIMEOUT_MS: 'soon', NEO4J_MAX_RETRY_TIME_MS: '-1' };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig(bad);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(message).toMatch(/KG_MAX_DEPTH: /);
    expect(message).toMatch(/KG_REQUEST_TIMEOUT_MS: /);
    expect(message).toMatch(/NEO4J_MAX_RETRY_TIME_MS: /);
  });
});
