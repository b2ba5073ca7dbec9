import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, stopLocalNeo4j } from '../../scripts/neo4j-local.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bolt URI of a Neo4j for contract tests, or null when none is available. */
    neo4jUri: string | null;
  }
}

/**
 * Vitest global setup: provides `neo4jUri` to the tests.
 *
 * - `NEO4J_URI` set: that server is used as it is.
 * - otherwise a local Neo4j is started (scripts/neo4j-local.mjs) and, unless an already
 *   running one was reused, stopped after the run; `KG_TEST_NEO4J=0` skips starting it.
 * - without a Neo4j the tests get null, and one line on stderr says why;
 *   `REQUIRE_NEO4J=1` turns that into a failed run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const noop = async () => {};
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    return noop;
  }
  const required = process.env.REQUIRE_NEO4J === '1';
  let reason: string;
  if (process.env.KG_TEST_NEO4J === '0' && !required) {
    reason = 'KG_TEST_NEO4J=0';
  } else {
    try {
      const { uri, reused } = await startLocalNeo4j({ log: (line) => console.error(line) });
      project.provide('neo4jUri', uri);
      return reused ? noop : async () => void (await stopLocalNeo4j());
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
      if (required) throw new Error(`Neo4j is required (REQUIRE_NEO4J=1) but could not be started: ${reason}`);
    }
  }
  console.error(
    `Neo4j contract tests skipped: ${reason}. Set NEO4J_URI or install Java 17 + Maven; REQUIRE_NEO4J=1 makes this an error.`,
  );
  project.provide('neo4jUri', null);
  return noop;
}
