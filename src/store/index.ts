import type { Config } from '../config.js';
import type { GraphStore } from './graph-store.js';
import { MemoryStore } from './memory/memory-store.js';

export type { GraphStore } from './graph-store.js';

/**
 * The configured store: Neo4j when NEO4J_URI is set, else the embedded store in KG_DATA_DIR.
 * `warn` hears about saved data the embedded store ignored when it loaded (a torn last journal
 * record); default: a process warning.
 */
export async function createStore(config: Config, warn?: (message: string) => void): Promise<GraphStore> {
  if (config.neo4j) {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.js');
    return new Neo4jStore(config.neo4j);
  }
  return new MemoryStore({ dataDir: config.dataDir, ...(warn ? { warn } : {}) });
}
