#!/usr/bin/env node
// Usage: node scripts/neo4j.mjs start|stop|status
//   start   starts (or reuses) a local Neo4j and prints NEO4J_URI=bolt://127.0.0.1:PORT
//   stop    stops it, printing "stopped" or "not running"
//   status  prints NEO4J_URI=… when running (exit 0), "not running" otherwise (exit 1)
// The data, log and state live in $KG_NEO4J_DIR (default: .neo4j in the working directory).
import { startLocalNeo4j, statusLocalNeo4j, stopLocalNeo4j } from './neo4j-local.mjs';

const commands = {
  async start() {
    const { uri, pid, reused } = await startLocalNeo4j({ log: (line) => console.error(line) });
    console.error(reused ? `Neo4j already running (pid ${pid})` : `Neo4j started (pid ${pid})`);
    console.log(`NEO4J_URI=${uri}`);
    return 0;
  },
  async stop() {
    console.log((await stopLocalNeo4j()) ? 'stopped' : 'not running');
    return 0;
  },
  async status() {
    const state = await statusLocalNeo4j();
    console.log(state ? `NEO4J_URI=${state.uri}` : 'not running');
    return state ? 0 : 1;
  },
};

const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: node scripts/neo4j.mjs start|stop|status');
  process.exit(2);
}
try {
  process.exitCode = await command();
} catch (err) {
  console.error(`neo4j: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
