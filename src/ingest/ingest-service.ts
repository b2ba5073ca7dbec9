import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { GraphData } from '../model.js';
import { canonicalGraph } from '../store/canonical.js';
import type { GraphStore } from '../store/graph-store.js';
import { buildGraph, type PaperSource } from './build-graph.js';
import { extractPaper, type PaperExtraction } from './extract/index.js';
import { buildDelta, INCREMENTAL, type IncrementalPolicy } from './incremental.js';
import { ExtractionPool } from './workers/extract-pool.js';
import type { ExtractionCacheFile } from './workers/extraction-cache.js';

export interface IngestReport {
  papersAdded: number;
  papersUpdated: number;
  papersUnchanged: number;
  conceptsCreated: number;
  repositoriesCreated: number;
  /** Ids of the papers added or updated, in input order. */
  writtenPaperIds: string[];
  /**
   * True when no paper changed but the stored graph was not the one the papers give (a write
   * that died midway, in this process or another) and was written again.
   */
  repaired?: boolean;
  /**
   * How the graph was written: `rebuild` derives it from every paper; `incremental` adds the
   * new papers' records to the stored graph (see src/ingest/incremental.ts). Absent when nothing
   * was written.
   */
  mode?: 'rebuild' | 'incremental';
}

export type IngestProgress =
  | { stage: 'extract'; done: number; total: number }
  /** Consolidation, co-occurrence and ranking of the whole corpus (main thread). */
  | { stage: 'build'; papers: number }
  | { stage: 'write'; papers: number };

export interface IngestOptions {
  dryRun?: boolean;
  onProgress?: (event: IngestProgress) => void;
  /**
   * When no paper changed, rebuild the graph anyway and compare it with the stored one, writing
   * it when they differ. Finds a store left half-written by a process that was killed; costs
   * one extraction of every paper. The `ingest` command sets it.
   */
  verify?: boolean;
  /**
   * Extract on this many worker threads (true: one per core) when at least
   * WORKER_MIN_PAPERS papers need extracting; false or absent: on the calling thread.
   * The result is the same either way. The `ingest` command turns it on.
   */
  workers?: boolean | number;
  /** Rebuild the graph from every paper even when the ingest could be incremental. */
  rebuild?: boolean;
}

export interface IngestServiceSettings {
  /**
   * Extractions kept on disk between processes (the `ingest` command keeps them beside the
   * store's data), so a run that adds papers to a stored corpus extracts only the new ones.
   */
  extractionCache?: ExtractionCacheFile;
  /** When an ingest that only adds papers is incremental (default INCREMENTAL); false: never. */
  incremental?: IncrementalPolicy | false;
}

/** Fewer papers than this are extracted on the calling thread even with `workers` on. */
export const WORKER_MIN_PAPERS = 200;

/** Papers looked up per store call when checking which are stored. */
const HASH_LOOKUP_CHUNK = 1000;

/** Extraction hands the event loop back this often, so a server keeps answering during an ingest. */
const EXTRACT_SLICE_MS = 20;

/**
 * Upserts papers and rebuilds the derived graph (concepts, co-occurrence, hierarchy) so it
 * stays consistent with the whole corpus. Unchanged papers (same content hash) are reported
 * as such and, when nothing changed, the store is not written at all.
 *
 * Ingests and deletions run one at a time, in the order they were asked for: each reads the
 * stored papers, merges its own and writes the result, so two concurrent calls never lose
 * each other's papers.
 *
 * Note: per-paper extraction results are cached by content hash, so re-ingesting only pays
 * for the papers that are new or changed; after every rebuild the cache keeps only the
 * current papers' entries.
 */
export class IngestService {
  private readonly cache = new Map<string, PaperExtraction>();
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * A write of this instance failed midway: the store may hold part of it, so the next ingest
   * writes the whole graph again even when no paper changed.
   */
  private incomplete = false;

  /** Whether the persistent cache (if any) was read into `cache` yet. */
  private cacheLoaded = false;

  constructor(
    private readonly store: GraphStore,
    private readonly settings: IngestServiceSettings = {},
  ) {}

