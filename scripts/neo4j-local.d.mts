/** Where a local Neo4j runs: `dir` (relative to the cwd) defaults to $KG_NEO4J_DIR or `.neo4j`. */
export interface LocalNeo4jOptions {
  dir?: string;
}

/** JVM options the launcher runs with. */
export const JVM_OPTS: readonly string[];

/** Page cache in MiB when KG_NEO4J_PAGECACHE_MB does not say. */
export const DEFAULT_PAGE_CACHE_MIB: number;

/** The page cache to give Neo4j in MiB: `value` or $KG_NEO4J_PAGECACHE_MB, else the default; throws on a bad value. */
export function pageCacheMiB(value?: string | number): number;

/** Starts Neo4j in the background, or reuses the one recorded in `<dir>/launcher.json`. */
export function startLocalNeo4j(
  options?: LocalNeo4jOptions & { log?: (line: string) => void; timeoutMs?: number },
): Promise<{ uri: string; pid: number; reused: boolean }>;

/** Stops the recorded Neo4j and removes its state file; false when nothing was running. */
export function stopLocalNeo4j(options?: LocalNeo4jOptions): Promise<boolean>;

/** The running Neo4j recorded in `<dir>/launcher.json`, or null. */
export function statusLocalNeo4j(
  options?: LocalNeo4jOptions,
): Promise<{ uri: string; pid: number; port: number; startedAt: string } | null>;
