import { IngestService } from '../../src/ingest/ingest-service.js';
import type { GraphData } from '../../src/model.js';
import { startApp, type AppOptions, type RunningApp } from '../../src/server/app.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

export const ADMIN_TOKEN = 'hardening-admin-token-0123456789';

export interface Reply {
  status: number;
  headers: Headers;
  ms: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Server {
  app: RunningApp;
  store: GraphStore;
  base: string;
  /** POSTs a GraphQL operation as JSON and times the answer. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<Reply>;
  /** Any HTTP request to a path of the server, timed. */
  request(path: string, init?: RequestInit): Promise<Reply>;
  /** /readyz answers 200 and the graph still has `papers` papers. */
  readyWith(): Promise<{ ready: number; papers: number }>;
  close(): Promise<void>;
}

/** The real HTTP server on a free loopback port over an embedded store holding `graph`. */
export async function startServer(
  graph: GraphData | null,
  options: Partial<Omit<AppOptions, 'store' | 'ingest'>> & {
    wrapStore?: (s: GraphStore) => GraphStore;
    /** The store to serve (initialised here); an in-memory embedded store by default. */
    store?: GraphStore;
  } = {},
): Promise<Server> {
  const memory = options.store ?? new MemoryStore({ dataDir: null });
  await memory.init();
  if (graph) await memory.replaceGraph(graph);
  const store = options.wrapStore ? options.wrapStore(memory) : memory;
  const app = await startApp(
    {
      adminToken: ADMIN_TOKEN,
      introspection: true,
      maskErrors: true,
      ...options,
      store,
      ingest: new IngestService(store),
    },
    0,
    '127.0.0.1',
  );
  const base = app.url.replace(/\/graphql$/, '');
  const request = async (path: string, init: RequestInit = {}): Promise<Reply> => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    const ms = performance.now() - t0;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, headers: res.headers, ms, body };
  };
  return {
    app,
    store,
    base,
    request,
    gql: (query, variables = {}, headers = {}) =>
      request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      }),
    async readyWith() {
      const ready = await request('/readyz');
      const stats = await request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { papers } }' }),
      });
      return { ready: ready.status, papers: stats.body?.data?.stats?.papers };
    },
    close: () => app.close(),
  };
}

/** The `extensions.code` of each error of a reply. */
export function codes(reply: Reply): string[] {
  return ((reply.body?.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '');
}
