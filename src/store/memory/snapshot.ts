import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareIds } from '../ordering.js';
import type { ConceptRecord, GraphData, PaperRecord, RepositoryRecord } from '../../model.js';
import { linesOf } from './lines.js';
import { flatSpansOf, PackedMention, packFlatSpans, plainGraph } from './packed-mention.js';
import { RelatedColumnsBuilder, type RelatedColumns } from './related-lists.js';

const FILE = 'graph.json';
const BACKUP = `${FILE}.bak`;
const FORMAT = 'paper-kg-snapshot';
const VERSION = 3;

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
 *
 * Version 3 (written now) is JSON Lines read as a stream: a header line, then sections of
 * records in chunks (nodes first; edges as compact tuples naming their nodes by position in their
 * section, edges in the order the store's lists keep), then a trailer with the counts, so neither
 * the file nor one giant string is ever held whole. Version 2 (the same, edges naming nodes by id)
 * and version 1 (one JSON document) are still read.
 */
export async function readSnapshot(dataDir: string): Promise<GraphData | null> {
  const graph = (await readSnapshotFile(dataDir))?.graph;
  return graph ? plainGraph(graph) : null;
}

/**
 * A snapshot read back: the graph, and the id its header gives (null for a file written before
 * ids). Its mentions (from a version 2 or 3 file) are the embedded store's packed records.
 */
export interface SnapshotContents {
  graph: GraphData;
  id: string | null;
  /**
   * With `relatedAsColumns`, the RELATED_TO records that name their concepts by position (all
   * of a version 3 file's), which are then not in `graph.related`; null otherwise.
   */
  related: RelatedColumns | null;
}

/**
 * {@link readSnapshot} with the snapshot's id, which the delta journal names to say what it
 * extends. `relatedAsColumns` reads RELATED_TO records (millions) as columns rather than objects.
 */
export async function readSnapshotFile(dataDir: string, relatedAsColumns = false): Promise<SnapshotContents | null> {
  const path = snapshotPath(dataDir);
  let handle;
  try {
    handle = await open(path, 'r');
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
  const parse = (text: string, line: number): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw corrupt(dataDir, `is not valid JSON (line ${line}: ${(error as Error).message})`);
    }
  };
  const graph: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };
  // Node ids, so that edges hold the node's own id string rather than a copy each (millions of them).
  const ids = new Map<string, string>();
  const columns = relatedAsColumns ? new RelatedColumnsBuilder() : null;
  let lineNo = 0;
  let version: unknown;
  let id: string | null = null;
  let ended = false;
  try {
    for await (const { text } of linesOf(handle, 1 << 22)) {
      lineNo++;
      if (lineNo === 1) {
        const header = parse(text, lineNo) as { format?: unknown; version?: unknown; id?: unknown; graph?: Partial<GraphData> } | null;
        version = header?.version;
        if (header?.format !== FORMAT || (version !== 1 && version !== 2 && version !== VERSION)) {
          throw corrupt(dataDir, `is not a version 1, 2 or ${VERSION} ${FORMAT} file`);
        }
        if (version === 1) return { graph: checkV1(dataDir, header.graph), id: null, related: null };
        if (typeof header.id === 'string') id = header.id;
        continue;
      }
      if (ended) throw corrupt(dataDir, `is not valid JSON (line ${lineNo} follows the end marker)`);
      const chunk = parse(text, lineNo) as { s?: unknown; r?: unknown; end?: unknown } | null;
      if (chunk && chunk.end === true) {
        ended = true;
        checkCounts(dataDir, graph, (chunk as { counts?: Record<string, unknown> }).counts, columns?.size ?? 0);
        continue;
      }
      if (!chunk || typeof chunk.s !== 'string' || !Array.isArray(chunk.r) || !(chunk.s in DECODE)) {
        throw corrupt(dataDir, `has an unknown record chunk at line ${lineNo}`);
      }
      const section = chunk.s as keyof GraphData;
      const decode = DECODE[section];
      const target = graph[section] as unknown[];
      if (section === 'papers' || section === 'concepts' || section === 'repositories') {
        for (const row of chunk.r as unknown[]) {
          const node = decode(row) as { id: string };
          ids.set(node.id, node.id);
          target.push(node);
        }
      } else {
        for (const row of chunk.r as unknown[]) {
          if (columns && section === 'related') {
            const problem = pushRelatedColumns(columns, row, graph.concepts.length);
            if (problem === null) continue;
            if (problem) throw corrupt(dataDir, `has a ${section} record at line ${lineNo} that ${problem}`);
          }
          const edge = decode(row) as unknown as Record<string, unknown>;
          const problem = resolveIds(section, edge, graph, ids);
          if (problem) throw corrupt(dataDir, `has a ${section} record at line ${lineNo} that ${problem}`);
          target.push(edge);
        }
      }
    }
  } finally {
    await handle.close();
  }
  if (lineNo === 0) throw corrupt(dataDir, 'is not valid JSON (the file is empty)');
  if (!ended) throw corrupt(dataDir, 'is not valid JSON (it ends before its end marker: a write was cut short)');
  return { graph, id, related: columns?.build() ?? null };
}