  /** Reads the persistent extraction cache once, before the first ingest needs it. */
  private async loadCache(): Promise<void> {
    if (this.cacheLoaded || !this.settings.extractionCache) return;
    this.cacheLoaded = true;
    for (const [hash, extraction] of await this.settings.extractionCache.load()) {
      if (!this.cache.has(hash)) this.cache.set(hash, extraction);
    }
  }

  /** Saves new extractions to the persistent cache; a failure there only costs the next run time. */
  private async saveCache(): Promise<void> {
    if (!this.settings.extractionCache) return;
    try {
      await this.settings.extractionCache.save(this.cache);
    } catch {
      // the cache is an optimisation: the graph is written, the next run extracts again
    }
  }

  /** The extraction of a text (by content hash) the last ingest used, if it is still cached. */
  cachedExtraction(contentHash: string): PaperExtraction | undefined {
    return this.cache.get(contentHash);
  }

  ingest(papers: readonly PaperSource[], options: IngestOptions = {}): Promise<IngestReport> {
    return this.exclusive(() => this.ingestNow(papers, options));
  }

  /**
   * `ingest` for papers that arrive in batches (a file being streamed): each batch is handed to
   * the extraction workers as soon as it is read, so reading and extraction overlap; the graph
   * is built and written once the last batch is in. Same result as `ingest` of all the papers.
   */
  ingestBatches(batches: AsyncIterable<readonly PaperSource[]>, options: IngestOptions = {}): Promise<IngestReport> {
    return this.exclusive(() => this.ingestStreamNow(batches, options));
  }

  /** Removes a paper and the concepts only it mentioned; false when there was no such paper. */
  deletePaper(id: string): Promise<boolean> {
    return this.exclusive(async () => {
      const papers = await this.store.allPapers();
      if (!papers.some((p) => p.id === id)) return false;
      await this.write(await this.build(papers.filter((p) => p.id !== id).map(withoutLinks), {}), {});
      return true;
    });
  }

