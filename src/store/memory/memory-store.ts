import { stat } from 'node:fs/promises';
import type { ConceptRecord, GraphData, PaperRecord, RelatedRecord, RepositoryRecord } from '../../model.js';
import type {
  CommunityRecord,
  ConceptFilter,
  ConceptOrder,
  ConceptPair,
  GraphEdge,
  GraphNode,
  GraphPath,
  GraphStats,
  GraphStore,
  ListPage,
  ListRequest,
  NeighbourhoodOptions,
  PairPapers,
  PaperFilter,
  PaperOrder,
  RelatedConcept,
  ReplaceSummary,
  SearchHit,
  SimilarPaper,
  SortKey,
  Subgraph,
} from '../graph-store.js';
import { preferConcept } from '../lookup.js';
import {
  compareEdges,
  expandNeighbourhood,
  kShortestPaths,
  rankByCount,
  rankByIdfCount,
  rankPairPapers,
  rankPapersByMentions,
  rankSimilar,
  shortestPath,
  SIMILAR_LONG_LIST,
  TopHits,
  TopScores,
  type MentionRow,
  type SimilarCandidate,
} from '../algorithms.js';
import { canonicalGraph } from '../canonical.js';
import { compareIds, conceptIdf } from '../ordering.js';
import * as paging from '../paging.js';
import { maxPhraseBonus, paperScoreOfHits, parseSearchQuery, scoreConcept, scoreRepository, type SearchQuery } from '../search-scoring.js';
import { checkDelta } from '../delta.js';
import { applyDeltaToIndex, buildIndex, completeIndex, searchWithoutPapers, CONCEPT_PAPERS_CACHE, graphOfIndex, type GraphIndex } from './graph-index.js';
import { DeltaJournal } from './journal.js';
import type { MentionEnds } from './mention-ends.js';
import { deriveInWorker, derivationsMatch, relatedFromSnapshot, useLoadWorker, type NodeDerivations } from './node-derivations.js';
import { plainGraph, plainMention } from './packed-mention.js';
import type { RelatedColumns } from './related-lists.js';
import { corrupt, readSnapshotFile, removeStaleTempFiles, snapshotPath, writeSnapshot } from './snapshot.js';

export interface MemoryStoreOptions {
  /** Folder of the snapshot file; null keeps everything in memory only. */
  dataDir: string | null;
  /** Hears about saved data that start-up ignored (a torn last journal record); default: a process warning. */
  warn?: (message: string) => void;
  /**
   * Whether a snapshot load makes the search postings, the lookup keys and the RELATED_TO lists
   * on a worker thread while it reads the rest (see node-derivations.ts). Default: for snapshots
   * of 32 MB and more, given a second core and a built worker (`npm run build`).
   */
  loadWorker?: boolean;
}

/** A journal this much bigger than its snapshot (and at least {@link JOURNAL_MIN_FOLD_BYTES}) is folded into a new snapshot. */
const JOURNAL_FOLD_RATIO = 1;
const JOURNAL_MIN_FOLD_BYTES = 1 << 20;

