import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { serve } from '../../src/server/bootstrap.js';
import { sameSecret } from '../../src/server/context.js';
import { createLogger } from '../../src/server/logger.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { countingStore } from '../api/api-harness.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { ADMIN_TOKEN, codes, startServer, type Server } from './hardening-harness.js';

const deletePaper = 'mutation { deletePaper(id: "p-a") }';

describe('mutations need the admin token', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer(smallGraph());
  });
  afterAll(() => s.close());

  it('refuses a mutation without the token, with a wrong one or another scheme, and changes nothing', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token-wrong', `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`, 'Bearer']) {
      const reply = await s.gql(deletePaper, {}, authorization ? { authorization } : {});
      expect([reply.status, codes(reply)], String(authorization)).toEqual([401, ['UNAUTHENTICATED']]);
    }
    expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
  });

  it('runs the mutation with the right bearer token', async () => {
    const reply = await s.gql(deletePaper, {}, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(reply.body).toEqual({ data: { deletePaper: true } });
    expect(await s.readyWith()).toEqual({ ready: 200, papers: 3 });
  });

  it('compares tokens in constant time: hashed to one length, so any length and any prefix cost the same', () => {
    expect(sameSecret(ADMIN_TOKEN, ADMIN_TOKEN)).toBe(true);
    expect(sameSecret(`${ADMIN_TOKEN}x`, ADMIN_TOKEN)).toBe(false);
    expect(sameSecret('', ADMIN_TOKEN)).toBe(false);
    expect(sameSecret('x'.repeat(10_000), ADMIN_TOKEN)).toBe(false);
    // A guess sharing all but the last character takes as long as one sharing nothing.
    const near = `${ADMIN_TOKEN.slice(0, -1)}#`;
    const far = '#'.repeat(ADMIN_TOKEN.length);
    const time = (guess: string) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) sameSecret(guess, ADMIN_TOKEN);
      return Number(process.hrtime.bigint() - t0);
    };
    const nearTimes: number[] = [];
    const farTimes: number[] = [];
    for (let round = 0; round < 40; round++) {
      nearTimes.push(time(near));
      farTimes.push(time(far));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const ratio = median(nearTimes) / median(farTimes);
    expect(ratio).toBeGreaterThan(0.67);
    expect(ratio).toBeLessThan(1.5);
  });

  it('refuses every mutation with FORBIDDEN when no admin token is configured', async () => {
    const locked = await startServer(smallGraph(), { adminToken: null });
    try {
      const reply = await locked.gql(deletePaper, {}, { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect([reply.status, codes(reply)]).toEqual([403, ['FORBIDDEN']]);
      expect(await locked.readyWith()).toEqual({ ready: 200, papers: 4 });
    } finally {
      await locked.close();
    }
  });
});

