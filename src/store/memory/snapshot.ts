import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareIds } from '../ordering.js';
import type { ConceptRecord, GraphData, MentionRecord, PaperRecord, RelatedRecord, RepositoryRecord } from '../../model.js';
import { rawLinesOf } from './lines.js';
import { flatSpansOf, PackedMention, packFlatSpans, packFlatSpansAt, plainGraph, spanCodesOf, spansOfCodes } from './packed-mention.js';
import { decodeColumn, encodeColumn } from './snapshot-columns.js';
import { MentionEndsBuilder, type MentionEnds } from './mention-ends.js';
import { RelatedColumnsBuilder, type RelatedColumns } from './related-lists.js';

const FILE = 'graph.json';
const BACKUP = `${FILE}.bak`;
const FORMAT = 'paper-kg-snapshot';
const VERSION = 4;

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
 * Version 4 (written now) is JSON Lines read as a stream: a header line, then sections of
 * records in chunks (nodes first; edges naming their nodes by position in their section, in the
 * order the store's lists keep: mentions and RELATED_TO records as columns of numbers, see
 * snapshot-columns.ts, the others as compact tuples), then a trailer with the counts, so neither
 * the file nor one giant string is ever held whole. Version 3 (the same, every edge a tuple),
 * version 2 (tuples naming nodes by id) and version 1 (one JSON document) are still read.
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
   * of a version 3 or 4 file's), which are then not in `graph.related`; null otherwise.
   */
  related: RelatedColumns | null;
  /**
   * With `relatedAsColumns`, when every mention named its nodes by position (a version 3 or 4 file),
   * the positions of each mention's paper and concept (checked to be in range); null otherwise.
   */
  mentionEnds: MentionEnds | null;
  /**
   * With `relatedElsewhere`, the RELATED_TO records of the chunks written as columns, which were
   * counted (for the end marker's check) but neither decoded nor checked: {@link scanSnapshot}
   * reads them. Else 0.
   */
  relatedSkipped: number;
}

/**
 * {@link readSnapshot} with the snapshot's id, which the delta journal names to say what it
 * extends. `relatedAsColumns` reads RELATED_TO records (millions) as columns rather than objects.
 */
