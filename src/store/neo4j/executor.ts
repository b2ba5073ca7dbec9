import type { Config } from '../../config.js';
import neo4j, { isNode, isRelationship, Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { setTimeout as sleep } from 'node:timers/promises';
import { cypherLibrary, type CypherLibrary } from './cypher.js';
import { StoreTimeoutError, StoreUnavailableError } from '../errors.js';

export { StoreTimeoutError, StoreUnavailableError };

/** Where the Neo4j store lives: `Config.neo4j`, validated at start-up. */
export type Neo4jConnection = NonNullable<Config['neo4j']>;

/**
 * Driver timings when the configuration names none. The driver's own defaults (30 s of retries,
 * 60 s to get a connection) would make every request hang for half a minute while the server
 * is down; these fail within a few seconds and let `/readyz` and the API say so.
 */
export const DRIVER_DEFAULTS = {
  maxRetryTimeMs: 5_000,
  connectionTimeoutMs: 5_000,
  queryTimeoutMs: 30_000,
} as const;

/** A failed read's first retry waits this long (± RETRY_JITTER), each later one twice as long: the driver's own schedule. */
const RETRY_FIRST_DELAY_MS = 1_000;
const RETRY_JITTER = 0.2;

/** How long `ping()` waits for the server before calling it unavailable. */
const PING_TIMEOUT_MS = 3_000;

/** Query parameters: plain JSON-like values. */
export type Params = Record<string, unknown>;

/** One result record as a plain object (nodes and relationships reduced to their properties). */
export type Row = Record<string, unknown>;

/** A write broke a schema constraint (e.g. two nodes with one id), or a constraint could not be created. */
export class StoreConstraintError extends Error {
  override readonly name = 'StoreConstraintError';
  constructor(
    message: string,
    readonly code: string,
    readonly query: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Any other error the server reported for a query; names the query file and keeps the server code. */
export class StoreQueryError extends Error {
  override readonly name = 'StoreQueryError';
  constructor(
    message: string,
    readonly code: string,
    readonly query: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNAVAILABLE_CODES: ReadonlyMap<string, string> = new Map([
  [neo4j.error.SERVICE_UNAVAILABLE, 'the server cannot be reached'],
  [neo4j.error.SESSION_EXPIRED, 'the connection was lost'],
  ['Neo.TransientError.General.DatabaseUnavailable', 'the database is not available'],
  ['Neo.ClientError.Database.DatabaseNotFound', 'the database does not exist'],
  ['Neo.ClientError.Security.Unauthorized', 'the user name or password was refused'],
  ['Neo.ClientError.Security.AuthenticationRateLimit', 'too many failed log-ins; the server refuses new ones for now'],
  ['Neo.ClientError.Security.CredentialsExpired', 'the password has expired and must be changed'],
]);

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

const CONSTRAINT_CODES: ReadonlySet<string> = new Set([
  'Neo.ClientError.Schema.ConstraintValidationFailed',
  'Neo.DatabaseError.Schema.ConstraintCreationFailed',
]);

/**
 * Maps a driver error to one of ours by its code (never by its message); other errors are returned unchanged.
 * `where` says where it happened: a query name, or "ping".
 */
export function translateError(error: unknown, where: string, connection: Pick<Neo4jConnection, 'uri' | 'database'>): unknown {
  if (!(error instanceof Neo4jError)) return error;
  const code = error.code;
  const unavailable = UNAVAILABLE_CODES.get(code);
  if (unavailable !== undefined) {
    return new StoreUnavailableError(
      `Neo4j at ${connection.uri} (database "${connection.database}") is unavailable: ${unavailable} [${code}]`,
      code,
      { cause: error },
    );
  }
  if (TIMEOUT_CODES.has(code)) {
    return new StoreTimeoutError(`query "${where}" ran past its time limit [${code}]`, code, { cause: error });
  }
  if (CONSTRAINT_CODES.has(code)) {
    return new StoreConstraintError(`query "${where}" broke a schema constraint [${code}]: ${error.message}`, code, where, {
      cause: error,
    });
  }
  return new StoreQueryError(`query "${where}" failed [${code}]: ${error.message}`, code, where, { cause: error });
}

/**
 * The one owner of Neo4j sessions. Runs a named query from `cypher/` on the configured database
 * (a read as an auto-commit query, a write in a managed transaction), closes the session whatever
 * happens, returns plain objects and turns driver errors into ours.
 *
 * Reads run as auto-commit queries: one round trip instead of a transaction's three (begin, run,
 * commit), which at 100,000 papers took a lookup from about 2.2 to 0.7 ms (median, warm). A read
 * that fails transiently (the connection refused or lost, the database restarting) is retried as
 * the driver retries transaction functions: after about 1 s, then twice as long each time, while
 * the configured retry time lasts. Writes run in managed transactions, which the driver retries
 * itself; the functions given it only run the query and read its records.
 */
export class Executor {
  private readonly driver: Driver;
  private readonly queryTimeoutMs: number;
  private readonly maxRetryTimeMs: number;

  constructor(
    private readonly connection: Neo4jConnection,
    private readonly cypher: CypherLibrary = cypherLibrary(),
  ) {
    const connectionTimeout = connection.connectionTimeoutMs ?? DRIVER_DEFAULTS.connectionTimeoutMs;
    this.queryTimeoutMs = connection.queryTimeoutMs ?? DRIVER_DEFAULTS.queryTimeoutMs;
    this.maxRetryTimeMs = connection.maxRetryTimeMs ?? DRIVER_DEFAULTS.maxRetryTimeMs;
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: this.maxRetryTimeMs,
      connectionTimeout,
      connectionAcquisitionTimeout: connectionTimeout,
    });
  }

  /** Runs query `name` as a read: an auto-commit query, retried on transient failures. */
  async read<T extends object = Row>(name: string, params: Params = {}): Promise<T[]> {
    const text = this.cypher.get(name);
    const started = Date.now();
    for (let delay = RETRY_FIRST_DELAY_MS; ; delay *= 2) {
      const session = this.driver.session({ database: this.connection.database, defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.run(text, params, { timeout: this.queryTimeoutMs });
        return result.records.map((record) => toPlain(record.toObject()) as T);
      } catch (error) {
        const wait = delay * (1 + RETRY_JITTER * (2 * Math.random() - 1));
        if (!Neo4jError.isRetryable(error) || Date.now() - started + wait > this.maxRetryTimeMs) throw translateError(error, name, this.connection);
        await sleep(wait);
      } finally {
        await session.close();
      }
    }
  }

  /** Runs query `name` in a write transaction of its own. */
  write<T extends object = Row>(name: string, params: Params = {}): Promise<T[]> {
    return this.run<T>(name, params);
  }

  /** Throws StoreUnavailableError unless the server answers for the configured database within a few seconds. */
  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const { uri, database } = this.connection;
        const message = `Neo4j at ${uri} (database "${database}") is unavailable: no answer within ${PING_TIMEOUT_MS} ms`;
        reject(new StoreUnavailableError(message, 'PingTimeout'));
      }, PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.driver.verifyConnectivity({ database: this.connection.database }), timeout]);
    } catch (error) {
      throw translateError(error, 'ping', this.connection);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async run<T>(name: string, params: Params): Promise<T[]> {
    const text = this.cypher.get(name);
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: neo4j.session.WRITE });
    const work = async (tx: ManagedTransaction) => {
      const result = await tx.run(text, params);
      return result.records.map((record) => toPlain(record.toObject()) as T);
    };
    try {
      // Note: reads get a server-side time limit; writes (ingest batches) are bounded by their size instead.
      return await session.executeWrite(work);
    } catch (error) {
      throw translateError(error, name, this.connection);
    } finally {
      await session.close();
    }
  }
}

/** Driver values as plain JS: nodes and relationships become their property maps. */
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isNode(value) || isRelationship(value)) return toPlain(value.properties);
  if (neo4j.isInt(value)) return value.toNumber();
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  // Temporal and spatial values: the adapter stores none, so their ISO / WKT text is enough.
  return String(value);
}