describe('CSRF prevention', () => {
  let s: Server;
  const calls = new Map<string, number>();
  beforeAll(async () => {
    s = await startServer(smallGraph(), { wrapStore: (store) => countingStore(store, calls) });
  });
  afterAll(() => s.close());

  it('runs no operation from a simple cross-site GET or a text/plain, form or multipart POST', async () => {
    const body = JSON.stringify({ query: '{ stats { papers } }' });
    const attempts = [
      () => s.request(`/graphql?query=${encodeURIComponent('{ stats { papers } }')}`),
      () => s.request('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body }),
      () => s.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent('{ stats { papers } }')}` }),
      () => s.request('/graphql', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ stats { papers } }\r\n--x--\r\n` }),
    ];
    calls.clear();
    for (const attempt of attempts) {
      const reply = await attempt();
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toMatch(/Cross-Site Request Forgery/);
    }
    expect(calls.get('stats') ?? 0).toBe(0);
  });

  it('answers a GET that carries a preflight-forcing header', async () => {
    const reply = await s.request(`/graphql?query=${encodeURIComponent('{ stats { papers } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect([reply.status, reply.body]).toEqual([200, { data: { stats: { papers: 4 } } }]);
    expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
  });
});

describe('introspection, landing page and error masking', () => {
  /** A store whose `stats` fails the way a driver does: Cypher, a file path, a server message. */
  const leaky = (store: GraphStore): GraphStore =>
    new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'stats') {
          return async () => {
            throw new Error('Neo.ClientError.Statement.SyntaxError: MATCH (p:Paper) RETURN count(p) at /srv/kg/cypher/stats.cypher');
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });

  it('with introspection off: no schema, no landing page, no field suggestions', async () => {
    const s = await startServer(smallGraph(), { introspection: false });
    try {
      const schema = await s.gql('{ __schema { types { name } } }');
      expect([schema.status, codes(schema)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
      const page = await s.request('/graphql', { headers: { accept: 'text/html' } });
      expect(String(page.body)).not.toMatch(/<html/i);
      const typo = await s.gql('{ stat { papers } }');
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
      expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
    } finally {
      await s.close();
    }
  });

  it('with introspection on: the schema and the Sandbox landing page', async () => {
    const s = await startServer(smallGraph(), { introspection: true });
    try {
      const schema = await s.gql('{ __schema { queryType { name } } }');
      expect(schema.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      const page = await s.request('/graphql', { headers: { accept: 'text/html' } });
      expect([page.status, String(page.body)]).toEqual([200, expect.stringMatching(/<html/i)]);
    } finally {
      await s.close();
    }
  });

  it('masks an unexpected error (no message, stack, Cypher or path) and logs it with its cause and the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const s = await startServer(smallGraph(), { maskErrors: true, wrapStore: leaky, logger });
    try {
      const reply = await s.gql('{ stats { papers } }', {}, { 'x-request-id': 'req-mask-1' });
      expect(reply.headers.get('x-request-id')).toBe('req-mask-1');
      expect(reply.body.errors).toEqual([
        { message: 'Internal server error', path: ['stats'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-mask-1' } },
      ]);
      expect(JSON.stringify(reply.body)).not.toMatch(/MATCH|cypher|\/srv\/|Neo\.|stack/i);
      const logged = lines.find((l) => l.msg === 'unexpected error');
      expect(logged).toMatchObject({ level: 'error', reqId: 'req-mask-1', path: 'stats', err: { message: expect.stringMatching(/MATCH \(p:Paper\)/) } });
      expect((logged!.err as { stack?: string }).stack).toMatch(/Error: Neo\.ClientError/);
      expect(lines.find((l) => l.msg === 'request')).toMatchObject({ level: 'info', reqId: 'req-mask-1', status: 200, path: '/graphql' });
      expect((await s.request('/readyz')).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('shows the message (and a stack) when not masking, for development', async () => {
    const s = await startServer(smallGraph(), { maskErrors: false, wrapStore: leaky });
    try {
      const reply = await s.gql('{ stats { papers } }');
      expect(reply.body.errors[0].message).toMatch(/MATCH \(p:Paper\)/);
      expect(reply.body.errors[0].extensions.stacktrace).toBeDefined();
    } finally {
      await s.close();
    }
  });

  it('NODE_ENV=production turns introspection off and masks errors end to end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-prod-'));
    const served = await serve(loadConfig({ NODE_ENV: 'production', KG_DATA_DIR: dir, PORT: '0', KG_SEED: 'none', LOG_LEVEL: 'silent' }), () => {});
    try {
      const post = (query: string) =>
        fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const schema = await post('{ __schema { types { name } } }');
      expect(schema.status).toBe(400);
      const broken = (await (await post('{ papers(after: "not a cursor") { totalCount } }')).json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(broken.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(broken.errors[0]!.extensions.stacktrace).toBeUndefined();
    } finally {
      await served.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('request ids', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer(smallGraph());
  });
  afterAll(() => s.close());

  it('echoes a sane x-request-id, and makes one up when it is missing or unusable', async () => {
    expect((await s.request('/healthz', { headers: { 'x-request-id': 'abc-123.DEF:9_z' } })).headers.get('x-request-id')).toBe('abc-123.DEF:9_z');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect((await s.request('/healthz')).headers.get('x-request-id')).toMatch(uuid);
    for (const bad of ['has space', 'x'.repeat(129), '<script>']) {
      expect((await s.request('/healthz', { headers: { 'x-request-id': bad } })).headers.get('x-request-id')).toMatch(uuid);
    }
  });

  it('answers an unknown path with JSON 404', async () => {
    const reply = await s.request('/nope');
    expect([reply.status, codes(reply)]).toEqual([404, ['NOT_FOUND']]);
  });
});
