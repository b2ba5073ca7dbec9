import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphData } from '../../model.js';

const FILE = 'graph.json';
const BACKUP = `${FILE}.bak`;
const FORMAT = 'paper-kg-snapshot';
const VERSION = 1;

/** The snapshot file a data folder holds. */
export function snapshotPath(dataDir: string): string {
  return join(dataDir, FILE);
}

/** The previous good snapshot, kept beside the current one by every write. */
export function backupPath(dataDir: string): string {
  return join(dataDir, BACKUP);
}

/** Raised when a snapshot exists but cannot be used; no file is changed. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/**
 * Reads the snapshot in `dataDir`; null when there is none yet.
 * A snapshot that is not valid JSON, not ours, or missing parts is refused with a SnapshotError
 * that says what is wrong and how to restore the backup; the files are left as they are.
 */
export async function readSnapshot(dataDir: string): Promise<GraphData | null> {
  const path = snapshotPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (await exists(backupPath(dataDir))) {
      // Never start empty (and seed over it) when a graph was saved here before.
      throw new SnapshotError(
        `${path} is missing but ${backupPath(dataDir)} exists: restore it (${restoreHint(dataDir)}) or remove it to start empty`,
      );
    }
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(dataDir, `is not valid JSON (${(error as Error).message})`);
  }
  const header = parsed as { format?: unknown; version?: unknown; graph?: Partial<GraphData> } | null;
  if (header?.format !== FORMAT || header.version !== VERSION || typeof header.graph !== 'object' || header.graph === null) {
    throw corrupt(dataDir, `is not a version ${VERSION} ${FORMAT} file`);
  }
  const graph = header.graph;
  for (const key of ['papers', 'concepts', 'repositories', 'mentions', 'hasCode', 'related', 'broader'] as const) {
    if (!Array.isArray(graph[key])) throw corrupt(dataDir, `has no list "graph.${key}"`);
  }
  return graph as GraphData;
}

/** The error for an unusable snapshot: what is wrong, and how to go back to the last good one. */
export function corrupt(dataDir: string, problem: string): SnapshotError {
  return new SnapshotError(
    `refusing to start: the snapshot ${snapshotPath(dataDir)} ${problem}. It was left untouched. ` +
      `The previous good snapshot is ${backupPath(dataDir)}: ${restoreHint(dataDir)}, or move both away to start empty.`,
  );
}

function restoreHint(dataDir: string): string {
  return `cp ${backupPath(dataDir)} ${snapshotPath(dataDir)}`;
}

let writes = 0;

/**
 * Writes the snapshot atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so a crash leaves either the old or the new snapshot whole. The
 * old one stays as `graph.json.bak` (a hard link, so no copy), the last good snapshot to go
 * back to should the current one ever be damaged.
 */
export async function writeSnapshot(dataDir: string, graph: GraphData): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = snapshotPath(dataDir);
  const temp = `${path}.${process.pid}.${++writes}.tmp`;
  const body = JSON.stringify({ format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), graph });
  const file = await open(temp, 'w');
  try {
    await file.writeFile(body, 'utf8');
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await keepBackup(dataDir);
  await rename(temp, path);
  await syncFolder(dataDir);
}

/** Points `graph.json.bak` at the current snapshot (atomically) before it is replaced. */
async function keepBackup(dataDir: string): Promise<void> {
  const staged = `${backupPath(dataDir)}.${process.pid}.${writes}.tmp`;
  try {
    await link(snapshotPath(dataDir), staged);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first snapshot: nothing to keep
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    await copyFile(snapshotPath(dataDir), staged); // a file system without hard links
  }
  await rename(staged, backupPath(dataDir));
}

async function syncFolder(dataDir: string): Promise<void> {
  const dir = await open(dataDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Removes temporary files a crashed write left behind (never the snapshot or its backup). */
export async function removeStaleTempFiles(dataDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch {
    return;
  }
  const stale = names.filter((name) => {
    const match = /^graph\.json(?:\.bak)?\.(\d+)\.\d+\.tmp$/.exec(name);
    return match !== null && !isAlive(Number(match[1]));
  });
  await Promise.all(stale.map((n) => rm(join(dataDir, n), { force: true })));
}

/** Whether process `pid` still runs (then its temporary files may still be being written). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