  /** Resolves once every ingest and deletion asked for so far has finished (for shutdown). */
  async idle(): Promise<void> {
    let last: Promise<unknown>;
    do {
      last = this.queue;
      await last.catch(() => undefined);
    } while (last !== this.queue);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ingestNow(papers: readonly PaperSource[], options: IngestOptions): Promise<IngestReport> {
    const seen = new Set<string>();
    for (const p of papers) {
      if (seen.has(p.id)) throw new DuplicatePaperError(p.id);
      seen.add(p.id);
    }
    return this.ingestChecked(papers, options);
  }

  private async ingestStreamNow(batches: AsyncIterable<readonly PaperSource[]>, options: IngestOptions): Promise<IngestReport> {
    const seen = new Set<string>();
    /** Papers read and not committed yet. */
    let papers: PaperSource[] = [];
    const totals = await this.store.stats();
    // Into a large stored corpus new papers are committed incrementally in groups as they are
    // read (see STREAM_GROUP_MAX), so memory follows the group, not the file; that path never
    // reads the whole extraction cache.
    let grouped = this.mayBeIncremental(totals.papers, options) && !options.dryRun;
    let storedPapers = totals.papers;
    if (!grouped) await this.loadCache();
    const parts: IngestReport[] = [];
    let unchanged = 0;
    const threads = threadCount(options.workers);
    let pool: ExtractionPool | null = null;
    const pending: Promise<void>[] = [];
    let done = 0;
    let queued = 0;
    let awaited = 0;
    const report = throttle(options.onProgress);
    try {
      for await (const batch of batches) {
        const todo: PaperSource[] = [];
        for (const p of batch) {
          if (seen.has(p.id)) throw new DuplicatePaperError(p.id);
          seen.add(p.id);
        }
        const stored = await this.storedHashes(batch.map((p) => p.id));
        for (const p of batch) {
          const hash = stored.get(p.id);
          if (hash !== undefined && hash !== p.contentHash && grouped) {
            // A stored paper changed: the rest is rebuilt at the end, with every paper read.
            grouped = false;
            await this.loadCache();
          }
          if (grouped && hash === p.contentHash) unchanged++;
          else papers.push(p);
          if (hash !== p.contentHash && !this.cache.has(p.contentHash)) todo.push(p);
        }
        if (todo.length > 0) {
          queued += todo.length;
          if (threads > 0) {
            pool ??= new ExtractionPool({ threads });
            const task = pool.extract(todo, (n) => {
              done += n;
              report({ stage: 'extract', done, total: Math.max(queued, done) });
            });
            const extracted = task.then((extractions) => {
              todo.forEach((p, i) => this.cache.set(p.contentHash, extractions[i]!));
            });
            extracted.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
            pending.push(extracted);
            // Back-pressure: read on only while the workers have at most a few batches queued, so a
            // file much bigger than memory is not read ahead of extraction (and progress shows it).
            if (pending.length - awaited > 2 * threads) await pending[awaited++];
          } else {
            for (const p of todo) {
              this.cache.set(p.contentHash, extractPaper(p));
              report({ stage: 'extract', done: ++done, total: queued });
            }
            await yieldToEventLoop();
          }
        }
        for (let size = streamGroup(this.policy() as IncrementalPolicy, storedPapers); grouped && papers.length >= size; ) {
          await Promise.all(pending);
          awaited = pending.length;
          const group = papers.slice(0, size);
          papers = papers.slice(size);
          const part = await this.ingestChecked(group, { ...options, verify: false });
          parts.push(part);
          storedPapers += part.papersAdded;
          for (const p of group) this.cache.delete(p.contentHash);
          size = streamGroup(this.policy() as IncrementalPolicy, storedPapers);
        }
      }
      await Promise.all(pending);
    } finally {
      await pool?.destroy();
    }
    const last = await this.ingestChecked(papers, parts.length > 0 ? { ...options, verify: false } : options);
    return mergeReports([...parts, last], unchanged);
  }

  /** Ingests papers whose ids are known to be unique. */
  private async ingestChecked(papers: readonly PaperSource[], options: IngestOptions): Promise<IngestReport> {
    const report: IngestReport = {
      papersAdded: 0,
      papersUpdated: 0,
      papersUnchanged: 0,
      conceptsCreated: 0,
      repositoriesCreated: 0,
      writtenPaperIds: [],
    };
    const totals = await this.store.stats();
    if (this.mayBeIncremental(totals.papers, options)) {
      const stored = await this.storedHashes(papers.map((p) => p.id));
      const added = papers.filter((p) => !stored.has(p.id));
      const updates = papers.some((p) => stored.has(p.id) && stored.get(p.id) !== p.contentHash);
      const policy = this.policy() as IncrementalPolicy;
      if (!updates && added.length > 0 && added.length <= policy.maxShare * totals.papers) {
        report.papersAdded = added.length;
        report.papersUnchanged = papers.length - added.length;
        report.writtenPaperIds = added.map((p) => p.id);
        return this.ingestIncremental(added, totals, report, options);
      }
    }
    await this.loadCache();
    const existing = new Map((await this.store.allPapers()).map((p) => [p.id, p]));
    const merged = new Map<string, PaperSource>([...existing].map(([id, p]) => [id, withoutLinks(p)]));
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
    const changed = report.writtenPaperIds.length > 0;
    if (!changed && !this.incomplete && !options.verify) return report;

    const graph = await this.build([...merged.values()], options);
    if (!changed) {
      if (!this.incomplete && sameGraph(await this.store.exportGraph(), graph)) return report;
      report.repaired = true;
    }
    const summary = await this.write(graph, options);
    if (!options.dryRun) await this.saveCache();
    report.conceptsCreated = summary.conceptsCreated;
    report.repositoriesCreated = summary.repositoriesCreated;
    report.mode = 'rebuild';
    return report;
  }

  /** Adds papers, none of them stored, to a stored graph without rebuilding it (see incremental.ts). */
  private async ingestIncremental(
    added: readonly PaperSource[],
    totals: { papers: number; concepts: number },
    report: IngestReport,
    options: IngestOptions,
  ): Promise<IngestReport> {
    const extractions = await this.extractAll(added, options);
    const fresh = new Map(added.map((p) => [p.contentHash, extractions.get(p.id) as PaperExtraction]));
    options.onProgress?.({ stage: 'build', papers: added.length });
    const communities = (await this.store.listCommunities({ first: 1, after: null })).totalCount;
    const delta = await buildDelta(this.store, added, extractions, { ...totals, communities });
    let summary;
    if (options.dryRun) {
      const concepts = await this.store.conceptsByIds(delta.concepts.map((c) => c.id));
      const repos = await this.store.repositoriesByIds(delta.repositories.map((r) => r.id));
      summary = { conceptsCreated: concepts.filter((c) => c === null).length, repositoriesCreated: repos.filter((r) => r === null).length };
    } else {
      options.onProgress?.({ stage: 'write', papers: added.length });
      try {
        summary = await this.store.applyDelta(delta);
      } catch (error) {
        this.incomplete = true;
        throw new IngestWriteError(added.length, error);
      }
      try {
        await this.settings.extractionCache?.append(fresh);
      } catch {
        // the cache is an optimisation: the graph is written, a later rebuild extracts again
      }
    }
    report.conceptsCreated = summary.conceptsCreated;
    report.repositoriesCreated = summary.repositoriesCreated;
    report.mode = 'incremental';
    return report;
  }

  private policy(): IncrementalPolicy | false {
    return this.settings.incremental === undefined ? INCREMENTAL : this.settings.incremental;
  }

  /**
   * Whether an ingest into a store of `storedPapers` papers may be incremental: the policy allows
   * it, the caller did not ask for a rebuild, and no earlier write of this instance failed midway.
   */
  private mayBeIncremental(storedPapers: number, options: IngestOptions): boolean {
    const policy = this.policy();
    return policy !== false && !options.rebuild && !this.incomplete && storedPapers >= policy.minPapers;
  }

  /** Content hashes of the stored papers among `ids`. */
  private async storedHashes(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += HASH_LOOKUP_CHUNK) {
      const found = await this.store.papersByIds(ids.slice(i, i + HASH_LOOKUP_CHUNK));
      for (const p of found) if (p) out.set(p.id, p.contentHash);
    }
    return out;
  }

