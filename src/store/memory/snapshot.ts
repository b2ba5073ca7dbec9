import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphData } from '../../model.js';

const FILE = 'graph.json';
const FORMAT = 'paper-kg-snapshot';
const VERSION = 1;

/** The snapshot file a data folder holds. */
export function snapshotPath(dataDir: string): string {
  return join(dataDir, FILE);
}

/** Raised when a snapshot exists but cannot be used; the file is left untouched. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** Reads the snapshot in `dataDir`; null when there is none yet. */
export async function readSnapshot(dataDir: string): Promise<GraphData | null> {
  const path = snapshotPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${path} is not valid JSON (${(error as Error).message}); move it away or restore a backup`);
  }
  const header = parsed as { format?: unknown; version?: unknown; graph?: Partial<GraphData> };
  if (header.format !== FORMAT || header.version !== VERSION || typeof header.graph !== 'object' || header.graph === null) {
    throw new SnapshotError(`${path} is not a version ${VERSION} ${FORMAT} file`);
  }
  const graph = header.graph;
  for (const key of ['papers', 'concepts', 'repositories', 'mentions', 'hasCode', 'related', 'broader'] as const) {
    if (!Array.isArray(graph[key])) throw new SnapshotError(`${path}: "graph.${key}" is missing or not a list`);
  }
  return graph as GraphData;
}

/**
 * Writes the snapshot atomically: a temporary file in the same folder, flushed to disk,
 * then renamed over the old one, so a crash leaves either the old or the new snapshot whole.
 */
export async function writeSnapshot(dataDir: string, graph: GraphData): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = snapshotPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
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
  await rename(temp, path);
  const dir = await open(dataDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
