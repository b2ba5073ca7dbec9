import { resolve } from 'node:path';
import { z } from 'zod';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Limits every GraphQL request is held to; each has an environment variable (see README). */
export interface QueryLimits {
  /** Deepest field nesting (KG_MAX_DEPTH). */
  maxDepth: number;
  /** Most aliases in one document (KG_MAX_ALIASES). */
  maxAliases: number;
  /** Most directives in one document (KG_MAX_DIRECTIVES). */
  maxDirectives: number;
  /** Most lexical tokens in one document (KG_MAX_TOKENS). */
  maxTokens: number;
  /** Highest estimated cost of one operation (KG_MAX_COST); see `src/server/limits.ts` for the prices. */
  maxCost: number;
  /** Longest time a query may run, in ms (KG_REQUEST_TIMEOUT_MS); mutations are not cut short. */
  timeoutMs: number;
  /** Largest request body, in bytes (KG_MAX_BODY_BYTES). */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Readonly<QueryLimits> = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 1000,
  maxCost: 10_000,
  timeoutMs: 10_000,
  maxBodyBytes: 1_048_576,
};

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  KG_DATA_DIR: z.string().min(1).default('.kg'),
  KG_SEED: z.string().min(1).default('bundled'),
  KG_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  KG_INTROSPECTION: boolFromEnv.optional(),
  KG_MAX_DEPTH: positiveInt(100).default(DEFAULT_LIMITS.maxDepth),
  KG_MAX_ALIASES: positiveInt(1000).default(DEFAULT_LIMITS.maxAliases),
  KG_MAX_DIRECTIVES: positiveInt(1000).default(DEFAULT_LIMITS.maxDirectives),
  KG_MAX_TOKENS: positiveInt(100_000).default(DEFAULT_LIMITS.maxTokens),
  KG_MAX_COST: positiveInt(10_000_000).default(DEFAULT_LIMITS.maxCost),
  KG_REQUEST_TIMEOUT_MS: positiveInt(600_000).default(DEFAULT_LIMITS.timeoutMs),
  KG_MAX_BODY_BYTES: positiveInt(100 * 1_048_576).default(DEFAULT_LIMITS.maxBodyBytes),
  KG_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt:// or neo4j:// URI (optionally +s / +ssc)')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default('neo4j'),
  NEO4J_DATABASE: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, 'must be a valid database name').default('neo4j'),
  NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  NEO4J_CONNECTION_TIMEOUT_MS: positiveInt(600_000).optional(),
  NEO4J_QUERY_TIMEOUT_MS: positiveInt(3_600_000).optional(),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  /** "bundled" (the sample corpus in data/), "none", or a file path. */
  seed: string;
  adminToken: string | null;
  introspection: boolean;
  logLevel: LogLevel;
  limits: QueryLimits;
  /** How long shutdown waits for in-flight requests before closing their connections (KG_SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  /**
   * Where Neo4j is. The driver timings are set only when their variable is, else the
   * executor's defaults apply (`DRIVER_DEFAULTS` in src/store/neo4j/executor.ts).
   */
  neo4j: {
    uri: string;
    user: string;
    password: string;
    database: string;
    /** How long a query that failed with a transient error is retried: reads by the executor, writes by the driver (NEO4J_MAX_RETRY_TIME_MS). */
    maxRetryTimeMs?: number;
    /** Connecting, and waiting for a pooled connection (NEO4J_CONNECTION_TIMEOUT_MS). */
    connectionTimeoutMs?: number;
    /** Server-side limit of one read transaction (NEO4J_QUERY_TIMEOUT_MS). */
    queryTimeoutMs?: number;
  } | null;
}

/** Raised at start-up when an environment variable is invalid; names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates every environment variable the program uses, once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in EnvSchema.shape && value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.KG_DATA_DIR),
    seed: e.KG_SEED,
    adminToken: e.KG_ADMIN_TOKEN ?? null,
    introspection: e.KG_INTROSPECTION ?? !production,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxDepth: e.KG_MAX_DEPTH,
      maxAliases: e.KG_MAX_ALIASES,
      maxDirectives: e.KG_MAX_DIRECTIVES,
      maxTokens: e.KG_MAX_TOKENS,
      maxCost: e.KG_MAX_COST,
      timeoutMs: e.KG_REQUEST_TIMEOUT_MS,
      maxBodyBytes: e.KG_MAX_BODY_BYTES,
    },
    shutdownGraceMs: e.KG_SHUTDOWN_GRACE_MS,
    neo4j: e.NEO4J_URI
      ? {
          uri: e.NEO4J_URI,
          user: e.NEO4J_USER,
          password: e.NEO4J_PASSWORD,
          database: e.NEO4J_DATABASE,
          ...definedOnly({
            maxRetryTimeMs: e.NEO4J_MAX_RETRY_TIME_MS,
            connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
            queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
          }),
        }
      : null,
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
