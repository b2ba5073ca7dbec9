// Starts and stops a local Neo4j 5.26 Community server (embedded, see neo4j-launcher/)
// without Docker: Java 17 runs it, Maven fetches it from Maven Central on first use.
import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAUNCHER_DIR = join(REPO_ROOT, 'neo4j-launcher');
const SOURCES = [join(LAUNCHER_DIR, 'pom.xml'), join(LAUNCHER_DIR, 'src/main/java/kg/neo4j/Launcher.java')];
const CLASSES_DIR = join(LAUNCHER_DIR, 'target/classes');
const LIB_DIR = join(LAUNCHER_DIR, 'target/lib');
const BUILD_STAMP = join(LAUNCHER_DIR, 'target/.launcher-built');
const MAIN_CLASS = 'kg.neo4j.Launcher';
const HOST = '127.0.0.1';
/** JVM options; the page cache (off the heap) is the launcher's argument, see pageCacheMiB. */
export const JVM_OPTS = ['-Xms256m', '-Xmx1g', '-XX:+ExitOnOutOfMemoryError', '-Dfile.encoding=UTF-8'];
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

const defaultDir = () => process.env.KG_NEO4J_DIR ?? '.neo4j';
/** Page cache when KG_NEO4J_PAGECACHE_MB does not say: enough for the test and sample graphs. */
export const DEFAULT_PAGE_CACHE_MIB = 256;

/**
 * The page cache to give Neo4j, in MiB: `value` (or $KG_NEO4J_PAGECACHE_MB), else 256. Neo4j
 * reads what its page cache does not hold through the operating system, so a graph larger than
 * the cache answers more slowly (the 100k-paper bench graph's store is about 2.4 GB).
 * @param {string | number | undefined} [value]
 * @returns {number}
 */
export function pageCacheMiB(value = process.env.KG_NEO4J_PAGECACHE_MB) {
  if (value === undefined || value === '') return DEFAULT_PAGE_CACHE_MIB;
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 16) {
    throw new Error(`KG_NEO4J_PAGECACHE_MB must be a whole number of MiB, at least 16 (got "${value}")`);
  }
  return n;
}
const stateFile = (dir) => join(dir, 'launcher.json');

/**
 * Starts Neo4j in the background, or reuses the one recorded in `<dir>/launcher.json`.
 * @param {{ dir?: string, log?: (line: string) => void, timeoutMs?: number }} [options]
 *   `dir` (relative to the cwd) holds the data, the log and the state file. The page cache is
 *   $KG_NEO4J_PAGECACHE_MB's (see pageCacheMiB); a Neo4j already running is reused as it is.
 * @returns {Promise<{ uri: string, pid: number, reused: boolean }>}
 */
export async function startLocalNeo4j({ dir = defaultDir(), log = console.error, timeoutMs = START_TIMEOUT_MS } = {}) {
  dir = resolve(dir);
  const pageCache = pageCacheMiB();
  const running = await statusLocalNeo4j({ dir });
  if (running) return { uri: running.uri, pid: running.pid, reused: true };
  if (readState(dir)) await stopLocalNeo4j({ dir });

  const needsBuild = launcherNeedsBuild();
  const missing = ['java', ...(needsBuild ? ['mvn'] : [])].filter((cmd) => !onPath(cmd));
  if (missing.length) {
    throw new Error(`cannot start Neo4j: ${missing.join(' and ')} not found on PATH (needs Java 17+ and Maven 3)`);
  }
  if (needsBuild) await buildLauncher(log);

  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const logFile = join(dir, 'neo4j.log');
  const fd = openSync(logFile, 'w');
  const classpath = [CLASSES_DIR, join(LIB_DIR, '*')].join(delimiter);
  const child = spawn('java', [...JVM_OPTS, '-cp', classpath, MAIN_CLASS, String(port), join(dir, 'data'), String(pageCache)], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  child.unref();
  let exitCode;
  child.on('exit', (code, signal) => (exitCode = code ?? signal));
  child.on('error', (err) => (exitCode = err.message));

  const uri = `bolt://${HOST}:${port}`;
  const shownLog = relative(process.cwd(), logFile) || logFile;
  const deadline = Date.now() + timeoutMs;
  log(`starting Neo4j on ${uri} (page cache ${pageCache} MiB; log: ${shownLog})…`);
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`Neo4j exited before it was ready (${exitCode}); ${shownLog}: ${logTail(logFile)}`);
    }
    if (readFileSync(logFile, 'utf8').includes(`READY ${uri}`) && (await portOpen(port))) break;
    if (Date.now() > deadline) {
      killQuietly(child.pid, 'SIGKILL');
      throw new Error(`Neo4j was not ready after ${timeoutMs / 1000} s; ${shownLog}: ${logTail(logFile)}`);
    }
    await sleep(250);
  }

  const tmp = `${stateFile(dir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ pid: child.pid, port, uri, startedAt: new Date().toISOString() }, null, 2)}\n`);
  renameSync(tmp, stateFile(dir));
  return { uri, pid: /** @type {number} */ (child.pid), reused: false };
}

