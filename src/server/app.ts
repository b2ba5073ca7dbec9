import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DEFAULT_LIMITS, type QueryLimits } from '../config.js';
import { HTTP_STATUS, type ErrorCode } from '../errors.js';
import { exportGraphJson } from '../export/route.js';
import type { IngestService } from '../ingest/ingest-service.js';
import { StoreTimeoutError, StoreUnavailableError } from '../store/errors.js';
import type { GraphStore } from '../store/graph-store.js';
import { compiledExecution } from './compiled-execution.js';
import { createContext, type RequestContext } from './context.js';
import { explorerRoutes } from './explorer.js';
import { isTokenLimitError, limitCodeOf, queryLimits } from './limits.js';
import { createLogger, currentRequestId, inRequestScope, type Logger } from './logger.js';
import { getSchema } from './schema.js';
import { TIMEOUT_MESSAGE, UNAVAILABLE_MESSAGE } from './store-guard.js';

export interface AppOptions {
  store: GraphStore;
  ingest: IngestService;
  adminToken: string | null;
  /** Introspection and the Apollo Sandbox landing page. */
  introspection: boolean;
  /** Hide unexpected errors' messages from clients (they are logged instead); production does. */
  maskErrors: boolean;
  /** Query limits; any left out take `DEFAULT_LIMITS`. */
  limits?: Partial<QueryLimits>;
  /** How long `close()` waits for in-flight requests before closing their connections. */
  shutdownGraceMs?: number;
  logger?: Logger;
}

export interface RunningApp {
  server: Server;
  url: string;
  /**
   * Stops taking requests (`/readyz` answers 503 from here on), lets in-flight ones finish
   * (up to the grace period) and closes the listener. The store is the caller's to close.
   */
  close(): Promise<void>;
}

/** Codes whose errors are shown to clients as they are. */
const EXPECTED_CODES = new Set<string>([
  ...(Object.keys(HTTP_STATUS) as ErrorCode[]).filter((code) => code !== 'INTERNAL_SERVER_ERROR'),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** What `x-request-id` may hold to be taken over as it is; anything else gets a fresh id. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Starts the HTTP server: GraphQL at /graphql, liveness at /healthz, readiness at /readyz. */
export async function startApp(options: AppOptions, port: number, host: string): Promise<RunningApp> {
  const logger = options.logger ?? createLogger('silent');
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const state = { draining: false };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const httpServer = createServer(app);

  const schema = await getSchema();
  const guards = queryLimits(schema, limits, { hideSuggestions: !options.introspection });
  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecution(schema),
    introspection: options.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Note: shutdown on signals is the CLI's (it also closes the store); Apollo must not race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.maskErrors,
    parseOptions: guards.parseOptions,
    validationRules: guards.validationRules,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.shutdownGraceMs ?? 10_000 }),
      options.introspection ? ApolloServerPluginLandingPageLocalDefault({ embed: false }) : ApolloServerPluginLandingPageDisabled(),
      // Note: no cache hints are used; without this, Apollo instruments every field resolver for them.
      ApolloServerPluginCacheControlDisabled(),
      ...guards.plugins,
      timeLimitPlugin(limits.timeoutMs),
      errorLogPlugin(logger),
    ],
    formatError: (formatted, error) => formatError(formatted, error, options.maskErrors),
    // Compact JSON: Apollo indents responses by default, which costs time and bytes on the large
    // answers of neighbourhoods and pages (a tenth of a neighbourhood request's CPU at 100k).
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();

  app.use(requestIds(logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (state.draining) {
      res.status(503).json({ status: 'shutting down', store: options.store.kind });
      return;
    }
    try {
      await options.store.ping();
      res.json({ status: 'ready', store: options.store.kind });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      const reason = options.maskErrors ? {} : { reason: (error as Error).message };
      res.status(503).json({ status: 'unavailable', store: options.store.kind, ...reason });
    }
  });
  app.get('/export/graph.json', exportGraphJson(options.store));
  app.use('/explore', explorerRoutes());
  const deps = { store: options.store, ingest: options.ingest, adminToken: options.adminToken, timeoutMs: limits.timeoutMs };
  app.use(
    '/graphql',
    express.json({ limit: limits.maxBodyBytes }),
    bodyOrEmpty,
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(deps, { authorization: req.headers.authorization, requestId: res.locals.requestId as string }),
    }),
  );
  app.use((_req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', 'no such path: GraphQL is served at /graphql'));
  });
  app.use(transportErrors(logger, limits.maxBodyBytes));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server: httpServer,
    url: `http://${shownHost}:${address.port}/graphql`,
    async close() {
      state.draining = true;
      await apollo.stop();
    },
  };
}

