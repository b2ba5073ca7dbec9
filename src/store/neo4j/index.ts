export { Neo4jStore } from './neo4j-store.js';
export {
  Executor,
  StoreConstraintError,
  StoreQueryError,
  StoreUnavailableError,
  translateError,
  type Neo4jConnection,
  type Params,
  type Row,
} from './executor.js';
export { CypherLibrary, UnknownQueryError, cypherLibrary } from './cypher.js';