/**
 * Stops the Neo4j recorded in `<dir>/launcher.json` (SIGTERM, then SIGKILL after 30 s)
 * and removes the state file.
 * @param {{ dir?: string }} [options]
 * @returns {Promise<boolean>} false when nothing was running.
 */
export async function stopLocalNeo4j({ dir = defaultDir() } = {}) {
  dir = resolve(dir);
  const state = readState(dir);
  if (!state) return false;
  const wasRunning = isLauncher(state.pid);
  if (wasRunning) {
    killQuietly(state.pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isLauncher(state.pid) && Date.now() < deadline) await sleep(200);
    if (isLauncher(state.pid)) {
      killQuietly(state.pid, 'SIGKILL');
      while (isLauncher(state.pid)) await sleep(100);
    }
  }
  rmSync(stateFile(dir), { force: true });
  return wasRunning;
}

/**
 * The running Neo4j recorded in `<dir>/launcher.json`, if its process is alive and its port open.
 * @param {{ dir?: string }} [options]
 * @returns {Promise<{ uri: string, pid: number, port: number, startedAt: string } | null>}
 */
export async function statusLocalNeo4j({ dir = defaultDir() } = {}) {
  const state = readState(resolve(dir));
  if (state && isLauncher(state.pid) && (await portOpen(state.port))) return state;
  return null;
}

function readState(dir) {
  try {
    const state = JSON.parse(readFileSync(stateFile(dir), 'utf8'));
    return Number.isInteger(state.pid) && Number.isInteger(state.port) ? state : null;
  } catch {
    return null;
  }
}

/** Whether pid is a live (non-zombie) process running the launcher. */
function isLauncher(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  try {
    if (/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MAIN_CLASS);
  } catch {
    return !existsSync('/proc/self'); // no procfs (e.g. macOS): trust the pid
  }
}

function killQuietly(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function launcherNeedsBuild() {
  if (!existsSync(BUILD_STAMP) || !existsSync(CLASSES_DIR) || !existsSync(LIB_DIR)) return true;
  if (readdirSync(LIB_DIR).length === 0) return true;
  const built = statSync(BUILD_STAMP).mtimeMs;
  return SOURCES.some((file) => statSync(file).mtimeMs > built);
}

async function buildLauncher(log) {
  log('building the Neo4j launcher (first run downloads Neo4j from Maven Central)…');
  rmSync(LIB_DIR, { recursive: true, force: true }); // drop jars of an older Neo4j version
  const output = [];
  const code = await new Promise((done) => {
    const mvn = spawn('mvn', ['-q', '-B', 'package'], { cwd: LAUNCHER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    mvn.stdout.on('data', (chunk) => output.push(chunk));
    mvn.stderr.on('data', (chunk) => output.push(chunk));
    mvn.on('error', (err) => {
      output.push(Buffer.from(err.message));
      done(-1);
    });
    mvn.on('close', done);
  });
  if (code !== 0) {
    throw new Error(`building the Neo4j launcher failed (mvn exit ${code}): ${lastLines(Buffer.concat(output).toString())}`);
  }
  writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
}

async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, HOST, ok));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((ok) => server.close(ok));
  return port;
}

function portOpen(port) {
  return new Promise((done) => {
    const socket = connect({ host: HOST, port, timeout: 1000 });
    const finish = (open) => {
      socket.destroy();
      done(open);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

function logTail(file) {
  try {
    return lastLines(readFileSync(file, 'utf8'));
  } catch {
    return '(no log)';
  }
}

/** The last few meaningful lines of an output, on one line (stack frames left out). */
function lastLines(text, count = 5) {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^(at |\.\.\. \d+ more)/.test(line));
  return lines.slice(-count).join(' | ') || '(empty)';
}
