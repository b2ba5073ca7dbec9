import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  CypherLibrary,
  cypherLibrary,
  Executor,
  StoreConstraintError,
  StoreQueryError,
  StoreUnavailableError,
  translateError,
  UnknownQueryError,
} from '../../src/store/neo4j/index.js';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();
const connection = { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'neo4j', database: 'neo4j' };
const neo4jError = (code: string, message = 'the server said something') =>
  new Neo4jError(message, code as never, '50N42', 'error: general processing exception');

describe('cypher library', () => {
  it('loads every file of cypher/ by its name', () => {
    const library = cypherLibrary();
    expect(library.dir).toBe(join(root, 'cypher'));
    expect(library.get('stats')).toMatch(/MENTIONS/);
    expect(library.names()).toContain('upsert-papers');
  });

  it('refuses an unknown query name', () => {
    expect(() => cypherLibrary().get('no-such-query')).toThrow(UnknownQueryError);
    expect(() => cypherLibrary().get('no-such-query')).toThrow(/no-such-query/);
  });

  it('reads the folder once and keeps it', () => {
    expect(cypherLibrary()).toBe(cypherLibrary());
    expect(CypherLibrary.load().names()).toEqual(cypherLibrary().names());
  });

  it('has a file for every query the store runs, and no file nothing runs', async () => {
    const storeSource = await readFile(join(root, 'src/store/neo4j/neo4j-store.ts'), 'utf8');
    const used = new Set([...storeSource.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)].map((m) => m[1]!));
    const library = cypherLibrary();
    for (const name of used) expect(library.has(name), name).toBe(true);
    const testSources = await Promise.all(
      (await readdir(join(root, 'tests/neo4j'))).map((f) => readFile(join(root, 'tests/neo4j', f), 'utf8')),
    );
    const everywhere = [storeSource, ...testSources].join('\n');
    for (const name of library.names()) expect(everywhere.includes(`'${name}'`), name).toBe(true);
  });

  it('passes values only as parameters', () => {
    for (const name of cypherLibrary().names()) {
      // Literal text in queries is limited to index names, analyzer names, empty defaults, the kinds
      // of nodes and edges a query labels its rows with, and the separator of RELATED_TO pair keys.
      const text = cypherLibrary().get(name).replace(/^\s*\/\/.*$/gm, '');
      const literals = [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]);
      for (const literal of literals) {
        expect(
          ['kg_concept_search', 'kg_repository_search', 'kg_paper_search', 'whitespace', '', 'CONCEPT', 'PAPER', 'REPOSITORY', 'RELATED_TO', 'BROADER', ':'],
          `${name}: ${literal}`,
        ).toContain(literal);
      }
    }
  });
});

describe('executor errors', () => {
  it('maps a lost or unreachable server to StoreUnavailableError by code', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']) {
      const error = translateError(neo4jError(code), 'stats', connection);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).code).toBe(code);
      expect((error as Error).message).toContain('bolt://127.0.0.1:1');
    }
  });

  it('maps refused credentials to StoreUnavailableError', () => {
    const error = translateError(neo4jError('Neo.ClientError.Security.Unauthorized'), 'ping', connection);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/password was refused/);
  });

  it('maps constraint violations to StoreConstraintError naming the query', () => {
    const error = translateError(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'), 'upsert-papers', connection);
    expect(error).toBeInstanceOf(StoreConstraintError);
    expect((error as StoreConstraintError).query).toBe('upsert-papers');
  });

  it('decides by code, not by message text', () => {
    const error = translateError(
      neo4jError('Neo.ClientError.Statement.SyntaxError', 'ServiceUnavailable: connection refused'),
      'stats',
      connection,
    );
    expect(error).toBeInstanceOf(StoreQueryError);
    expect((error as StoreQueryError).code).toBe('Neo.ClientError.Statement.SyntaxError');
  });

  it('leaves errors that do not come from the driver alone', () => {
    const error = new TypeError('bad');
    expect(translateError(error, 'stats', connection)).toBe(error);
  });

  it('refuses an unknown query before opening a session', async () => {
    const executor = new Executor(connection);
    try {
      await expect(executor.read('no-such-query')).rejects.toBeInstanceOf(UnknownQueryError);
    } finally {
      await executor.close();
    }
  });

  it('retries a read that fails transiently while the retry time lasts (about 1 s, then twice as long), then reports it', async () => {
    const timedRead = async (maxRetryTimeMs: number) => {
      const executor = new Executor({ ...connection, maxRetryTimeMs });
      const started = Date.now();
      try {
        await expect(executor.read('stats')).rejects.toBeInstanceOf(StoreUnavailableError);
        return Date.now() - started;
      } finally {
        await executor.close();
      }
    };
    // No retry time: the first refusal is the answer.
    expect(await timedRead(0)).toBeLessThan(700);
    // 1.5 s: one retry after 0.8-1.2 s; a second (1.6-2.4 s after that) would overrun it.
    const once = await timedRead(1_500);
    expect(once).toBeGreaterThanOrEqual(750);
    expect(once).toBeLessThan(2_300);
  });

  it('reports an unreachable server on ping as StoreUnavailableError', async () => {
    const executor = new Executor(connection);
    try {
      await expect(executor.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await executor.close();
    }
  });
});