/**
 * Adds a RELATED_TO row naming its concepts by position to `columns`: null when added, what is
 * wrong with it, or undefined for a row that names them otherwise (read as a record instead).
 */
function pushRelatedColumns(columns: RelatedColumnsBuilder, row: unknown, concepts: number): string | null | undefined {
  const [source, target, sharedPapers, weight] = row as unknown[];
  if (typeof source !== 'number' || typeof target !== 'number' || typeof sharedPapers !== 'number' || typeof weight !== 'number') return undefined;
  for (const n of [source, target]) {
    if (!Number.isInteger(n) || n < 0 || n >= concepts) return `refers to concepts number ${n}, which the snapshot does not hold`;
  }
  columns.push(source, target, sharedPapers, weight);
  return null;
}

/** The fields of each edge section that name a node, and the node list each names one of. */
const ID_FIELDS: Partial<Record<keyof GraphData, readonly [string, 'papers' | 'concepts' | 'repositories'][]>> = {
  mentions: [['paperId', 'papers'], ['conceptId', 'concepts']],
  hasCode: [['paperId', 'papers'], ['repositoryId', 'repositories']],
  related: [['source', 'concepts'], ['target', 'concepts']],
  broader: [['narrower', 'concepts'], ['broader', 'concepts']],
};

/**
 * Puts the nodes' own id strings in an edge's id fields: a version 3 edge names its nodes by
 * position in their section (no id string is parsed or hashed per edge), a version 2 edge by id
 * (replaced by the node's string, so millions of edges do not each hold a copy). Returns what is
 * wrong, or null.
 */
function resolveIds(section: keyof GraphData, edge: Record<string, unknown>, graph: GraphData, ids: Map<string, string>): string | null {
  for (const [key, list] of ID_FIELDS[section] ?? []) {
    const value = edge[key];
    if (typeof value === 'number') {
      const node = graph[list][value];
      if (!node) return `refers to ${list} number ${value}, which the snapshot does not hold`;
      edge[key] = node.id;
    } else {
      const own = ids.get(value as string);
      if (own !== undefined) edge[key] = own;
    }
  }
  return null;
}

function checkV1(dataDir: string, graph: Partial<GraphData> | undefined): GraphData {
  if (typeof graph !== 'object' || graph === null) throw corrupt(dataDir, `is not a version 1 ${FORMAT} file`);
  for (const key of SECTIONS) {
    if (!Array.isArray(graph[key])) throw corrupt(dataDir, `has no list "graph.${key}"`);
  }
  return graph as GraphData;
}

/** Checks the end marker's counts; `relatedColumns` RELATED_TO records were read as columns. */
function checkCounts(dataDir: string, graph: GraphData, counts: Record<string, unknown> | undefined, relatedColumns: number): void {
  for (const key of SECTIONS) {
    const n = graph[key].length + (key === 'related' ? relatedColumns : 0);
    if (counts?.[key] !== n) throw corrupt(dataDir, `has ${n} ${key} where its end marker says ${String(counts?.[key])}`);
  }
}

const SECTIONS = ['papers', 'concepts', 'repositories', 'mentions', 'hasCode', 'related', 'broader'] as const;

/** Records per line of a version 2 snapshot. */
const CHUNK = 2000;

/**
 * Edges as tuples, their node ids first in the order of {@link ID_FIELDS} (a mention's spans
 * flattened to [field, start, end, ...]); nodes as they are.
 */
const ENCODE: { [K in keyof GraphData]: (r: GraphData[K][number]) => unknown } = {
  papers: (p) => p,
  concepts: (c) => c,
  repositories: (r) => r,
  mentions: (m) => [m.paperId, m.conceptId, m.count, m.confidence, m.inTitle ? 1 : 0, flatSpansOf(m)],
  hasCode: (h) => [h.paperId, h.repositoryId],
  related: (r) => [r.source, r.target, r.sharedPapers, r.weight],
  broader: (b) => [b.narrower, b.broader],
};

const DECODE: { [K in keyof GraphData]: (row: unknown) => GraphData[K][number] } = {
  papers: (p) => p as PaperRecord,
  concepts: (c) => c as ConceptRecord,
  repositories: (r) => r as RepositoryRecord,
  // Spans go straight from their flat form to the packed one: no Span object per span.
  mentions: (row) => {
    const [paperId, conceptId, count, confidence, inTitle, flat] = row as [string, string, number, number, number, number[]];
    return new PackedMention(paperId, conceptId, count, confidence, inTitle === 1, packFlatSpans(flat));
  },
  hasCode: (row) => {
    const [paperId, repositoryId] = row as [string, string];
    return { paperId, repositoryId };
  },
  related: (row) => {
    const [source, target, sharedPapers, weight] = row as [string, string, number, number];
    return { source, target, sharedPapers, weight };
  },
  broader: (row) => {
    const [narrower, broader] = row as [string, string];
    return { narrower, broader };
  },
};