/** Takes the client's `x-request-id` (when sane) or makes one, echoes it, and logs the request when answered. */
function requestIds(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    const path = req.path; // before routers strip their mount point; the query string is not logged
    res.on('finish', () => {
      const probe = path === '/healthz' || path === '/readyz';
      const level = res.statusCode >= 500 ? 'warn' : probe ? 'debug' : 'info';
      logger[level]({ reqId: requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    inRequestScope(requestId, next);
  };
}

/**
 * Apollo's integration needs `req.body` to exist; a body of another type (text/plain, a simple
 * cross-site form) is left unparsed by the JSON parser and then refused by CSRF prevention.
 */
const bodyOrEmpty: RequestHandler = (req, _res, next) => {
  if (req.body === undefined) req.body = {};
  next();
};

/** Errors before GraphQL (body too large, not JSON, ...) as GraphQL-shaped JSON with a stable code. */
function transportErrors(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', `request body is larger than the limit of ${maxBodyBytes} bytes`));
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('BAD_REQUEST', 'request body is not valid JSON'));
      return;
    }
    const status = error.status ?? 500;
    if (status >= 400 && status < 500) {
      res.status(status).json(errorBody('BAD_REQUEST', error.message ?? 'bad request'));
      return;
    }
    logger.error({ err: error }, 'unexpected error outside GraphQL');
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
  };
}

function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code, requestId: currentRequestId() } }] };
}

/**
 * The per-request time limit for queries: when it runs out, the request's store calls (pending
 * and later ones) fail with REQUEST_TIMEOUT, so execution ends at once with what it has.
 * Mutations run to their end.
 */
function timeLimitPlugin(timeoutMs: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let timer: NodeJS.Timeout | undefined;
      return {
        async executionDidStart({ operation, contextValue }) {
          if (operation.operation !== 'query') return;
          timer = setTimeout(() => contextValue.deadline.abort(), timeoutMs);
          timer.unref();
        },
        async willSendResponse() {
          clearTimeout(timer);
        },
      };
    },
  };
}

/** Logs every error of a request with its cause: unexpected ones as errors, store outages as warnings. */
function errorLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const cause = rootCause(error);
            const code = error.extensions?.code;
            const where = { path: error.path?.join('.'), operationName: operationName ?? undefined };
            if (cause instanceof StoreUnavailableError || cause instanceof StoreTimeoutError) {
              logger.warn({ err: cause, ...where }, 'store error');
            } else if (typeof code === 'string' && EXPECTED_CODES.has(code)) {
              logger.debug({ code, message: error.message, ...where }, 'request refused');
            } else {
              logger.error({ err: cause, ...where }, 'unexpected error');
            }
          }
        },
      };
    },
  };
}

/** The innermost error: a GraphQLError's original error, followed down. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}

/**
 * What a client sees of an error: expected errors as they are (limit refusals get their own
 * code), store outages as SERVICE_UNAVAILABLE, and anything else, when masking, as a bare
 * INTERNAL_SERVER_ERROR with the request id to quote (no message, stack, query or path).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, mask: boolean): GraphQLFormattedError {
  const requestId = currentRequestId();
  const limit = limitCodeOf(error) ?? limitCodeOf((error as GraphQLError | undefined)?.originalError);
  if (limit) return { ...formatted, extensions: { ...formatted.extensions, code: limit } };
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED' && error instanceof GraphQLError && isTokenLimitError(error)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'MAX_TOKENS_EXCEEDED', limit: 'MAX_TOKENS_EXCEEDED' } };
  }
  if (typeof code === 'string' && EXPECTED_CODES.has(code)) return formatted;
  const cause = rootCause(error);
  if (cause instanceof StoreUnavailableError) {
    return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE', requestId } };
  }
  if (cause instanceof StoreTimeoutError) {
    return { message: TIMEOUT_MESSAGE, path: formatted.path, extensions: { code: 'REQUEST_TIMEOUT', requestId } };
  }
  if (!mask) return { ...formatted, extensions: { ...formatted.extensions, requestId } };
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}
