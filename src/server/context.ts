import { timingSafeEqual, createHash } from 'node:crypto';
import { apiError } from '../errors.js';
import type { IngestService } from '../ingest/ingest-service.js';
import { GraphApi, type AdminCheck } from '../services/graph-api.js';
import type { GraphStore } from '../store/graph-store.js';
import { Loaders } from './loaders.js';

/** What every resolver receives. Built fresh for each request. */
export interface RequestContext {
  api: GraphApi;
}

export interface ContextDeps {
  store: GraphStore;
  ingest: IngestService;
  adminToken: string | null;
}

/** Builds a request's context: new DataLoaders and the caller's admin right. */
export function createContext(deps: ContextDeps, authorization: string | undefined): RequestContext {
  const admin = adminCheck(deps.adminToken, authorization);
  return { api: new GraphApi(deps.store, new Loaders(deps.store), deps.ingest, admin) };
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

/** Constant-time comparison that does not leak the secret's length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
