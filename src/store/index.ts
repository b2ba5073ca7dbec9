import type { Config } from '../config.js';
import type { GraphStore } from './graph-store.js';
import { MemoryStore } from './memory/memory-store.js';

export type { GraphStore } from './graph-store.js';

/** The configured store: Neo4j when NEO4J_URI is set, else the embedded store in KG_DATA_DIR. */
export async function createStore(config: Config): Promise<GraphStore> {
  if (config.neo4j) {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.js');
    return new Neo4jStore(config.neo4j);
  }
  return new MemoryStore({ dataDir: config.dataDir });
}
