import { resolve } from 'node:path';
import { z } from 'zod';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  KG_DATA_DIR: z.string().min(1).default('.kg'),
  KG_SEED: z.string().min(1).default('bundled'),
  KG_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  KG_INTROSPECTION: boolFromEnv.optional(),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt:// or neo4j:// URI (optionally +s / +ssc)')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default('neo4j'),
  NEO4J_DATABASE: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, 'must be a valid database name').default('neo4j'),
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
  neo4j: { uri: string; user: string; password: string; database: string } | null;
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
    neo4j: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : null,
  };
}
