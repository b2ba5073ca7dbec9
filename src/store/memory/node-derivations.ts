/**
 * What a load makes on a second thread while the main one reads and indexes the rest of the
 * file: from the nodes, the search postings of the papers' titles and abstracts (tokenising
 * 100,000 abstracts) and the lookup keys of the concepts (normalising every name); and the
 * concepts' RELATED_TO lists from the chunks written as columns (millions of records), which the
 * main thread then skips. The worker reads the file itself, so nothing but the results crosses
 * threads, and those are typed arrays (moved, not copied) and short strings.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConceptRecord, PaperRecord } from '../../model.js';
import { conceptIndexKeys } from '../lookup.js';
import { PaperColumnsBuilder, type FieldColumns } from '../search-index.js';
import { compiledSibling } from '../../util/package-root.js';
import { RelatedColumnsBuilder, relatedLayout, type RelatedColumns, type RelatedLayout } from './related-lists.js';
import { scanSnapshot, snapshotPath } from './snapshot.js';

export interface NodeDerivations {
  /** The papers' ids in snapshot order: the ordinals of `paperColumns`. */
  paperIds: string[];
  paperColumns: { title: FieldColumns; abstract: FieldColumns };
  /** The concepts' ids in snapshot order. */
  conceptIds: string[];
  /** Concept `i`'s lookup keys (conceptIndexKeys) are `lookupKeys[keyOffsets[i]..keyOffsets[i + 1])`. */
  lookupKeys: string[];
  keyOffsets: Int32Array;
  /** The RELATED_TO chunks written as columns: how many records, and their lists (concepts by position). */
  related: { count: number; layout: RelatedLayout };
}

/** Builds {@link NodeDerivations} from nodes given one at a time, in snapshot order. */
export class NodeDerivationsBuilder {
  private readonly paperIds: string[] = [];
  private readonly papers = new PaperColumnsBuilder();
  private readonly conceptIds: string[] = [];
  private readonly lookupKeys: string[] = [];
  private readonly keyOffsets: number[] = [0];

  addPaper(paper: PaperRecord): void {
    this.paperIds.push(paper.id);
    this.papers.add(paper);
  }

  addConcept(concept: ConceptRecord): void {
    this.conceptIds.push(concept.id);
    for (const key of conceptIndexKeys(concept)) this.lookupKeys.push(key);
    this.keyOffsets.push(this.lookupKeys.length);
  }

  build(related: RelatedColumns): NodeDerivations {
    return {
      paperIds: this.paperIds,
      paperColumns: this.papers.build(),
      conceptIds: this.conceptIds,
      lookupKeys: this.lookupKeys,
      keyOffsets: Int32Array.from(this.keyOffsets),
      related: { count: related.sources.length, layout: relatedLayout(this.conceptIds.length, [related]) },
    };
  }
}

/** {@link NodeDerivations} of the snapshot in `dataDir`, on this thread (what the worker runs); null when there is none. */
export async function deriveFromSnapshot(dataDir: string): Promise<NodeDerivations | null> {
  const builder = new NodeDerivationsBuilder();
  const related = new RelatedColumnsBuilder();
  const found = await scanSnapshot(
    dataDir,
    (node) => {
      if (node.section === 'papers') builder.addPaper(node.record);
      else if (node.section === 'concepts') builder.addConcept(node.record);
    },
    related,
  );
  return found ? builder.build(related.build()) : null;
}

/** The lists of the RELATED_TO chunks written as columns of the snapshot in `dataDir` (the load's own reading when the worker's is not there). */
export async function relatedFromSnapshot(dataDir: string, conceptCount: number): Promise<{ count: number; layout: RelatedLayout }> {
  const related = new RelatedColumnsBuilder();
  await scanSnapshot(dataDir, null, related, conceptCount);
  const columns = related.build();
  return { count: columns.sources.length, layout: relatedLayout(conceptCount, [columns]) };
}

/** Whether `derived` describes exactly these papers and concepts, in this order. */
export function derivationsMatch(derived: NodeDerivations, papers: readonly { id: string }[], concepts: readonly { id: string }[]): boolean {
  const same = (ids: readonly string[], records: readonly { id: string }[]) => ids.length === records.length && records.every((r, i) => r.id === ids[i]);
  return same(derived.paperIds, papers) && same(derived.conceptIds, concepts) && derived.keyOffsets.length === concepts.length + 1;
}

/** Snapshots at least this big are loaded with the worker's help (below it, starting a thread costs more than it saves). */
export const LOAD_WORKER_MIN_BYTES = 32 << 20;

/**
 * Whether a load of `dataDir` should derive on a worker: a big snapshot, a second core, and the
 * compiled worker file at hand (`force` skips the first two).
 */
export async function useLoadWorker(dataDir: string, force?: boolean): Promise<boolean> {
  if (force === false || loadWorkerFile() === null) return false;
  if (force === true) return true;
  if (availableParallelism() < 2) return false;
  try {
    return (await stat(snapshotPath(dataDir))).size >= LOAD_WORKER_MIN_BYTES;
  } catch {
    return false;
  }
}

/** {@link deriveFromSnapshot} on a worker thread. */
export function deriveInWorker(dataDir: string): Promise<NodeDerivations | null> {
  const file = loadWorkerFile();
  if (file === null) return Promise.reject(new Error('the load worker is not built: run `npm run build`'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: { dataDir } });
    let settled = false;
    worker.once('message', (message: { derived: NodeDerivations | null } | { error: string }) => {
      settled = true;
      if ('error' in message) reject(new Error(message.error));
      else resolve(message.derived);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the load worker stopped (exit code ${code}) without an answer`));
    });
  });
}

/** The compiled worker: beside this module in dist/, or dist/'s copy when running from src/ (tests); null when not built. */
function loadWorkerFile(): string | null {
  return compiledSibling(import.meta.url, 'load-worker.js');
}
