import { timingSafeEqual, createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { apiError } from '../errors.js';
import type { IngestService } from '../ingest/ingest-service.js';
import { GraphApi, type AdminCheck } from '../services/graph-api.js';
import type { GraphStore } from '../store/graph-store.js';
import { Loaders } from './loaders.js';
import { guard } from './store-guard.js';

/** What every resolver receives. Built fresh for each request. */
export interface RequestContext {
  api: GraphApi;
  /** The `x-request-id` of the request (given by the client or made up), also in every log line. */
  requestId: string;
  /** Aborted when the request runs out of time; the store calls it makes then fail with REQUEST_TIMEOUT. */
  deadline: AbortController;
}

export interface ContextDeps {
  store: GraphStore;
  ingest: IngestService;
  adminToken: string | null;
  /** The per-request time limit, for the error message. */
  timeoutMs: number;
}

export interface RequestInfo {
  authorization: string | undefined;
  requestId: string;
}

/**
 * Builds a request's context: new DataLoaders over the store as seen by this request (with its
 * time limit and store errors mapped to API errors), and the caller's admin right.
 */
export function createContext(deps: ContextDeps, request: RequestInfo): RequestContext {
  const deadline = new AbortController();
  // Note: every pending store call of the request listens to the signal; that is not a leak.
  setMaxListeners(0, deadline.signal);
  const store = guard(deps.store, deadline.signal, deps.timeoutMs);
  // Mutations are not cut short by the time limit: an ingest, once started, runs to its end.
  const ingest = guard(deps.ingest, null, deps.timeoutMs);
  const admin = adminCheck(deps.adminToken, request.authorization);
  return { api: new GraphApi(store, new Loaders(store), ingest, admin), requestId: request.requestId, deadline };
}

function adminCheck(configured: string | null, authorization: string | undefined): AdminCheck {
  return {
    require() {
      if (configured === null) {
        throw apiError('FORBIDDEN', 'mutations are disabled: the server was started without KG_ADMIN_TOKEN');
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match || !sameSecret(match[1]!, configured)) {
        throw apiError('UNAUTHENTICATED', 'mutations need the header "Authorization: Bearer <KG_ADMIN_TOKEN>"');
      }
    },
  };
}

/**
 * Constant-time comparison that does not leak the secret's length: both sides are hashed to
 * 32 bytes first, and `timingSafeEqual` compares those in time independent of their contents.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
