import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { IngestService } from '../ingest/ingest-service.js';
import { StoreUnavailableError } from '../store/errors.js';
import type { GraphStore } from '../store/graph-store.js';
import { createContext, type RequestContext } from './context.js';
import { getSchema } from './schema.js';

export interface AppOptions {
  store: GraphStore;
  ingest: IngestService;
  adminToken: string | null;
  introspection: boolean;
  /** Hide unexpected errors' messages from clients (they are logged instead). */
  maskErrors: boolean;
  log?: (line: string) => void;
}

export interface RunningApp {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const EXPECTED_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Starts the HTTP server: GraphQL at /graphql, liveness at /healthz, readiness at /readyz. */
export async function startApp(options: AppOptions, port: number, host: string): Promise<RunningApp> {
  const log = options.log ?? (() => {});
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema: await getSchema(),
    introspection: options.introspection,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      options.introspection ? ApolloServerPluginLandingPageLocalDefault({ embed: false }) : ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: (formatted, error) => formatError(formatted, error, options.maskErrors, log),
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.store.ping();
      res.json({ status: 'ready', store: options.store.kind });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', store: options.store.kind, reason: (error as Error).message });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(options, req.headers.authorization),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server: httpServer,
    url: `http://${shownHost}:${address.port}/graphql`,
    close: () => apollo.stop(),
  };
}

function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  mask: boolean,
  log: (line: string) => void,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && EXPECTED_CODES.has(code)) return formatted;
  const cause = (error as { originalError?: unknown }).originalError ?? error;
  if (cause instanceof StoreUnavailableError) {
    log(`store unavailable in ${formatted.path?.join('.') ?? 'request'}: ${cause.message}`);
    return {
      message: 'The graph database is unavailable right now; try again shortly.',
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  log(`unexpected error in ${formatted.path?.join('.') ?? 'request'}: ${(cause as Error)?.stack ?? String(cause)}`);
  if (!mask) return formatted;
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