export async function readSnapshotFile(dataDir: string, relatedAsColumns = false, relatedElsewhere = false): Promise<SnapshotContents | null> {
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
  const ends = relatedAsColumns ? new MentionEndsBuilder() : null;
  const nodeIds = new NodeIds(graph);
  /** Whether every mention so far named its nodes by position (else `ends` is not used). */
  let positional = true;
  let lineNo = 0;
  let version: unknown;
  let id: string | null = null;
  let ended = false;
  let relatedSkipped = 0;
  try {
    for await (const { line } of rawLinesOf(handle, 1 << 22)) {
      lineNo++;
      // RELATED_TO columns left to another reader are counted, not decoded (see scanSnapshot).
      if (relatedElsewhere && version === VERSION) {
        const n = relatedColumnsCount(line);
        if (n !== null) {
          relatedSkipped += n;
          continue;
        }
      }
      const text = line.toString('utf8');
      if (lineNo === 1) {
        const header = parse(text, lineNo) as { format?: unknown; version?: unknown; id?: unknown; graph?: Partial<GraphData> } | null;
        version = header?.version;
        if (header?.format !== FORMAT || (version !== 1 && version !== 2 && version !== 3 && version !== VERSION)) {
          throw corrupt(dataDir, `is not a version 1, 2, 3 or ${VERSION} ${FORMAT} file`);
        }
        if (version === 1) return { graph: checkV1(dataDir, header.graph), id: null, related: null, mentionEnds: null, relatedSkipped: 0 };
        if (typeof header.id === 'string') id = header.id;
        continue;
      }
      if (ended) throw corrupt(dataDir, `is not valid JSON (line ${lineNo} follows the end marker)`);
      const chunk = parse(text, lineNo) as { s?: unknown; r?: unknown; n?: unknown; b?: unknown; end?: unknown } | null;
      if (chunk && chunk.end === true) {
        ended = true;
        checkCounts(dataDir, graph, (chunk as { counts?: Record<string, unknown> }).counts, (columns?.size ?? 0) + relatedSkipped);
        continue;
      }
      if (chunk && version === VERSION && (chunk.s === 'mentions' || chunk.s === 'related') && chunk.b !== undefined) {
        const problem =
          chunk.s === 'mentions'
            ? readMentionColumns(chunk, graph, nodeIds, ends)
            : readRelatedColumns(chunk, graph, nodeIds, columns);
        if (problem) throw corrupt(dataDir, `has a ${chunk.s} chunk at line ${lineNo} that ${problem}`);
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
      } else if (section === 'mentions') {
        for (const row of chunk.r as unknown[]) {
          const mention = positional ? positionalMention(row, nodeIds, ends) : undefined;
          if (typeof mention === 'string') throw corrupt(dataDir, `has a mentions record at line ${lineNo} that ${mention}`);
          if (mention) {
            target.push(mention);
            continue;
          }
          // A mention naming a node by id (version 2): the general path for it and every later one.
          positional = false;
          const edge = decode(row) as unknown as Record<string, unknown>;
          const problem = resolveIds(section, edge, graph, ids);
          if (problem) throw corrupt(dataDir, `has a ${section} record at line ${lineNo} that ${problem}`);
          target.push(edge);
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
  return { graph, id, related: columns?.build() ?? null, mentionEnds: positional ? (ends?.build() ?? null) : null, relatedSkipped };
}

/** The record count of a version 4 RELATED_TO chunk written as columns (`{"s":"related","n":N,"b":...}`), read from its first bytes; null for any other line. */
function relatedColumnsCount(line: Buffer): number | null {
  const match = RELATED_COLUMNS.exec(line.toString('latin1', 0, 40));
  return match ? Number(match[1]) : null;
}

const RELATED_COLUMNS = /^\{"s":"related","n":(\d{1,9}),"b":/;

/** A node as a snapshot lists it. */
export type SnapshotNode =
  | { section: 'papers'; record: PaperRecord }
  | { section: 'concepts'; record: ConceptRecord }
  | { section: 'repositories'; record: RepositoryRecord };

/**
 * One pass over the snapshot in `dataDir` for work done beside a load (see load-worker.ts): each
 * node, in the order written, to `onNode`, then with `related` the RELATED_TO chunks written as
 * columns (version 4), decoded and checked as the load checks them, added to it (null: the pass
 * ends with the node sections). Other lines are skipped undecoded. False when there is no
 * snapshot; throws on a version 1 file, a line that is not JSON, and (a SnapshotError) a damaged
 * related chunk, named by its line as the load names it. `conceptCount` is needed without `onNode`.
 */
export async function scanSnapshot(
  dataDir: string,
  onNode: ((node: SnapshotNode) => void) | null,
  related: RelatedColumnsBuilder | null,
  conceptCount = 0,
): Promise<boolean> {
  let handle;
  try {
    handle = await open(snapshotPath(dataDir), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    let lineNo = 0;
    for await (const { line } of rawLinesOf(handle, 1 << 22)) {
      lineNo++;
      if (lineNo === 1) {
        const version = (JSON.parse(line.toString('utf8')) as { version?: unknown } | null)?.version;
        if (version !== 2 && version !== 3 && version !== VERSION) throw new Error(`the snapshot is a version ${String(version)} file`);
        continue;
      }
      // Node chunks start `{"s":"papers"`, `{"s":"concepts"` or `{"s":"repositories"`.
      const section = NODE_CHUNK.exec(line.toString('latin1', 0, 24))?.[1] as SnapshotNode['section'] | undefined;
      if (section !== undefined) {
        if (onNode === null) continue;
        for (const record of (JSON.parse(line.toString('utf8')) as { r: unknown[] }).r) {
          if (section === 'concepts') conceptCount++;
          onNode({ section, record } as SnapshotNode);
        }
        continue;
      }
      if (related === null) return true;
      if (relatedColumnsCount(line) === null) continue;
      const chunk = JSON.parse(line.toString('utf8')) as { n?: unknown; b?: unknown };
      const columns = decodeRelatedColumns(chunk, conceptCount);
      if (typeof columns === 'string') throw corrupt(dataDir, `has a related chunk at line ${lineNo} that ${columns}`);
      related.pushAll(columns);
    }
    return true;
  } finally {
    await handle.close();
  }
}

const NODE_CHUNK = /^\{"s":"(papers|concepts|repositories)"/;

/**
 * A mention row of a version 3 file (naming its paper and concept by position) as the store keeps it,
 * with its positions added to `ends`: no tuple is resolved field by field, and no id is looked
 * up. What is wrong with it (a position the snapshot does not hold), or undefined for a row
 * that names a node otherwise (read by the general path instead).
 */
function positionalMention(row: unknown, nodeIds: NodeIds, ends: MentionEndsBuilder | null): PackedMention | string | undefined {
  // Read by index (no destructuring): there are millions of rows.
  const tuple = row as unknown[];
  const paper = tuple[0];
  const concept = tuple[1];
  if (typeof paper !== 'number' || typeof concept !== 'number') return undefined;
  const { paperIds, conceptIds } = nodeIds;
  if (!isPosition(paper, paperIds.length)) return `refers to papers number ${paper}, which the snapshot does not hold`;
  if (!isPosition(concept, conceptIds.length)) return `refers to concepts number ${concept}, which the snapshot does not hold`;
  ends?.push(paper, concept);
  const spans = packFlatSpans(tuple[5] as number[]);
  return new PackedMention(paperIds[paper]!, conceptIds[concept]!, tuple[2] as number, tuple[3] as number, tuple[4] === 1, spans);
}

/** The number of records of a column chunk, or null when it does not give one. */
function chunkLength(chunk: { n?: unknown; b?: unknown }): number | null {
  const n = chunk.n;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && typeof chunk.b === 'object' && chunk.b !== null ? n : null;
}

/**
 * Reads a version 4 chunk of mentions as columns (see {@link mentionChunk}) into `graph` (and
 * their positions into `ends`); returns what is wrong with it, or null.
 */
function readMentionColumns(chunk: { n?: unknown; b?: unknown }, graph: GraphData, nodeIds: NodeIds, ends: MentionEndsBuilder | null): string | null {
  const n = chunkLength(chunk);
  if (n === null) return 'has no record count or columns';
  const b = chunk.b as Record<string, unknown>;
  const papers = decodeColumn(b.p, 'i32', n);
  const concepts = decodeColumn(b.c, 'i32', n);
  const counts = decodeColumn(b.k, 'f64', n);
  const confidences = decodeColumn(b.f, 'f64', n);
  const inTitle = decodeColumn(b.t, 'u8', n);
  const spanCounts = decodeColumn(b.z, 'u32', n);
  if (!papers || !concepts || !counts || !confidences || !inTitle || !spanCounts) return `does not hold ${n} records in each column`;
  let spanTotal = 0;
  for (let i = 0; i < n; i++) spanTotal += spanCounts[i]!;
  // Spans as their packed codes (`y`), or, when one of the chunk's does not pack, flattened (`x`).
  const codes = b.y !== undefined ? decodeColumn(b.y, 'f64', spanTotal) : null;
  const flat = b.y === undefined ? decodeColumn(b.x, 'f64', 3 * spanTotal) : null;
  if (!codes && !flat) return `does not hold the ${spanTotal} spans its records count`;
  const target = graph.mentions;
  const { paperIds, conceptIds } = nodeIds;
  for (let i = 0, at = 0; i < n; i++) {
    const p = papers[i]!;
    const c = concepts[i]!;
    if (!isPosition(p, paperIds.length)) return `refers to papers number ${p}, which the snapshot does not hold`;
    if (!isPosition(c, conceptIds.length)) return `refers to concepts number ${c}, which the snapshot does not hold`;
    ends?.push(p, c);
    const spans = codes ? spansOfCodes(codes, at, spanCounts[i]!) : packFlatSpansAt(flat!, 3 * at, spanCounts[i]!);
    if (spans === null) return `has a span that is not a packed span (record ${i + 1})`;
    at += spanCounts[i]!;
    target.push(new PackedMention(paperIds[p]!, conceptIds[c]!, counts[i]!, confidences[i]!, inTitle[i] === 1, spans));
  }
  return null;
}

/**
 * The ids of the nodes by position, made once the node sections are read: edges name their
 * nodes by position, and a dense array of ids is read without touching each node record.
 */
class NodeIds {
  private papers: string[] | null = null;
  private concepts: string[] | null = null;

  constructor(private readonly graph: GraphData) {}

  get paperIds(): string[] {
    if (this.papers?.length !== this.graph.papers.length) this.papers = this.graph.papers.map((p) => p.id);
    return this.papers;
  }

  get conceptIds(): string[] {
    if (this.concepts?.length !== this.graph.concepts.length) this.concepts = this.graph.concepts.map((c) => c.id);
    return this.concepts;
  }
}

/**
 * Reads a version 4 chunk of RELATED_TO records as columns (see {@link relatedChunk}) into
 * `columns`, or as records into `graph` when not read as columns; returns what is wrong, or null.
 */
function readRelatedColumns(chunk: { n?: unknown; b?: unknown }, graph: GraphData, nodeIds: NodeIds, columns: RelatedColumnsBuilder | null): string | null {
  const concepts = nodeIds.conceptIds;
  const decoded = decodeRelatedColumns(chunk, concepts.length);
  if (typeof decoded === 'string') return decoded;
  if (columns) columns.pushAll(decoded);
  else {
    const { sources, targets, sharedPapers, weights } = decoded;
    for (let i = 0; i < sources.length; i++) {
      graph.related.push({ source: concepts[sources[i]!]!, target: concepts[targets[i]!]!, sharedPapers: sharedPapers[i]!, weight: weights[i]! });
    }
  }
  return null;
}

/** A version 4 chunk of RELATED_TO records as columns, their concepts checked to be among the `concepts` first; else what is wrong with it. */
function decodeRelatedColumns(chunk: { n?: unknown; b?: unknown }, concepts: number): RelatedColumns | string {
  const n = chunkLength(chunk);
  if (n === null) return 'has no record count or columns';
  const b = chunk.b as Record<string, unknown>;
  const sources = decodeColumn(b.s, 'i32', n);
  const targets = decodeColumn(b.t, 'i32', n);
  const sharedPapers = decodeColumn(b.p, 'f64', n);
  const weights = decodeColumn(b.w, 'f64', n);
  if (!sources || !targets || !sharedPapers || !weights) return `does not hold ${n} records in each column`;
  for (let i = 0; i < n; i++) {
    if (!isPosition(sources[i]!, concepts)) return `refers to concepts number ${sources[i]}, which the snapshot does not hold`;
    if (!isPosition(targets[i]!, concepts)) return `refers to concepts number ${targets[i]}, which the snapshot does not hold`;
  }
  return { sources, targets, sharedPapers, weights } as RelatedColumns;
}

/**
 * Adds a RELATED_TO row naming its concepts by position to `columns`: null when added, what is
 * wrong with it, or undefined for a row that names them otherwise (read as a record instead).
 */
function pushRelatedColumns(columns: RelatedColumnsBuilder, row: unknown, concepts: number): string | null | undefined {
  // Read by index, with no array made per row: there are millions of them.
  const tuple = row as unknown[];
  const source = tuple[0];
  const target = tuple[1];
  const sharedPapers = tuple[2];
  const weight = tuple[3];
  if (typeof source !== 'number' || typeof target !== 'number' || typeof sharedPapers !== 'number' || typeof weight !== 'number') return undefined;
  if (!isPosition(source, concepts)) return `refers to concepts number ${source}, which the snapshot does not hold`;
  if (!isPosition(target, concepts)) return `refers to concepts number ${target}, which the snapshot does not hold`;
  columns.push(source, target, sharedPapers, weight);
  return null;
}

/** Whether `n` is the position of a record in a section of `length` records. */
function isPosition(n: number, length: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < length;
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

/** Records per line of a snapshot (tuples). */
const CHUNK = 2000;
/** Records per line of a section written as columns (a line of about half a megabyte). */
const COLUMN_CHUNK = 16384;

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

/** The snapshot versions that can be written: the current one, and version 3 (to make files older versions read). */
export type WritableVersion = 3 | 4;

/**
 * The lines of a snapshot of `graph` (version 4 unless told), each newline-terminated. `id`
 * names this snapshot; the delta journal records which snapshot it extends by it.
 */
export function* snapshotLines(
  graph: GraphData,
  savedAt = new Date().toISOString(),
  id: string = randomUUID(),
  version: WritableVersion = VERSION,
): Generator<string> {
  yield `${JSON.stringify({ format: FORMAT, version, savedAt, id })}\n`;
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
    const columnar = version === 4 && (key === 'mentions' || key === 'related');
    const size = columnar ? COLUMN_CHUNK : CHUNK;
    for (let i = 0; i < list.length; i += size) {
      const slice = list.slice(i, i + size);
      // A chunk naming a node the graph lacks is written as tuples (the id kept, for the reader to report).
      const columns =
        key === 'mentions' && columnar
          ? mentionChunk(slice as MentionRecord[], positions)
          : key === 'related' && columnar
            ? relatedChunk(slice as RelatedRecord[], positions.concepts)
            : null;
      yield `${columns ?? JSON.stringify({ s: key, r: slice.map(row) })}\n`;
    }
  }
  yield `${JSON.stringify({ end: true, counts: Object.fromEntries(SECTIONS.map((k) => [k, graph[k].length])) })}\n`;
}

/**
 * A version 4 line of mentions as columns: paper and concept positions (`p`, `c`), count (`k`),
 * confidence (`f`), in title (`t`), the number of spans (`z`) and every span as its packed code
 * (`y`), or, when one of the chunk's spans does not pack, flattened as [field, start, end] (`x`);
 * null when a mention names a node the graph lacks.
 */
function mentionChunk(list: readonly MentionRecord[], positions: { papers: Map<string, number>; concepts: Map<string, number> }): string | null {
  const n = list.length;
  const [papers, concepts, spanCounts] = [new Int32Array(n), new Int32Array(n), new Uint32Array(n)];
  const [counts, confidences, inTitle] = [new Float64Array(n), new Float64Array(n), new Uint8Array(n)];
  // Spans as packed codes (one number each) when every span of the chunk packs, else flattened.
  const codes: number[] | null = list.every((m) => spanCodesOf(m) !== null) ? [] : null;
  const flat: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = list[i]!;
    const [p, c] = [positions.papers.get(m.paperId), positions.concepts.get(m.conceptId)];
    if (p === undefined || c === undefined) return null;
    papers[i] = p;
    concepts[i] = c;
    counts[i] = m.count;
    confidences[i] = m.confidence;
    inTitle[i] = m.inTitle ? 1 : 0;
    const spans = codes ? spanCodesOf(m)! : flatSpansOf(m);
    spanCounts[i] = codes ? spans.length : spans.length / 3;
    for (const x of spans) (codes ?? flat).push(x);
  }
  const b = {
    p: encodeColumn(papers),
    c: encodeColumn(concepts),
    k: encodeColumn(counts),
    f: encodeColumn(confidences),
    t: encodeColumn(inTitle),
    z: encodeColumn(spanCounts),
    ...(codes ? { y: encodeColumn(Float64Array.from(codes)) } : { x: encodeColumn(Float64Array.from(flat)) }),
  };
  return JSON.stringify({ s: 'mentions', n, b });
}

/** A version 4 line of RELATED_TO records as columns: source and target positions (`s`, `t`), shared papers (`p`), weight (`w`); null when one names a concept the graph lacks. */
function relatedChunk(list: readonly RelatedRecord[], concepts: Map<string, number>): string | null {
  const n = list.length;
  const [sources, targets, shared, weights] = [new Int32Array(n), new Int32Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const r = list[i]!;
    const [s, t] = [concepts.get(r.source), concepts.get(r.target)];
    if (s === undefined || t === undefined) return null;
    sources[i] = s;
    targets[i] = t;
    shared[i] = r.sharedPapers;
    weights[i] = r.weight;
  }
  return JSON.stringify({ s: 'related', n, b: { s: encodeColumn(sources), t: encodeColumn(targets), p: encodeColumn(shared), w: encodeColumn(weights) } });
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
export async function writeSnapshot(dataDir: string, graph: GraphData, version: WritableVersion = VERSION): Promise<SnapshotWritten> {
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
    for (const line of snapshotLines(inLoadOrder(graph), undefined, id, version)) {
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