/** `graph`'s records as written in a snapshot (edges as tuples), section by section. */
export function encodeGraph(graph: GraphData): Record<keyof GraphData, unknown[]> {
  const out = {} as Record<keyof GraphData, unknown[]>;
  for (const key of SECTIONS) out[key] = (graph[key] as readonly unknown[]).map(ENCODE[key] as (r: unknown) => unknown);
  return out;
}

/** The graph {@link encodeGraph} wrote; throws when a section is missing. */
export function decodeGraph(encoded: unknown): GraphData {
  const sections = encoded as Partial<Record<keyof GraphData, unknown>> | null;
  const graph = {} as Record<keyof GraphData, unknown[]>;
  for (const key of SECTIONS) {
    const rows = sections?.[key];
    if (!Array.isArray(rows)) throw new Error(`no list "${key}"`);
    const decode = DECODE[key] as (row: unknown) => unknown;
    graph[key] = rows.map((row) => decode(row));
  }
  return graph as unknown as GraphData;
}

/**
 * The lines of a version 2 snapshot of `graph`, each newline-terminated. `id` names this
 * snapshot; the delta journal records which snapshot it extends by it.
 */
export function* snapshotLines(graph: GraphData, savedAt = new Date().toISOString(), id: string = randomUUID()): Generator<string> {
  yield `${JSON.stringify({ format: FORMAT, version: VERSION, savedAt, id })}\n`;
  const positions = {
    papers: new Map(graph.papers.map((n, i) => [n.id, i])),
    concepts: new Map(graph.concepts.map((n, i) => [n.id, i])),
    repositories: new Map(graph.repositories.map((n, i) => [n.id, i])),
  };
  for (const key of SECTIONS) {
    const list = graph[key] as readonly unknown[];
    const encode = ENCODE[key] as (r: unknown) => unknown;
    const fields = ID_FIELDS[key];
    // Edges name their nodes by position (an id the graph lacks stays an id, for the reader to report).
    const row = fields
      ? (r: unknown) => {
          const tuple = encode(r) as unknown[];
          fields.forEach(([, nodes], i) => (tuple[i] = positions[nodes].get(tuple[i] as string) ?? tuple[i]));
          return tuple;
        }
      : encode;
    for (let i = 0; i < list.length; i += CHUNK) {
      yield `${JSON.stringify({ s: key, r: list.slice(i, i + CHUNK).map(row) })}\n`;
    }
  }
  yield `${JSON.stringify({ end: true, counts: Object.fromEntries(SECTIONS.map((k) => [k, graph[k].length])) })}\n`;
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

/** What a snapshot write wrote: the new snapshot's id and its size in bytes. */
export interface SnapshotWritten {
  id: string;
  bytes: number;
}

/**
 * Writes the snapshot atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so a crash leaves either the old or the new snapshot whole. The
 * old one stays as `graph.json.bak` (a hard link, so no copy), the last good snapshot to go
 * back to should the current one ever be damaged.
 */
export async function writeSnapshot(dataDir: string, graph: GraphData): Promise<SnapshotWritten> {
  await mkdir(dataDir, { recursive: true });
  const path = snapshotPath(dataDir);
  const temp = `${path}.${process.pid}.${++writes}.tmp`;
  const id = randomUUID();
  let bytes = 0;
  const file = await open(temp, 'w');
  try {
    // Written in pieces of about 4 MB: no string of the whole graph is ever built.
    let pending: string[] = [];
    let size = 0;
    for (const line of snapshotLines(inLoadOrder(graph), undefined, id)) {
      bytes += Buffer.byteLength(line);
      pending.push(line);
      size += line.length;
      if (size >= 1 << 22) {
        await file.write(pending.join(''));
        pending = [];
        size = 0;
      }
    }
    if (pending.length > 0) await file.write(pending.join(''));
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
  return { id, bytes };
}

/**
 * The graph with its edges in the order the embedded store's lists keep (mentions by confidence,
 * then paper, then concept; RELATED_TO by weight, then shared papers), so a load builds those
 * lists already sorted and sorting them is a pass that finds them in order.
 */
function inLoadOrder(graph: GraphData): GraphData {
  const mentions = [...graph.mentions].sort(
    (a, b) => b.confidence - a.confidence || compareIds(a.paperId, b.paperId) || compareIds(a.conceptId, b.conceptId),
  );
  const related = [...graph.related].sort(
    (a, b) => b.weight - a.weight || b.sharedPapers - a.sharedPapers || compareIds(a.source, b.source) || compareIds(a.target, b.target),
  );
  return { ...graph, mentions, related };
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

/** Flushes the folder's entries (a rename or a new file) to disk. */
export async function syncFolder(dataDir: string): Promise<void> {
  const dir = await open(dataDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Removes temporary files a crashed write left behind (never the snapshot, its backup or the delta journal). */
export async function removeStaleTempFiles(dataDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch {
    return;
  }
  const stale = names.filter((name) => {
    const match = /^graph\.(?:json|json\.bak|delta\.jsonl)\.(\d+)\.\d+\.tmp$/.exec(name);
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