  /** Extracts every paper (from the cache when unchanged) and derives the graph. */
  private async build(papers: PaperSource[], options: IngestOptions): Promise<GraphData> {
    const extractions = await this.extractAll(papers, options);
    const current = new Set(papers.map((p) => p.contentHash));
    for (const hash of this.cache.keys()) if (!current.has(hash)) this.cache.delete(hash);
    options.onProgress?.({ stage: 'build', papers: papers.length });
    return buildGraph(papers, extractions);
  }

  /**
   * Each paper's extraction by paper id: from the cache, else extracted (on worker threads when
   * there are enough) and cached.
   */
  private async extractAll(papers: readonly PaperSource[], options: IngestOptions): Promise<Map<string, PaperExtraction>> {
    const extractions = new Map<string, PaperExtraction>();
    const report = throttle(options.onProgress);
    const threads = threadCount(options.workers);
    const missing = papers.filter((p) => !this.cache.has(p.contentHash));
    if (threads > 0 && missing.length >= WORKER_MIN_PAPERS) {
      // Unique by hash: two papers with one text are extracted once.
      const todo = [...new Map(missing.map((p) => [p.contentHash, p])).values()];
      const pool = new ExtractionPool({ threads });
      const cached = papers.length - missing.length;
      let done = 0;
      try {
        const results = await pool.extract(todo, (n) => {
          done += n;
          report({ stage: 'extract', done: cached + done, total: cached + todo.length });
        });
        todo.forEach((p, i) => this.cache.set(p.contentHash, results[i]!));
      } finally {
        await pool.destroy();
      }
    }
    let slice = performance.now();
    for (const [i, paper] of papers.entries()) {
      let extraction = this.cache.get(paper.contentHash);
      if (!extraction) {
        extraction = extractPaper(paper);
        this.cache.set(paper.contentHash, extraction);
      }
      extractions.set(paper.id, extraction);
      report({ stage: 'extract', done: i + 1, total: papers.length });
      if (performance.now() - slice > EXTRACT_SLICE_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
    }
    return extractions;
  }

  /** Writes the graph (or, on a dry run, counts what it would create). */
  private async write(graph: GraphData, options: IngestOptions) {
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
    try {
      const summary = await this.store.replaceGraph(graph);
      this.incomplete = false;
      return summary;
    } catch (error) {
      this.incomplete = true;
      throw new IngestWriteError(graph.papers.length, error);
    }
  }

  /** Entries in the extraction cache (bounded by the number of stored papers). */
  get cachedExtractions(): number {
    return this.cache.size;
  }
}

/**
 * Whether two graphs hold the same records, whatever their order or key order. Record by record
 * (as JSON would give them): the whole graph as one JSON text is more than a string may hold at
 * 100,000 papers.
 */
export function sameGraph(a: GraphData, b: GraphData): boolean {
  const [ca, cb] = [canonicalGraph(a), canonicalGraph(b)];
  const plain = (record: unknown) => JSON.parse(JSON.stringify(record)) as unknown;
  for (const key of Object.keys(ca) as (keyof GraphData)[]) {
    const [left, right] = [ca[key] as readonly unknown[], cb[key] as readonly unknown[]];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!isDeepStrictEqual(plain(left[i]), plain(right[i]))) return false;
  }
  return true;
}

