import { IngestService } from '../../src/ingest/ingest-service.js';
import type { GraphData } from '../../src/model.js';
import { startApp, type RunningApp } from '../../src/server/app.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Harness {
  app: RunningApp;
  store: GraphStore;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse>;
  close(): Promise<void>;
}

export interface GqlResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  errors?: { message: string; extensions?: { code?: string; argumentName?: string } }[];
}

/** Starts the real HTTP server on a free port over an embedded store holding `graph`. */
export async function startHarness(
  graph: GraphData | null,
  options: { adminToken?: string | null; wrapStore?: (s: GraphStore) => GraphStore } = {},
): Promise<Harness> {
  const memory = new MemoryStore({ dataDir: null });
  await memory.init();
  if (graph) await memory.replaceGraph(graph);
  const store = options.wrapStore ? options.wrapStore(memory) : memory;
  const app = await startApp(
    {
      store,
      ingest: new IngestService(store),
      adminToken: options.adminToken === undefined ? ADMIN_TOKEN : options.adminToken,
      introspection: true,
      maskErrors: true,
    },
    0,
    '127.0.0.1',
  );
  return {
    app,
    store,
    async gql(query, variables = {}, headers = {}) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GqlResponse, 'status'>;
      return { status: res.status, ...body };
    },
    close: () => app.close(),
  };
}

/** Wraps a store so every port method call is counted by name. */
export function countingStore(store: GraphStore, calls: Map<string, number>): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
