import type { GraphStore } from '../store/graph-store.js';
import { buildGraph, type PaperSource } from './build-graph.js';
import { extractPaper, type PaperExtraction } from './extract/index.js';

export interface IngestReport {
  papersAdded: number;
  papersUpdated: number;
  papersUnchanged: number;
  conceptsCreated: number;
  repositoriesCreated: number;
  /** Ids of the papers added or updated, in input order. */
  writtenPaperIds: string[];
}

export type IngestProgress =
  | { stage: 'extract'; done: number; total: number }
  | { stage: 'write'; papers: number };

export interface IngestOptions {
  dryRun?: boolean;
  onProgress?: (event: IngestProgress) => void;
}

/**
 * Upserts papers and rebuilds the derived graph (concepts, co-occurrence, hierarchy) so it
 * stays consistent with the whole corpus. Unchanged papers (same content hash) are reported
 * as such and, when nothing changed, the store is not written at all.
 *
 * Note: per-paper extraction results are cached by content hash, so re-ingesting only pays
 * for the papers that are new or changed.
 */
export class IngestService {
  private readonly cache = new Map<string, PaperExtraction>();

  constructor(private readonly store: GraphStore) {}

  async ingest(papers: readonly PaperSource[], options: IngestOptions = {}): Promise<IngestReport> {
    const seen = new Set<string>();
    for (const p of papers) {
      if (seen.has(p.id)) throw new DuplicatePaperError(p.id);
      seen.add(p.id);
    }
    const existing = new Map((await this.store.allPapers()).map((p) => [p.id, p]));
    const report: IngestReport = {
      papersAdded: 0,
      papersUpdated: 0,
      papersUnchanged: 0,
      conceptsCreated: 0,
      repositoriesCreated: 0,
      writtenPaperIds: [],
    };
    const merged = new Map<string, PaperSource>([...existing].map(([id, { links: _links, ...p }]) => [id, p]));
    for (const paper of papers) {
      const old = existing.get(paper.id);
      if (old && old.contentHash === paper.contentHash) {
        report.papersUnchanged++;
        continue;
      }
      if (old) report.papersUpdated++;
      else report.papersAdded++;
      report.writtenPaperIds.push(paper.id);
      merged.set(paper.id, paper);
    }
    if (report.writtenPaperIds.length === 0) return report;

    const summary = await this.rebuild([...merged.values()], options);
    report.conceptsCreated = summary.conceptsCreated;
    report.repositoriesCreated = summary.repositoriesCreated;
    return report;
  }

  /** Removes a paper and the concepts only it mentioned; false when there was no such paper. */
  async deletePaper(id: string): Promise<boolean> {
    const papers = await this.store.allPapers();
    if (!papers.some((p) => p.id === id)) return false;
    await this.rebuild(
      papers.filter((p) => p.id !== id).map(({ links: _links, ...p }) => p),
      {},
    );
    return true;
  }

  private async rebuild(papers: PaperSource[], options: IngestOptions) {
    const extractions = new Map<string, PaperExtraction>();
    const report = throttle(options.onProgress);
    papers.forEach((paper, i) => {
      let extraction = this.cache.get(paper.contentHash);
      if (!extraction) {
        extraction = extractPaper(paper);
        this.cache.set(paper.contentHash, extraction);
      }
      extractions.set(paper.id, extraction);
      report({ stage: 'extract', done: i + 1, total: papers.length });
    });
    const graph = buildGraph(papers, extractions);
    if (options.dryRun) {
      const [concepts, repos] = await Promise.all([
        this.store.conceptsByIds(graph.concepts.map((c) => c.id)),
        this.store.repositoriesByIds(graph.repositories.map((r) => r.id)),
      ]);
      return {
        conceptsCreated: concepts.filter((c) => c === null).length,
        repositoriesCreated: repos.filter((r) => r === null).length,
      };
    }
    options.onProgress?.({ stage: 'write', papers: graph.papers.length });
    return this.store.replaceGraph(graph);
  }
}

/** Two inputs of one ingest resolve to the same paper id. */
export class DuplicatePaperError extends Error {
  override readonly name = 'DuplicatePaperError';
  constructor(readonly paperId: string) {
    super(`two papers in one ingest have the id "${paperId}"`);
  }
}

/** Passes extract progress on at most every 1% (and always the last event). */
function throttle(onProgress: IngestOptions['onProgress']): (event: IngestProgress) => void {
  if (!onProgress) return () => {};
  let last = -1;
  return (event) => {
    if (event.stage !== 'extract') return onProgress(event);
    const step = Math.floor((event.done * 100) / event.total);
    if (step !== last || event.done === event.total) {
      last = step;
      onProgress(event);
    }
  };
}
