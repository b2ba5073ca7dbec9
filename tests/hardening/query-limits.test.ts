import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/store/graph-store.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { codes, startServer, type Reply, type Server } from './hardening-harness.js';

/** Runs `send` a few times; the median answer time and the last reply. */
async function timed(send: () => Promise<Reply>, runs = 5): Promise<{ reply: Reply; medianMs: number }> {
  const times: number[] = [];
  let reply!: Reply;
  for (let i = 0; i < runs; i++) {
    reply = await send();
    times.push(reply.ms);
  }
  times.sort((a, b) => a - b);
  return { reply, medianMs: times[Math.floor(times.length / 2)]! };
}

const measured: Record<string, string> = {};
afterAll(() => {
  console.info(`refusal latency (median of 5, ms): ${JSON.stringify(measured)}`);
});

describe('query limits', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer(smallGraph());
    await s.gql('{ stats { papers } }'); // warm up the schema and the connection
  });
  afterAll(() => s.close());

  /** The refusal has the code and status, is answered fast, and the server keeps serving the same data. */
  async function expectRefusal(name: string, send: () => Promise<Reply>, code: string, status: number) {
    const { reply, medianMs } = await timed(send);
    measured[name] = medianMs.toFixed(1);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(codes(reply)).toContain(code);
    expect(reply.body.data ?? null).toBeNull();
    expect(medianMs).toBeLessThan(100);
    expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
    return reply;
  }

  it('refuses a query nested deeper than 10 with MAX_DEPTH_EXCEEDED', async () => {
    let selection = 'id';
    for (let i = 0; i < 5; i++) selection = `related { concept { ${selection} } }`;
    const ok = await s.gql(`{ concept(id: "alpha") { ${'related(first: 2) { concept { '.repeat(4)}id${' } }'.repeat(4)} } }`);
    expect(ok.body.errors).toBeUndefined();
    const reply = await expectRefusal('depth', () => s.gql(`{ concept(id: "alpha") { ${selection} } }`), 'MAX_DEPTH_EXCEEDED', 400);
    expect(reply.body.errors[0].message).toMatch(/depth limit of 10 exceeded, found 12/);
  });

  it('refuses more than 15 aliases with MAX_ALIASES_EXCEEDED', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: stats { papers }`).join(' ');
    await expectRefusal('aliases', () => s.gql(`{ ${aliases} }`), 'MAX_ALIASES_EXCEEDED', 400);
  });

  it('refuses more than 20 directives with MAX_DIRECTIVES_EXCEEDED', async () => {
    const fields = Array.from({ length: 21 }, () => 'papers @include(if: true)').join(' ');
    await expectRefusal('directives', () => s.gql(`{ stats { ${fields} } }`), 'MAX_DIRECTIVES_EXCEEDED', 400);
  });

  it('refuses a document of more than 1000 tokens with MAX_TOKENS_EXCEEDED, before parsing it whole', async () => {
    const query = `{ stats { ${'papers '.repeat(2000)} } }`;
    await expectRefusal('tokens', () => s.gql(query), 'MAX_TOKENS_EXCEEDED', 400);
  });

  it('prices lists by `first` and refuses an operation costing more than 10000 with MAX_COST_EXCEEDED', async () => {
    const affordable = await s.gql('{ concepts(first: 20) { nodes { papers(first: 20) { nodes { id } } } } }');
    expect(affordable.body.errors).toBeUndefined();
    const query = 'query($n: Int) { concepts(first: $n) { nodes { papers(first: $n) { nodes { id title } } } } }';
    const reply = await expectRefusal('cost', () => s.gql(query, { n: 100 }), 'MAX_COST_EXCEEDED', 400);
    expect(reply.body.errors[0].extensions).toMatchObject({ cost: 10_301, maxCost: 10_000 });
  });

  it('answers `first` above 100 with BAD_USER_INPUT naming it, not with a cost refusal', async () => {
    const reply = await expectRefusal('first>100', () => s.gql('{ papers(first: 1000000) { totalCount } }'), 'BAD_USER_INPUT', 400);
    expect(reply.body.errors[0].message).toMatch(/^first: must be an integer from 0 to 100/);
  });

  it('refuses a body over 1 MB with a JSON 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ stats { papers } }', variables: { pad: 'x'.repeat(1_100_000) } });
    const reply = await expectRefusal(
      'body>1MB',
      () => s.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers a body that is not JSON with a JSON 400 BAD_REQUEST', async () => {
    await expectRefusal(
      'bad JSON',
      () => s.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' }),
      'BAD_REQUEST',
      400,
    );
  });

  it('refuses batched requests', async () => {
    const body = JSON.stringify([{ query: '{ stats { papers } }' }, { query: '{ stats { papers } }' }]);
    const reply = await s.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(reply.status).toBe(400);
    expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
  });
});

describe('per-request time limit', () => {
  let s: Server;
  beforeAll(async () => {
    const slow = (store: GraphStore): GraphStore =>
      new Proxy(store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'search' || typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            await new Promise((r) => setTimeout(r, 3_000));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    s = await startServer(smallGraph(), { wrapStore: slow, limits: { timeoutMs: 300 } });
  });
  afterAll(() => s.close());

  it('stops a query that runs past KG_REQUEST_TIMEOUT_MS with REQUEST_TIMEOUT (408) and keeps serving', async () => {
    const reply = await s.gql('{ search(query: "alpha") { score } stats { papers } }');
    expect(reply.status).toBe(408);
    expect(codes(reply)).toEqual(['REQUEST_TIMEOUT']);
    expect(reply.ms).toBeGreaterThanOrEqual(290);
    expect(reply.ms).toBeLessThan(1_500);
    measured.timeout = reply.ms.toFixed(0);
    expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
  });

  it('does not cut a fast query short', async () => {
    const reply = await s.gql('{ stats { papers } concept(id: "alpha") { name } }');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: { stats: { papers: 4 }, concept: { name: 'alpha' } } });
  });
});
