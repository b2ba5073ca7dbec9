import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';

/** Raised when code asks for a query that has no file in `cypher/`. */
export class UnknownQueryError extends Error {
  override readonly name = 'UnknownQueryError';
}

/**
 * The fixed Cypher of the Neo4j adapter: one query per `.cypher` file, looked up by the file
 * name without its extension. Values always travel as `$params`; the text is never assembled
 * at run time, so the server can cache one plan per query.
 */
export class CypherLibrary {
  private constructor(
    /** Folder the queries were read from. */
    readonly dir: string,
    private readonly queries: ReadonlyMap<string, string>,
  ) {}

  /** Reads every `.cypher` file of `dir` (default: `cypher/` at the package root). */
  static load(dir: string = join(packageRoot(), 'cypher')): CypherLibrary {
    const queries = new Map<string, string>();
    for (const file of readdirSync(dir).sort()) {
      if (extname(file) !== '.cypher') continue;
      const text = readFileSync(join(dir, file), 'utf8').trim();
      if (text.length === 0) throw new Error(`${join(dir, file)} is empty`);
      queries.set(basename(file, '.cypher'), text);
    }
    return new CypherLibrary(dir, queries);
  }

  /** The text of query `name`; throws UnknownQueryError when there is no such file. */
  get(name: string): string {
    const text = this.queries.get(name);
    if (text === undefined) throw new UnknownQueryError(`no Cypher query named "${name}" in ${this.dir}`);
    return text;
  }

  has(name: string): boolean {
    return this.queries.has(name);
  }

  /** Every query name, sorted. */
  names(): string[] {
    return [...this.queries.keys()];
  }
}

let shared: CypherLibrary | undefined;

/** The package's queries, read from disk on first use and kept for the life of the process. */
export function cypherLibrary(): CypherLibrary {
  shared ??= CypherLibrary.load();
  return shared;
}