function withoutLinks({ links: _links, ...paper }: PaperSource & { links?: unknown }): PaperSource {
  return paper;
}

/** Two inputs of one ingest resolve to the same paper id. */
export class DuplicatePaperError extends Error {
  override readonly name = 'DuplicatePaperError';
  constructor(readonly paperId: string) {
    super(`two papers in one ingest have the id "${paperId}"`);
  }
}

/**
 * Writing an ingest's graph failed. None of its papers count as written: the store holds the
 * previous graph (embedded store) or a mix the next ingest replaces whole (Neo4j), and running
 * the same ingest again completes it without duplicates.
 */
export class IngestWriteError extends Error {
  override readonly name = 'IngestWriteError';
  readonly writtenPaperIds: readonly string[] = [];
  constructor(papers: number, cause: unknown) {
    super(`writing the graph of ${papers} papers failed, nothing of it is committed; run the same ingest again: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
  }
}

/**
 * Papers a streamed ingest into a large corpus commits at a time: at most the policy's share of
 * the stored corpus (so each group is incremental), and at most STREAM_GROUP_MAX.
 */
export const STREAM_GROUP_MAX = 5000;

function streamGroup(policy: IncrementalPolicy, storedPapers: number): number {
  return Math.max(1, Math.min(STREAM_GROUP_MAX, Math.floor(policy.maxShare * storedPapers)));
}

/** One report for an ingest committed in parts; `unchanged` papers were counted outside them. */
function mergeReports(parts: readonly IngestReport[], unchanged: number): IngestReport {
  const out: IngestReport = {
    papersAdded: 0,
    papersUpdated: 0,
    papersUnchanged: unchanged,
    conceptsCreated: 0,
    repositoriesCreated: 0,
    writtenPaperIds: [],
  };
  for (const p of parts) {
    out.papersAdded += p.papersAdded;
    out.papersUpdated += p.papersUpdated;
    out.papersUnchanged += p.papersUnchanged;
    out.conceptsCreated += p.conceptsCreated;
    out.repositoriesCreated += p.repositoriesCreated;
    out.writtenPaperIds.push(...p.writtenPaperIds);
    if (p.repaired) out.repaired = true;
    if (p.mode === 'rebuild' || (p.mode === 'incremental' && out.mode === undefined)) out.mode = p.mode;
  }
  return out;
}

/** Worker threads asked for by `workers` (0: extract on the calling thread). */
function threadCount(workers: IngestOptions['workers']): number {
  if (workers === undefined || workers === false) return 0;
  if (workers === true) return availableParallelism();
  return Math.max(0, Math.floor(workers));
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