/**
 * The embedded store: the whole graph as plain records in lookup indexes, built after every
 * load or replacement and updated in place by deltas. Persisted as a snapshot file written
 * atomically, plus a journal of the deltas applied since (see journal.ts).
 */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  /**
   * The stored graph as given to the last replacement (or load), or as last rebuilt from the
   * index; null after a delta, until it is needed again (see {@link graph}).
   */
  private data: GraphData | null = EMPTY_GRAPH;
  private index: GraphIndex = buildIndex(EMPTY_GRAPH);
  private initialised = false;
  /** Writes (replacements and deltas) run one at a time; this is the last one asked for. */
  private replacing: Promise<unknown> = Promise.resolve();
  /** The id of the snapshot on disk (null: none yet, or one written before ids). */
  private snapshotId: string | null = null;
  private snapshotBytes = 0;
  /** Whether the last load took the load worker's part (see node-derivations.ts) from it. */
  loadedWithWorker = false;
  private readonly journal: DeltaJournal | null;
  /** Scores by paper ordinal for similarPapers (zero between calls). */
  private similarScratch = new Float64Array(0);
  /** Similar papers: idfs by concept ordinal (two halves, see similarPapers). */
  private conceptScratch = new Float64Array(0);

  constructor(private readonly options: MemoryStoreOptions) {
    this.journal = options.dataDir ? new DeltaJournal(options.dataDir) : null;
  }

  async init(): Promise<void> {
    if (this.initialised) return;
    const dataDir = this.options.dataDir;
    if (dataDir && this.journal) {
      await removeStaleTempFiles(dataDir);
      await this.loadSnapshot(dataDir);
      const deltas = await this.journal.read(this.snapshotId, this.warn);
      deltas.forEach((delta, i) => {
        try {
          checkDelta(delta, this.storedNodes());
        } catch (error) {
          throw this.journal!.corrupt(`has a delta (record ${i + 1}) that does not apply to the snapshot (${(error as Error).message})`);
        }
        applyDeltaToIndex(this.index, delta);
        this.data = null;
      });
    }
    // The index holds the graph; the records as loaded are rebuilt from it when needed (an
    // export, a snapshot), rather than kept beside it (a quarter of the memory at 100,000 papers).
    this.data = null;
    this.initialised = true;
  }

  /**
   * Loads the snapshot in `dataDir`, if any. A big one is read on two threads: a worker makes
   * the search postings, the lookup keys and the RELATED_TO lists (see node-derivations.ts) while
   * this thread reads and indexes the rest; when the worker fails, this thread does its part.
   */
  private async loadSnapshot(dataDir: string): Promise<void> {
    let workerFailure: Error | null = null;
    const deriving = (await useLoadWorker(dataDir, this.options.loadWorker))
      ? deriveInWorker(dataDir).catch((error: Error) => ((workerFailure = error), null))
      : null;
    let snapshot = await readSnapshotFile(dataDir, true, deriving !== null);
    if (!snapshot) return;
    if (snapshot.relatedSkipped > 0 && ((snapshot.related?.sources.length ?? 0) > 0 || snapshot.graph.related.length > 0)) {
      // RELATED_TO both as columns and as records (no version writes that): all read here.
      snapshot = (await readSnapshotFile(dataDir, true))!;
    }
    const { papers, concepts } = snapshot.graph;
    try {
      this.load(snapshot.graph, snapshot.related ?? undefined, snapshot.mentionEnds ?? undefined, deriving !== null);
    } catch (error) {
      throw corrupt(dataDir, `does not hold a consistent graph (${(error as Error).message})`);
    }
    if (deriving) {
      // The search index's concepts meanwhile (the worker usually ends after this thread's part).
      const search = searchWithoutPapers(this.index);
      let derived = await deriving;
      // (After the whole file was read here, the worker's RELATED_TO lists are not wanted.)
      const relatedMatch = (d: NodeDerivations) => snapshot.relatedSkipped === 0 || d.related.count === snapshot.relatedSkipped;
      if (derived && !(derivationsMatch(derived, papers, concepts) && relatedMatch(derived))) {
        workerFailure = new Error('it read other records than the load');
        derived = null;
      }
      if (workerFailure) this.warn(`the load worker failed, so the load did its part (${(workerFailure as Error).message})`);
      completeIndex(this.index, derived, search);
      if (snapshot.relatedSkipped > 0) {
        // (This thread's reading checks the chunks as the worker's does: a damaged one fails the load.)
        const related = derived ? derived.related : await relatedFromSnapshot(dataDir, concepts.length);
        this.index.related.adopt(related.layout);
      }
      this.loadedWithWorker = derived !== null;
    }
    this.snapshotId = snapshot.id;
    this.snapshotBytes = await fileSize(snapshotPath(dataDir));
  }

  private get warn(): (message: string) => void {
    return this.options.warn ?? ((message) => process.emitWarning(message));
  }

  async ping(): Promise<void> {
    if (!this.initialised) throw new Error('embedded store is not initialised');
  }

  /** Waits for a snapshot being written to be on disk. */
  async close(): Promise<void> {
    await this.replacing;
  }

  async allPapers(): Promise<PaperRecord[]> {
    return [...this.index.papers.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  replaceGraph(data: GraphData): Promise<ReplaceSummary> {
    const run = this.replacing.then(() => this.replaceNow(data));
    this.replacing = run.catch(() => undefined);
    return run;
  }

  /**
   * Builds the new graph (refusing data that does not form one before anything is written),
   * writes the snapshot, and only then serves the new graph: a failure at any step leaves the
   * file and the served graph as they were.
   */
  private async replaceNow(data: GraphData): Promise<ReplaceSummary> {
    const before = { data: this.data, index: this.index };
    const summary: ReplaceSummary = {
      conceptsCreated: data.concepts.filter((c) => !before.index.concepts.has(c.id)).length,
      repositoriesCreated: data.repositories.filter((r) => !before.index.repositories.has(r.id)).length,
    };
    this.load(data);
    const after = { data: this.data, index: this.index };
    // Note: synchronous with the load above, so no reader sees the new graph before it is saved.
    this.data = before.data;
    this.index = before.index;
    if (this.options.dataDir) await this.writeFullSnapshot(this.options.dataDir, after.data!);
    this.data = this.options.dataDir ? null : after.data;
    this.index = after.index;
    return summary;
  }

  /** Writes `graph` as the snapshot, which makes the delta journal redundant: it is removed. */
  private async writeFullSnapshot(dataDir: string, graph: GraphData): Promise<void> {
    const written = await writeSnapshot(dataDir, graph);
    this.snapshotId = written.id;
    this.snapshotBytes = written.bytes;
    // Note: a journal left behind (a crash or a failure here) names the old snapshot, so start-up ignores it.
    await this.journal!.remove().catch((error: Error) => this.warn(`${this.journal!.path} could not be removed: ${error.message}`));
  }

  applyDelta(delta: GraphData): Promise<ReplaceSummary> {
    const run = this.replacing.then(() => this.applyNow(delta));
    this.replacing = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks the delta against the stored graph, appends it to the journal (flushed to disk), and
   * only then applies it to the index, in one synchronous step, so no reader sees part of it.
   * A refused delta or a failed write leaves the files and the served graph as they were. The
   * cost follows the delta (see applyDeltaToIndex), except that a journal grown bigger than the
   * snapshot is folded into a new snapshot, which keeps start-up replay short (amortised, a
   * constant factor on the bytes journaled).
   */
  private async applyNow(delta: GraphData): Promise<ReplaceSummary> {
    checkDelta(delta, this.storedNodes());
    const summary: ReplaceSummary = {
      conceptsCreated: delta.concepts.filter((c) => !this.index.concepts.has(c.id)).length,
      repositoriesCreated: delta.repositories.filter((r) => !this.index.repositories.has(r.id)).length,
    };
    const dataDir = this.options.dataDir;
    if (dataDir) {
      // The journal names the snapshot it extends; one without an id (written by an older version, or none yet) is rewritten once.
      if (this.snapshotId === null) await this.writeFullSnapshot(dataDir, this.graph());
      await this.journal!.append(this.snapshotId!, delta);
    }
    applyDeltaToIndex(this.index, delta);
    this.data = null;
    if (dataDir && this.journal!.bytes > Math.max(JOURNAL_MIN_FOLD_BYTES, JOURNAL_FOLD_RATIO * this.snapshotBytes)) {
      try {
        await this.writeFullSnapshot(dataDir, this.graph());
      } catch (error) {
        // The delta is safe in the journal; the next delta tries again.
        this.warn(`the delta journal could not be folded into a new snapshot: ${(error as Error).message}`);
      }
    }
    return summary;
  }

  private storedNodes() {
    const index = this.index;
    return {
      paper: (id: string) => index.papers.has(id),
      concept: (id: string) => index.concepts.has(id),
      repository: (id: string) => index.repositories.has(id),
    };
  }

  /** The stored graph as plain data (lists in no particular order). */
  private graph(): GraphData {
    this.data ??= graphOfIndex(this.index);
    return this.data;
  }

  /** The stored graph as plain data, in canonical order (mentions as plain records, their spans as objects). */
  async exportGraph(): Promise<GraphData> {
    return canonicalGraph(plainGraph(this.graph()));
  }

  /**
   * Checks that `data` forms a graph (unique node ids, every edge between nodes it holds) and
   * indexes it, with the RELATED_TO records of `related` (by concept position, checked as read);
   * throws, changing nothing, when it does not. `mentionEnds`, the positions of the mentions'
   * nodes (checked as read), says every mention names nodes the graph holds.
   */
  private load(data: GraphData, related?: RelatedColumns, mentionEnds?: MentionEnds, lookupLater = false): void {
    const ids = (label: string, records: readonly { id: string }[]) => {
      const set = new Set<string>();
      for (const { id } of records) {
        if (set.has(id)) throw new Error(`two ${label} nodes have the id "${id}"`);
        set.add(id);
      }
      return set;
    };
    const papers = ids('paper', data.papers);
    const concepts = ids('concept', data.concepts);
    const repositories = ids('repository', data.repositories);
    const edges = <E>(kind: string, list: readonly E[], ends: (e: E) => [string, Set<string>, string, Set<string>]) => {
      for (const e of list) {
        const [from, fromSet, to, toSet] = ends(e);
        if (!fromSet.has(from) || !toSet.has(to)) throw new Error(`${kind} edge ${from} -> ${to} refers to a node the graph does not contain`);
      }
    };
    if (!mentionEnds) edges('MENTIONS', data.mentions, (m) => [m.paperId, papers, m.conceptId, concepts]);
    edges('HAS_CODE', data.hasCode, (h) => [h.paperId, papers, h.repositoryId, repositories]);
    edges('RELATED_TO', data.related, (r) => [r.source, concepts, r.target, concepts]);
    edges('BROADER', data.broader, (b) => [b.narrower, concepts, b.broader, concepts]);
    const index = buildIndex(data, related, mentionEnds, lookupLater);
    this.data = data;
    this.index = index;
  }

  // ---- point and batch reads ----------------------------------------------------------

  async papersByIds(ids: readonly string[]) {
    return ids.map((id) => this.index.papers.get(id) ?? null);
  }

  async conceptsByIds(ids: readonly string[]) {
    return ids.map((id) => this.index.concepts.get(id) ?? null);
  }

  async repositoriesByIds(ids: readonly string[]) {
    return ids.map((id) => this.index.repositories.get(id) ?? null);
  }

  async conceptByLookupKeys(keys: readonly string[]): Promise<ConceptRecord | null> {
    for (const key of keys) {
      const found = this.index.lookup.get(key);
      if (found && found.length > 0) return found.reduce(preferConcept);
    }
    return null;
  }

  async conceptsByLookupKeys(keyLists: readonly (readonly string[])[]): Promise<(ConceptRecord | null)[]> {
    return Promise.all(keyLists.map((keys) => this.conceptByLookupKeys(keys)));
  }

  async communitiesByIds(ids: readonly number[]): Promise<(CommunityRecord | null)[]> {
    return ids.map((id) => {
      const members = this.index.communities.get(id);
      return members ? { id, size: members.length } : null;
    });
  }

  /** A paper's mentions as plain records: the stored ones keep their spans packed. */
  async mentionsOfPapers(paperIds: readonly string[]) {
    return paperIds.map((id) => (this.index.mentionsByPaper.get(id) ?? []).map(plainMention));
  }

  async repositoriesOfPapers(paperIds: readonly string[]) {
    return paperIds.map((id) => this.index.reposByPaper.get(id) ?? []);
  }

  async relatedOfConcepts(conceptIds: readonly string[], first: number, minShared = 1): Promise<RelatedConcept[][]> {
    // Each list is by weight: its first `first` entries sharing enough papers, without a pass over a hub's thousands.
    return conceptIds.map((id) => {
      const out: RelatedConcept[] = [];
      const related = this.index.related;
      const list = related.get(id);
      for (let i = 0; i < (list?.length ?? 0) && out.length < first; i++) {
        const sharedPapers = list!.sharedAt(i);
        if (sharedPapers >= minShared) out.push({ concept: this.concept(related.idOf(list!.otherAt(i))), sharedPapers, weight: list!.weightAt(i) });
      }
      return out;
    });
  }

  async relatedOfPairs(pairs: readonly ConceptPair[]): Promise<(RelatedRecord | null)[]> {
    return pairs.map(({ a, b }) => {
      if (a === b) return null;
      // Read from the shorter list, as it is (sorting is not needed to find one entry).
      const related = this.index.related;
      const [from, to] = related.lengthOf(a) <= related.lengthOf(b) ? [a, b] : [b, a];
      const list = related.peek(from);
      const other = related.ordinalOf(to);
      let entry: { sharedPapers: number; weight: number } | null = null;
      for (let i = 0; i < (list?.length ?? 0); i++) {
        if (list!.otherAt(i) !== other) continue;
        const r = { sharedPapers: list!.sharedAt(i), weight: list!.weightAt(i) };
        // With a pair stored twice, the one a related list ranks first wins.
        if (!entry || r.weight > entry.weight || (r.weight === entry.weight && r.sharedPapers > entry.sharedPapers)) entry = r;
      }
      if (!entry) return null;
      const [source, target] = compareIds(a, b) < 0 ? [a, b] : [b, a];
      return { source, target, sharedPapers: entry.sharedPapers, weight: entry.weight };
    });
  }

  async broaderOfConcepts(conceptIds: readonly string[]) {
    return conceptIds.map((id) => (this.index.broader.get(id) ?? []).map((c) => this.concept(c)));
  }

  async narrowerOfConcepts(conceptIds: readonly string[]) {
    return conceptIds.map((id) => (this.index.narrower.get(id) ?? []).map((c) => this.concept(c)));
  }

  async repositoriesOfConcepts(conceptIds: readonly string[]) {
    return conceptIds.map((id) => {
      const papers = (this.index.mentionsByConcept.get(id) ?? []).map((m) => m.paperId);
      return rankByCount(papers.flatMap((p) => this.index.reposByPaper.get(p) ?? []));
    });
  }

  async papersOfRepositories(repositoryIds: readonly string[]) {
    return repositoryIds.map((id) => (this.index.papersByRepo.get(id) ?? []).map((p) => this.paper(p)));
  }

  async conceptsOfRepositories(repositoryIds: readonly string[]) {
    return repositoryIds.map((id) => {
      const papers = this.index.papersByRepo.get(id) ?? [];
      return rankByIdfCount(
        papers.flatMap((p) => (this.index.mentionsByPaper.get(p) ?? []).map((m) => this.concept(m.conceptId))),
        this.index.papers.size,
      );
    });
  }

  async conceptsOfCommunities(communityIds: readonly number[], first: number): Promise<ConceptRecord[][]> {
    return communityIds.map((id) => (this.index.communities.get(id) ?? []).slice(0, first));
  }

  async papersOfCommunities(communityIds: readonly number[], first: number): Promise<PaperRecord[][]> {
    return communityIds.map((id) => {
      const mentions = (this.index.communities.get(id) ?? []).flatMap((c) => this.index.mentionsByConcept.get(c.id) ?? []);
      return rankPapersByMentions(mentions, first).map((p) => this.paper(p));
    });
  }

  async papersOfConceptPairs(pairs: readonly ConceptPair[], first: number): Promise<PairPapers[]> {
    return pairs.map(({ a, b }) => {
      const ofB = new Map((this.index.mentionsByConcept.get(b) ?? []).map((m) => [m.paperId, m.confidence]));
      const rows = (this.index.mentionsByConcept.get(a) ?? []).flatMap((m) => {
        const cb = a === b ? undefined : ofB.get(m.paperId);
        return cb === undefined ? [] : [{ paperId: m.paperId, a: m.confidence, b: cb }];
      });
      return { total: rows.length, papers: rankPairPapers(rows, first).map((p) => this.paper(p)) };
    });
  }

  // ---- lists ---------------------------------------------------------------------------

  async listPapers(page: ListRequest, filter: PaperFilter, order: PaperOrder): Promise<ListPage<PaperRecord>> {
    let papers = [...this.index.papers.values()];
    for (const conceptId of filter.conceptIds ?? []) {
      const ids = new Set((this.index.mentionsByConcept.get(conceptId) ?? []).map((m) => m.paperId));
      papers = papers.filter((p) => ids.has(p.id));
    }
    if (filter.hasCode !== undefined) {
      papers = papers.filter((p) => (this.index.reposByPaper.get(p.id)?.length ?? 0) > 0 === filter.hasCode);
    }
    if (filter.year !== undefined) papers = papers.filter((p) => p.year === filter.year);
    let scores: Map<string, number> | null = null;
    if (filter.search !== undefined) {
      scores = this.paperScores(filter.search);
      papers = papers.filter((p) => scores!.has(p.id));
    }
    const entries = papers.map((p) => ({ item: p, key: paging.paperKey(order, p, scores?.get(p.id)) }));
    return paging.keysetPage(entries, paging.PAPER_ORDER_KEYS[order], page);
  }

  async listConcepts(page: ListRequest, filter: ConceptFilter, order: ConceptOrder): Promise<ListPage<ConceptRecord>> {
    let concepts = [...this.index.concepts.values()];
    if (filter.minPapers !== undefined) concepts = concepts.filter((c) => c.paperCount >= filter.minPapers!);
    if (filter.community !== undefined) concepts = concepts.filter((c) => c.community === filter.community);
    if (filter.nameContains !== undefined) {
      const needle = filter.nameContains.toLowerCase();
      concepts = concepts.filter((c) => [c.name, ...c.aliases].some((n) => n.toLowerCase().includes(needle)));
    }
    const entries = concepts.map((c) => ({ item: c, key: paging.conceptKey(order, c) }));
    return paging.keysetPage(entries, paging.CONCEPT_ORDER_KEYS[order], page);
  }

  async listRepositories(page: ListRequest): Promise<ListPage<RepositoryRecord>> {
    const entries = [...this.index.repositories.values()].map((r) => ({ item: r, key: { values: [], id: r.id } }));
    return paging.keysetPage(entries, paging.ID_KEYS, page);
  }

  async listCommunities(page: ListRequest): Promise<ListPage<CommunityRecord>> {
    const entries = [...this.index.communities.entries()].map(([id, members]) => ({
      item: { id, size: members.length },
      key: { values: [id], id: String(id) },
    }));
    return paging.keysetPage(entries, paging.COMMUNITY_KEYS, page);
  }

  async papersOfConcept(conceptId: string, includeNarrower: boolean, page: ListRequest): Promise<ListPage<PaperRecord>> {
    if (!includeNarrower) {
      // A concept's mentions are kept in the page order (confidence, then paper id): when no
      // paper is in the list twice, the page is a bisection and a slice of it.
      const mentions = this.index.mentionsByConcept.get(conceptId) ?? [];
      if (!this.index.conceptsWithRepeatedPapers.has(conceptId)) {
        const keyAt = (i: number): SortKey => ({ values: [mentions[i]!.confidence], id: mentions[i]!.paperId });
        return paging.pageOfSorted(mentions.length, keyAt, (i) => this.paper(mentions[i]!.paperId), paging.CONFIDENCE_KEYS, page);
      }
    }
    return paging.sortedKeysetPage(this.papersOfConceptEntries(conceptId, includeNarrower), paging.CONFIDENCE_KEYS, page);
  }

  /**
   * The papers of a concept as keyset entries, in their list order (so the page's sort is a
   * linear pass), kept for the concepts asked for most recently.
   */
  private papersOfConceptEntries(conceptId: string, includeNarrower: boolean): { item: PaperRecord; key: SortKey }[] {
    const cacheKey = `${includeNarrower ? 'n' : 'c'}:${conceptId}`;
    const cached = this.index.conceptPapers.get(cacheKey);
    if (cached) return cached;
    const conceptIds = includeNarrower ? this.descendants(conceptId) : [conceptId];
    const best = new Map<string, number>();
    for (const cid of conceptIds) {
      for (const m of this.index.mentionsByConcept.get(cid) ?? []) {
        best.set(m.paperId, Math.max(best.get(m.paperId) ?? 0, m.confidence));
      }
    }
    const entries = [...best.entries()].map(([id, confidence]) => ({
      item: this.paper(id),
      key: { values: [confidence], id } as SortKey,
    }));
    const all = paging.keysetPage(entries, paging.CONFIDENCE_KEYS, { first: entries.length, after: null });
    const sorted = all.items.map((item, i) => ({ item, key: all.keys[i]! }));
    if (this.index.conceptPapers.size >= CONCEPT_PAPERS_CACHE) this.index.conceptPapers.clear();
    this.index.conceptPapers.set(cacheKey, sorted);
    return sorted;
  }

  /** Search scores of the papers matching `query` (only those above zero). */
  private paperScores(query: string): Map<string, number> {
    const q = parseSearchQuery(query);
    const index = this.index.search();
    const scores = new Map<string, number>();
    for (const [id, hits] of index.paperHits(q)) {
      const score = paperScoreOfHits(q, this.paper(id), hits);
      if (score > 0) scores.set(id, score);
    }
    return scores;
  }

  /** The concept and every concept below it through BROADER edges. */
  private descendants(conceptId: string): string[] {
    const seen = new Set([conceptId]);
    const queue = [conceptId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const child of this.index.narrower.get(id) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return [...seen];
  }

  // ---- traversal -----------------------------------------------------------------------

  async neighbourhood(conceptId: string, options: NeighbourhoodOptions): Promise<Subgraph> {
    if (!this.index.concepts.has(conceptId)) return { nodes: [], edges: [] };
    // Each frontier concept's list is sorted by weight: only the entries a level can still take
    // are read (its free places, plus the rest of the last one's weight, whose ties go by id), so a
    // hub with thousands of neighbours costs as much as one with fifty.
    const included = await expandNeighbourhood(conceptId, options, async (ids, bounds) => {
      const seen = new Set(bounds.seen);
      return new Map(
        ids.map((id) => {
          const taken: { other: string; weight: number }[] = [];
          const list = this.index.related.get(id);
          for (let i = 0; i < (list?.length ?? 0); i++) {
            const weight = list!.weightAt(i);
            if (weight < bounds.minWeight) break;
            if (taken.length >= bounds.places && weight !== taken[taken.length - 1]!.weight) break;
            const other = this.index.related.idOf(list!.otherAt(i));
            if (!seen.has(other)) taken.push({ other, weight });
          }
          return [id, taken];
        }),
      );
    });
    const members = new Set(included);
    const nodes = included.map((id) => this.conceptNode(id));
    const edges: GraphEdge[] = [];
    // Every RELATED_TO edge among the members is in the lists of both its ends: short lists are
    // read, shortest first, for their edges to members not read yet; a long one (a hub's,
    // thousands of entries) is searched for those members instead.
    const related = this.index.related;
    const byLength = [...included].sort((a, b) => related.lengthOf(a) - related.lengthOf(b));
    const unread = new Set(included);
    const edge = (id: string, other: string, weight: number) => {
      if (weight < options.minWeight) return;
      const [source, target] = id < other ? [id, other] : [other, id];
      edges.push({ source, target, kind: 'RELATED_TO', weight });
    };
    for (const id of byLength) {
      unread.delete(id);
      if (unread.size === 0) break;
      if (related.lengthOf(id) <= 8 * unread.size) {
        const list = related.peek(id);
        for (let i = 0; i < (list?.length ?? 0); i++) {
          const other = related.idOf(list!.otherAt(i));
          if (unread.has(other)) edge(id, other, list!.weightAt(i));
        }
      } else {
        const list = related.get(id)!;
        for (const other of unread) for (const i of related.between(id, other)) edge(id, other, list.weightAt(i));
      }
    }
    for (const id of included) {
      for (const b of this.index.broader.get(id) ?? []) {
        if (members.has(b)) edges.push({ source: id, target: b, kind: 'BROADER', weight: null });
      }
    }
    if (options.papers) {
      const mentions: MentionRow[] = included.flatMap((id) => this.index.mentionsByConcept.get(id) ?? []);
      const paperIds = rankPapersByMentions(mentions, options.limit);
      const chosen = new Set(paperIds);
      for (const id of paperIds) nodes.push({ id, kind: 'PAPER', label: this.paper(id).title });
      for (const m of mentions) {
        if (chosen.has(m.paperId)) edges.push({ source: m.paperId, target: m.conceptId, kind: 'MENTIONS', weight: m.confidence });
      }
      if (options.repositories) {
        const repos = new Map<string, RepositoryRecord>();
        for (const id of paperIds) {
          for (const r of this.index.reposByPaper.get(id) ?? []) {
            repos.set(r.id, r);
            edges.push({ source: id, target: r.id, kind: 'HAS_CODE', weight: null });
          }
        }
        for (const r of [...repos.values()].sort((a, b) => compareIds(a.id, b.id))) nodes.push(repositoryNode(r));
      }
    }
    edges.sort(compareEdges);
    return { nodes, edges };
  }

  async path(fromId: string, toId: string, maxHops: number): Promise<GraphPath | null> {
    if (!this.index.concepts.has(fromId) || !this.index.concepts.has(toId)) return null;
    const adjacency = this.index.adjacency;
    const ids = await shortestPath(
      fromId,
      toId,
      maxHops,
      async (frontier) => new Map(frontier.map((id) => [id, adjacency.get(id) ?? []])),
      new Set(adjacency.get(toId) ?? []),
    );
    if (!ids) return null;
    const edges = ids.slice(1).map((id, i) => this.edgeBetween(ids[i]!, id));
    return { hops: ids.length - 1, nodes: ids.map((id) => this.conceptNode(id)), edges };
  }

  async paths(fromId: string, toId: string, maxHops: number, first: number): Promise<GraphPath[]> {
    if (!this.index.concepts.has(fromId) || !this.index.concepts.has(toId)) return [];
    const found = await kShortestPaths(fromId, toId, maxHops, first, async (frontier) =>
      new Map(frontier.map((id) => [id, this.index.adjacency.get(id) ?? []])),
    );
    return found.map((ids) => ({
      hops: ids.length - 1,
      nodes: ids.map((id) => this.conceptNode(id)),
      edges: ids.slice(1).map((id, i) => this.edgeBetween(ids[i]!, id)),
    }));
  }

  /** The edge joining two adjacent concepts: RELATED_TO when there is one, else BROADER. */
  private edgeBetween(a: string, b: string): GraphEdge {
    // The first entry for `b` in `a`'s list by weight (the one a related list ranks first).
    const list = this.index.related.get(a);
    const other = this.index.related.ordinalOf(b);
    for (let i = 0; i < (list?.length ?? 0); i++) {
      if (list!.otherAt(i) !== other) continue;
      const [source, target] = a < b ? [a, b] : [b, a];
      return { source, target, kind: 'RELATED_TO', weight: list!.weightAt(i) };
    }
    const aIsNarrower = (this.index.broader.get(a) ?? []).includes(b);
    return { source: aIsNarrower ? a : b, target: aIsNarrower ? b : a, kind: 'BROADER', weight: null };
  }

  /**
   * `rankSimilar` over every paper sharing a concept, without visiting them all. The paper's
   * concepts are read rarest first (highest idf); a paper's score is the sum of the idf of the
   * concepts it shares. Once even a paper sharing every concept still to be read could not reach
   * the `first`-th score so far, the long lists of common concepts are no longer read: the papers
   * already met are completed from their own (short) concept lists, those that cannot reach the
   * cut are dropped, and only the rest are ranked exactly. A margin covers the rounding of sums
   * added in another order, so the answer is the one ranking every candidate gives.
   */
  async similarPapers(paperId: string, first: number): Promise<SimilarPaper[]> {
    const mine = this.index.mentionsByPaper.get(paperId);
    if (!mine || first <= 0) return [];
    const total = this.index.papers.size;
    const concepts = [...new Set(mine.map((m) => m.conceptId))]
      .map((id) => ({ id, paperCount: this.concept(id).paperCount, idf: conceptIdf(total, this.concept(id).paperCount) }))
      .sort((a, b) => b.idf - a.idf || compareIds(a.id, b.id));
    const rest = new Float64Array(concepts.length + 1);
    for (let i = concepts.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + concepts[i]!.idf;
    const margin = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
    // Scores by paper ordinal in a scratch array; `met` lists the papers scored, in order met.
    const self = this.index.paperOrdinals.get(paperId)!;
    const papers = this.index.paperOrdinals.size;
    if (this.similarScratch.length < papers) this.similarScratch = new Float64Array(Math.max(papers, this.similarScratch.length * 2));
    const score = this.similarScratch;
    const met: number[] = [];
    const kth = () => (met.length < first ? -Infinity : kthLargest(Float64Array.from(met, (ord) => score[ord]!), first));
    // The paper's concepts' idfs by concept ordinal (`idfOf`), and those of the concepts not read
    // (`unreadIdf`, filled before completion): scratch arrays, zero elsewhere, zeroed again at the end.
    const { offsets, ordinals } = this.index.paperConcepts.get();
    const conceptCount = this.index.conceptOrdinals.size;
    if (this.conceptScratch.length < 2 * conceptCount) this.conceptScratch = new Float64Array(Math.max(2 * conceptCount, 2 * this.conceptScratch.length));
    const idfOf = this.conceptScratch.subarray(0, conceptCount);
    const unreadIdf = this.conceptScratch.subarray(conceptCount, 2 * conceptCount);
    const conceptOrdinal = concepts.map((c) => this.index.conceptOrdinals.of(c.id));
    concepts.forEach((c, k) => (idfOf[conceptOrdinal[k]!] = c.idf));
    /** Sum over the paper's mentions of `weights` by concept ordinal. */
    const sumOver = (ord: number, weights: Float64Array) => {
      let sum = 0;
      for (let at = offsets[ord]!, end = offsets[ord + 1]!; at < end; at++) sum += weights[ordinals[at]!]!;
      return sum;
    };
    const exactScore = (ord: number) => sumOver(ord, idfOf);
    /** The `first`-th best full score among the papers leading so far: the answer's `first`-th is at least that. */
    const leadersKth = () => {
      const cut = kth();
      const leaders = met.filter((ord) => score[ord]! >= cut).slice(0, 4 * first);
      return leaders.length < first ? -Infinity : kthLargest(Float64Array.from(leaders, exactScore), first);
    };
    try {
      // `floor` never exceeds the answer's `first`-th score: the `first`-th of the sums so far (they
      // only grow), or of the full scores of the papers leading. Once the concepts left could not
      // lift a paper not met yet to it, their (long) lists are not read. The best sum so far bounds
      // the first from above; the full scores are taken before a long list is read.
      let top = 0;
      let floor = -Infinity;
      let i = 0;
      for (; i < concepts.length; i++) {
        const c = concepts[i]!;
        if (met.length >= first) {
          if (rest[i]! < floor - margin(rest[0]!)) break;
          if (rest[i]! < top - margin(rest[0]!)) {
            floor = Math.max(floor, kth());
            if (rest[i]! < floor - margin(rest[0]!)) break;
          }
          if ((this.index.mentionsByConcept.peek(c.id)?.length ?? 0) >= SIMILAR_LONG_LIST) {
            floor = Math.max(floor, leadersKth());
            if (rest[i]! < floor - margin(rest[0]!)) break;
          }
        }
        for (const ord of this.index.mentionOrdinals.get(c.id)) {
          if (ord === self) continue;
          if (score[ord] === 0) met.push(ord);
          const sum = score[ord]! + c.idf;
          score[ord] = sum;
          if (sum > top) top = sum;
        }
      }
      let candidates = met;
      if (i < concepts.length) {
        // Papers met so far, completed with the concepts not read, highest sum first, while they
        // can still make the cut (which rises with the completed scores).
        const completed = new TopScores(first);
        let bar = Math.max(floor, kth()) - margin(rest[0]!);
        for (let k = i; k < concepts.length; k++) unreadIdf[conceptOrdinal[k]!] = concepts[k]!.idf;
        candidates = [];
        for (const ord of met.filter((o) => score[o]! + rest[i]! >= bar).sort((a, b) => score[b]! - score[a]!)) {
          if (score[ord]! + rest[i]! < bar) break;
          score[ord] = score[ord]! + sumOver(ord, unreadIdf);
          candidates.push(ord);
          completed.offer(score[ord]!);
          bar = Math.max(bar, completed.floor() - margin(rest[0]!));
        }
      }
      const values = Float64Array.from(candidates, (ord) => score[ord]!);
      const cut = (values.length < first ? -Infinity : kthLargest(values, first)) - margin(rest[0]!);
      const byId = new Map(concepts.map((c) => [c.id, c]));
      const ranked: SimilarCandidate[] = [];
      for (const ord of candidates) {
        if (score[ord]! < cut) continue;
        const id = this.index.paperOrdinals.idAt(ord);
        const shared: { conceptId: string; paperCount: number }[] = [];
        for (const m of this.index.mentionsByPaper.get(id) ?? []) {
          const c = byId.get(m.conceptId);
          if (c) shared.push({ conceptId: c.id, paperCount: c.paperCount });
        }
        ranked.push({ paper: this.paper(id), shared });
      }
      return rankSimilar(ranked, total, first);
    } finally {
      for (const ord of met) score[ord] = 0;
      for (const c of conceptOrdinal) idfOf[c] = unreadIdf[c] = 0;
    }
  }

  /** Builds the search index and sorts the long lists, so that no request pays for it. */
  async warm(): Promise<void> {
    this.index.search().prepare();
    // The long lists; a paper's mentions and a concept's BROADER links are few and sorted when read.
    this.index.mentionsByConcept.sortAll();
    this.index.related.sortAll();
    this.index.paperConcepts.get();
  }

  async search(query: string, first: number): Promise<SearchHit[]> {
    const q = parseSearchQuery(query);
    const index = this.index.search();
    const top = new TopHits(first);
    // Concepts by the most they can score, each scored only while that can reach the first `first` hits.
    // Those tying with the last hit at most are scored only if they would come before it.
    // (A concept's bound is its score, computed in the same steps.)
    const ranked = index.rankedConcepts(q);
    for (let i = 0; i < ranked.length; i++) {
      if (top.cannotReach(ranked.cap(i))) break;
      const [id, bound] = [ranked.id(i), ranked.bound(i)];
      const concept = this.concept(id);
      if (!top.mayEnterExactly(bound, 'CONCEPT', concept)) continue;
      const score = scoreConcept(q, index.conceptDocs.get(id)!);
      if (score > 0) top.offer({ kind: 'CONCEPT', score, concept });
    }
    // A repository scores 2 when the query names it, else the share of query tokens its id holds.
    if (!top.cannotReach(2)) {
      for (const [id, share] of index.repositoryCandidates(q)) {
        const repository = this.index.repositories.get(id)!;
        if (!top.mayEnterExactly(namesRepository(q, repository) ? 2 : share, 'REPOSITORY', repository)) continue;
        const score = scoreRepository(q, repository);
        if (score > 0) top.offer({ kind: 'REPOSITORY', score, repository });
      }
    }
    // A paper scores at most 1 (every token in its title and abstract) plus the phrase bonus:
    // when the hits so far already beat that, no paper is counted at all. Otherwise papers come
    // by the most they can score; the text of one is read only while that can reach the cut, and
    // a paper whose score is known (no phrase possible) is built only if it would be kept.
    const base = (n: number) => n / (3 * q.tokens.length);
    if (q.tokens.length > 0 && !top.cannotReach(1 + maxPhraseBonus(q))) {
      // When only a paper with the phrase in its title can enter (the most any other scores is
      // 1 + 0.5 for the phrase in its abstract), only such papers are counted; when a paper
      // lacking one of the phrase's words cannot, only papers holding the rarest of them are.
      const ranked = index.rankedPaperHits(q, {
        titlePhrase: maxPhraseBonus(q) > 0 && !top.mayEnterExactly(1.5, 'PAPER'),
        enters: (bound) => top.mayEnterExactly(bound, 'PAPER'),
      });
      // A paper turned away on its bound turns away every later one with the same bound and a
      // later id (the cut only rises): among ordinals in id order, those are passed over unread
      // ("the": 100,000 papers tie).
      let [refusedBound, refusedOrdinal] = [NaN, -1];
      const ordered = ranked.idOrdered;
      for (let i = 0; i < ranked.length; i++) {
        const [n, bonus] = [ranked.hits(i), ranked.bonusBound(i)];
        const bound = base(n) + bonus;
        if (top.cannotReach(bound)) break;
        const ordinal = ranked.ordinal(i);
        if (bound === refusedBound && ordinal > refusedOrdinal && ordinal < ordered) continue;
        const id = ranked.id(i);
        if (!top.mayEnterExactly(bound, 'PAPER', { id })) {
          if (ordinal < ordered) [refusedBound, refusedOrdinal] = [bound, ordinal];
          continue;
        }
        if (bonus === 0) {
          top.offer({ kind: 'PAPER', score: base(n), paper: this.paper(id) });
          continue;
        }
        const paper = this.paper(id);
        const score = paperScoreOfHits(q, paper, n);
        if (score > 0) top.offer({ kind: 'PAPER', score, paper });
      }
    }
    return top.hits();
  }

  async stats(): Promise<GraphStats> {
    return {
      papers: this.index.papers.size,
      concepts: this.index.concepts.size,
      repositories: this.index.repositories.size,
      mentions: this.index.mentionCount,
    };
  }

  // ---- helpers -------------------------------------------------------------------------

  private paper(id: string): PaperRecord {
    const p = this.index.papers.get(id);
    if (!p) throw new Error(`embedded store is inconsistent: no paper ${id}`);
    return p;
  }

  private concept(id: string): ConceptRecord {
    const c = this.index.concepts.get(id);
    if (!c) throw new Error(`embedded store is inconsistent: no concept ${id}`);
    return c;
  }

  private conceptNode(id: string): GraphNode {
    return { id, kind: 'CONCEPT', label: this.concept(id).name };
  }
}

/** The `k`-th largest of `values` (1 <= k <= length), by selection; `values` is reordered. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = values.length - k;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

/** Whether the query is the repository's name, owner/name or id (what scoreRepository scores 2). */
function namesRepository(q: SearchQuery, repo: RepositoryRecord): boolean {
  return q.phrase === repo.name || q.phrase === `${repo.owner}/${repo.name}` || q.phrase === repo.id;
}

function repositoryNode(r: RepositoryRecord): GraphNode {
  return { id: r.id, kind: 'REPOSITORY', label: `${r.owner}/${r.name}` };
}

const EMPTY_GRAPH: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };

async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
