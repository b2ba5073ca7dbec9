import { randomUUID } from 'node:crypto';
import type {
  ConceptRecord,
  GraphData,
  MentionRecord,
  PaperLink,
  PaperRecord,
  RelatedRecord,
  RepositoryRecord,
  Span,
} from '../../model.js';
import {
  bidirectionalShortestPath,
  compareByRank,
  compareEdges,
  expandNeighbourhood,
  kShortestPaths,
  MEET_CHECK_PAIRS,
  rankByCount,
  rankByIdfCount,
  rankHits,
  rankPairPapers,
  rankPapersByMentions,
  rankSimilar,
  SIMILAR_LONG_LIST,
  TopHits,
  boundSlack,
  TopScores,
  type MentionRow,
} from '../algorithms.js';
import { canonicalGraph } from '../canonical.js';
import { checkDelta, deltaEndsOutside, type DeltaEnds } from '../delta.js';
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
  Subgraph,
} from '../graph-store.js';
import { conceptIndexKeys, preferConcept } from '../lookup.js';
import { compareIds, conceptIdf, SEARCH_KIND_ORDER } from '../ordering.js';
import * as paging from '../paging.js';
import {
  conceptSearchDoc,
  MIN_PREFIX,
  parseSearchQuery,
  repositoryTokens,
  scoreConcept,
  maxPhraseBonus,
  paperScoreOfHits,
  scoreRepository,
  searchTokens,
  type SearchQuery,
} from '../search-scoring.js';
import { Executor, type Neo4jConnection } from './executor.js';
import { conceptSearchText, searchPlan, type BoundQueries, type PaperQueries } from './search-plan.js';
import {
  deltaEntries,
  graphHeads,
  mergeNeighbourHead,
  mergePaperHead,
  mergeRelatedHead,
  TOP_LIST_SIZE,
  type ConceptHeads,
} from './top-lists.js';

/** Schema statements run by init(), each in a transaction of its own, in this order. */
const SCHEMA_QUERIES = [
  'schema-paper-id-unique',
  'schema-concept-id-unique',
  'schema-repository-id-unique',
  'schema-paper-year-index',
  'schema-concept-paper-count-index',
  'schema-concept-name-index',
  'schema-concept-community-index',
  'schema-concept-rank-index',
  'schema-concept-keys-fulltext',
  'schema-concept-search-fulltext',
  'schema-repository-search-fulltext',
  'schema-paper-search-fulltext',
  'schema-repository-name-index',
  'drop-index-kg-search',
  'drop-index-kg-concept-fuzzy',
] as const;

/** The index of RELATED_TO pair keys (schema-related-pair-index.cypher); created once every pair is keyed. */
const PAIR_INDEX = 'related_pair';

/** Seconds init() waits for new indexes to come online. */
const INDEX_WAIT_SECONDS = 300;

/** Rows per UNWIND batch: big enough to amortise round trips, small enough to keep transactions light. */
const DEFAULT_BATCH_SIZE = 2000;

/** The full-text index of concepts' lookup keys (schema-concept-keys-fulltext.cypher). */
const KEYS_INDEX = 'kg_concept_keys';

/** Clauses per Lucene query of the key index; Lucene refuses queries of more than 1024 clauses. */
const SEARCH_CLAUSES_PER_QUERY = 512;

/** Above any neighbourhood limit: the per-concept bound of related-neighbours.cypher. */
const NEIGHBOURS_PER_CONCEPT_MAX = 100_000;

/** Papers listed at most by one group of similarPapers' short concept lists. */
const SIMILAR_GROUP_LISTED = 2000;


/** Papers completed with their mentions of the concepts not read, per read (a batch's reads are sent together). */
const SIMILAR_COMPLETE_BATCH = 250;

/** About what completing one paper costs, in papers of a concept list read instead. */
const SIMILAR_COMPLETION_COST = 8;

/** Paper records read at a time while ranking search hits by their records. */
const SEARCH_PAPER_BATCH = 50;

/** Concepts and repositories a search ranks first by bound (then eight times as many each round). */
const SEARCH_FIRST_ROWS = 512;

/** Of those, how many a round reads at least (then four times as many). */
const SEARCH_FIRST_TAKE = 32;

/** Papers a search reads first by bound (then eight times as many each round). */
const SEARCH_PAPER_ROWS = 64;

/** Papers a search reads per round in id order. */
const SEARCH_SCAN_ROWS = 512;

/** An id every paper id sorts before (the highest code point): a scan in id order to the end. */
const EVERY_ID_BEFORE = String.fromCodePoint(0x10ffff).repeat(8);

/** The list query of each order. */
const PAPER_LIST_QUERIES: Record<Exclude<PaperOrder, 'RELEVANCE'>, string> = {
  ID_ASC: 'list-papers-by-id',
  TITLE_ASC: 'list-papers-by-title',
  YEAR_DESC: 'list-papers-by-year',
};
const CONCEPT_LIST_QUERIES: Record<ConceptOrder, string> = {
  PAPER_COUNT_DESC: 'list-concepts-by-paper-count',
  NAME_ASC: 'list-concepts-by-name',
  RANK_DESC: 'list-concepts-by-rank',
};

interface PaperRow {
  id: string;
  title: string;
  abstract: string;
  url: string | null;
  year: number | null;
  source: string;
  contentHash: string;
  linksJson: string | null;
}

interface ConceptRow {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[] | null;
  paperCount: number;
  rank?: number | null;
  community?: number | null;
}

type RepositoryRow = RepositoryRecord;

interface PageRow<T> {
  totalCount: number;
  items: T[];
}

interface MentionRowOut {
  paperId: string;
  conceptId: string;
  count: number;
  confidence: number;
  inTitle: boolean;
  spansJson: string | null;
}

/**
 * The production store: the graph in Neo4j, every query a file of `cypher/`, run through the
 * {@link Executor}. Cypher fetches what a step needs (one batched query per hop); the shared
 * functions of `algorithms.ts`, `search-scoring.ts` and `lookup.ts` rank it, so this adapter
 * and the embedded one agree on every order and tie.
 *
 * Model: `(:Paper)`, `(:Concept)` (with `lookupKeys` for name lookup), `(:Repository)`,
 * `MENTIONS`, `HAS_CODE`, `RELATED_TO` (stored once, source < target, with the key of its pair)
 * and `BROADER` (narrower -> broader). Spans and links are JSON text properties. Nodes carry
 * their search fields for the full-text indexes (see search-plan.ts) and `gen` (the replacement
 * that wrote it; relationships carry it too); concepts carry `lowerNames` for the name filter
 * and the heads of their related and paper lists (see top-lists.ts).
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly db: Executor;
  /** Serialises replacements made through this instance; each one sweeps whatever the others wrote. */
  private replacing: Promise<unknown> = Promise.resolve();

  /** Rows per write batch and per sweep batch. */
  protected batchSize = DEFAULT_BATCH_SIZE;

  /** How many a search reads first: concepts and repositories by bound, papers by bound, papers in id order. */
  protected searchRows = { nodes: SEARCH_FIRST_ROWS, take: SEARCH_FIRST_TAKE, papers: SEARCH_PAPER_ROWS, scan: SEARCH_SCAN_ROWS };

  constructor(config: Neo4jConnection) {
    this.db = new Executor(config);
  }

  async init(): Promise<void> {
    const pairIndexed = (await this.db.read<{ name: string }>('show-indexes')).some((i) => i.name === PAIR_INDEX);
    for (const name of SCHEMA_QUERIES) await this.db.write(name);
    await this.db.read('schema-await-indexes', { timeoutSeconds: INDEX_WAIT_SECONDS });
    await this.addMissingSearchTokens();
    await this.addMissingLookupKeys();
    await this.addMissingSearchText();
    await this.addMissingTopLists();
    if (!pairIndexed) {
      await this.addMissingPairKeys();
      await this.db.write('schema-related-pair-index');
      await this.db.read('schema-await-indexes', { timeoutSeconds: INDEX_WAIT_SECONDS });
    }
  }

  /**
   * RELATED_TO relationships written by a version that did not key their pairs get their keys
   * (see upsert-related.cypher), walking the concepts in id order a few at a time (a hub has
   * thousands). Runs while the pair index does not exist yet; it is created once this is done,
   * so an interrupted migration is resumed by the next start.
   */
  private async addMissingPairKeys(): Promise<void> {
    const limit = Math.max(1, Math.floor(this.batchSize / 10));
    for (let after = ''; ; ) {
      const [batch] = await this.db.write<{ concepts: number; last: string | null }>('key-related-pairs', { after, limit });
      if (!batch || batch.concepts < limit || batch.last === null) return;
      after = batch.last;
    }
  }

  /** Concepts written by a version that did not store their search fields get them (a no-op afterwards). */
  private async addMissingSearchText(): Promise<void> {
    for (;;) {
      const rows = await this.db.read<{ id: string; name: string; aliases: string[] }>('concepts-without-search-text', { limit: this.batchSize });
      if (rows.length === 0) return;
      await this.db.write('set-concept-search-text', { rows: rows.map((r) => ({ id: r.id, ...conceptSearchText(r) })) });
      if (rows.length < this.batchSize) return;
    }
  }

  /** Concepts written by a version that did not store their head lists get them (a no-op afterwards). */
  private async addMissingTopLists(): Promise<void> {
    for (;;) {
      const rows = await this.db.read<{ id: string }>('concepts-without-top-lists', { limit: this.batchSize });
      if (rows.length === 0) return;
      await this.db.write('compute-concept-top-lists', { ids: rows.map((r) => r.id), size: TOP_LIST_SIZE });
      if (rows.length < this.batchSize) return;
    }
  }

  /**
   * Concepts written by a version that did not index their names get their lookup keys (a no-op
   * afterwards), so a lookup never needs to scan every concept.
   */
  private async addMissingLookupKeys(): Promise<void> {
    for (;;) {
      const rows = await this.db.read<{ id: string; name: string; acronym: string | null; aliases: string[] }>('concepts-without-key-text', {
        limit: this.batchSize,
      });
      if (rows.length === 0) return;
      const keys = rows.map((r) => {
        const lookupKeys = conceptIndexKeys(r);
        return { id: r.id, lookupKeys, keyText: unique(lookupKeys.map(keyToken)).join(' ') };
      });
      await this.db.write('set-concept-key-text', { rows: keys });
      if (rows.length < this.batchSize) return;
    }
  }

  /** Papers written by a version that did not store search token lists get them (a no-op afterwards). */
  private async addMissingSearchTokens(): Promise<void> {
    for (;;) {
      const rows = await this.db.read<{ id: string; title: string; abstract: string }>('papers-without-search-tokens', { limit: this.batchSize });
      if (rows.length === 0) return;
      const tokens = rows.map((r) => ({ id: r.id, titleTokens: searchTokens(r.title ?? ''), abstractTokens: searchTokens(r.abstract ?? '') }));
      await this.db.write('set-paper-search-tokens', { rows: tokens });
      if (rows.length < this.batchSize) return;
    }
  }

  /** Nothing is built lazily here: Neo4j's indexes exist once init() returns. */
  async warm(): Promise<void> {}

  async ping(): Promise<void> {
    await this.db.ping();
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  // ---- writes -------------------------------------------------------------------------

  async allPapers(): Promise<PaperRecord[]> {
    const rows = await this.db.read<{ paper: PaperRow }>('all-papers');
    return rows.map((r) => toPaper(r.paper));
  }

  /**
   * Upserts every node and relationship of `graph` in batches, each stamped with a fresh
   * generation token, then deletes whatever of our labels and types carries another token.
   *
   * Note: every batch is its own transaction, so a run that dies midway leaves a mix of
   * generations; the next run rewrites everything under its own token and its sweep removes
   * the rest, so it ends exactly where an uninterrupted run would.
   */
  replaceGraph(graph: GraphData): Promise<ReplaceSummary> {
    const run = this.replacing.then(() => this.writeGraph(graph));
    this.replacing = run.catch(() => undefined);
    return run;
  }

  /** Writes `rows` with query `name` in batches of `batchSize`, each its own transaction, counting them in `batches`. */
  private async writeBatches(name: string, rows: readonly object[], gen: string, batches: { count: number }): Promise<void> {
    for (const chunk of chunks(rows, this.batchSize)) {
      await this.db.write(name, { rows: chunk, gen });
      this.afterBatch(++batches.count);
    }
  }

  /**
   * Called after every committed batch of a replacement with the number of batches so far.
   * Throwing here stops the replacement where it is, as a crash would (the crash-safety tests do).
   */
  protected afterBatch(_batches: number): void {}

  private async writeGraph(graph: GraphData): Promise<ReplaceSummary> {
    checkGraph(graph);
    const summary: ReplaceSummary = {
      conceptsCreated: await this.countMissing('existing-concept-ids', graph.concepts),
      repositoriesCreated: await this.countMissing('existing-repository-ids', graph.repositories),
    };
    const before = await this.stats();
    const empty = before.papers === 0 && before.concepts === 0 && before.repositories === 0;
    const gen = randomUUID();
    const batches = { count: 0 };
    const upsert = (name: string, rows: readonly object[]) => this.writeBatches(name, rows, gen, batches);
    const sweep = async (name: string) => {
      for (;;) {
        const [row] = await this.db.write<{ deleted: number }>(name, { gen, limit: this.batchSize });
        this.afterBatch(++batches.count);
        if ((row?.deleted ?? 0) < this.batchSize) return;
      }
    };
    // Nodes first: the relationship upserts MATCH their end points. Concepts come with the heads of
    // their lists, computed here from the whole graph.
    const heads = graphHeads(graph);
    await upsert('upsert-papers', graph.papers.map(paperRow));
    await upsert('upsert-concepts', graph.concepts.map((c) => conceptRow(c, heads.get(c.id))));
    await upsert('upsert-repositories', graph.repositories.map(repositoryRow));
    // Into an empty database (nothing of ours was there before this replacement) relationships are
    // created without MERGE's existence check; a re-run after a crash finds nodes and merges.
    await upsert(empty ? 'create-mentions' : 'upsert-mentions', graph.mentions.map(mentionRow));
    await upsert(empty ? 'create-has-code' : 'upsert-has-code', graph.hasCode);
    await upsert(empty ? 'create-related' : 'upsert-related', graph.related);
    await upsert(empty ? 'create-broader' : 'upsert-broader', graph.broader);
    await sweep('delete-stale-relationships');
    await sweep('delete-stale-nodes');
    return summary;
  }

  /** How many of `records` have no node yet (the "created" counts of a replacement). */
  private async countMissing(query: string, records: readonly { id: string }[]): Promise<number> {
    const existing = new Set<string>();
    for (const ids of chunks(unique(records.map((r) => r.id)), this.batchSize)) {
      for (const row of await this.db.read<{ id: string }>(query, { ids })) existing.add(row.id);
    }
    return records.filter((r) => !existing.has(r.id)).length;
  }

  /**
   * Upserts the delta's nodes, then its relationships, with the queries and batches of a
   * replacement and no sweep: nothing is removed. The stored ends its edges need are looked up
   * first (one query per batch of ids), and a delta with an edge to a missing node is refused
   * before anything is written.
   *
   * Note: each batch is its own transaction, so a delta cut short by a crash is partly written;
   * applying it again completes it (every write is an upsert).
   */
  applyDelta(delta: GraphData): Promise<ReplaceSummary> {
    const run = this.replacing.then(() => this.writeDelta(delta));
    this.replacing = run.catch(() => undefined);
    return run;
  }

  private async writeDelta(delta: GraphData): Promise<ReplaceSummary> {
    const outside = deltaEndsOutside(delta);
    const stored = await this.existingNodes({
      papers: outside.papers,
      concepts: unique([...outside.concepts, ...delta.concepts.map((c) => c.id)]),
      repositories: unique([...outside.repositories, ...delta.repositories.map((r) => r.id)]),
    });
    checkDelta(delta, {
      paper: (id) => stored.papers.has(id),
      concept: (id) => stored.concepts.has(id),
      repository: (id) => stored.repositories.has(id),
    });
    const summary: ReplaceSummary = {
      conceptsCreated: delta.concepts.filter((c) => !stored.concepts.has(c.id)).length,
      repositoriesCreated: delta.repositories.filter((r) => !stored.repositories.has(r.id)).length,
    };
    const gen = randomUUID();
    const batches = { count: 0 };
    const upsert = (name: string, rows: readonly object[]) => this.writeBatches(name, rows, gen, batches);
    // Nodes first: the relationship upserts MATCH their end points.
    await upsert('upsert-papers', delta.papers.map(paperRow));
    await upsert('upsert-concepts', delta.concepts.map((c) => conceptRow(c)));
    await upsert('upsert-repositories', delta.repositories.map(repositoryRow));
    await upsert('upsert-mentions', delta.mentions.map(mentionRow));
    await upsert('upsert-has-code', delta.hasCode);
    await upsert('upsert-related', delta.related);
    await upsert('upsert-broader', delta.broader);
    await this.updateHeads(delta, batches);
    return summary;
  }

  /**
   * Brings the head lists of the concepts a delta touched up to date: merged here from the stored
   * heads where that is exact (see top-lists.ts), recomputed by the database for the others (new
   * concepts, and those whose listed entries the delta rewrote).
   */
  private async updateHeads(delta: GraphData, batches: { count: number }): Promise<void> {
    const added = deltaEntries(delta);
    const touched = unique([...delta.concepts.map((c) => c.id), ...added.related.keys(), ...added.papers.keys()]);
    const merged: (ConceptHeads & { id: string })[] = [];
    const recompute: string[] = [];
    for (const ids of chunks(touched, this.batchSize)) {
      const rows = await this.db.read<{
        id: string;
        relatedIds: string[] | null;
        weights: number[] | null;
        shared: number[] | null;
        out: boolean[] | null;
        neighbourIds: string[] | null;
        neighbourWeights: number[] | null;
        neighbourOut: boolean[] | null;
        paperIds: string[] | null;
        confidences: number[] | null;
      }>('concept-top-lists', { ids });
      for (const row of rows) {
        const storedRelated =
          row.relatedIds && row.weights && row.shared && row.out ? { ids: row.relatedIds, weights: row.weights, shared: row.shared, out: row.out } : null;
        const storedNeighbours =
          row.neighbourIds && row.neighbourWeights && row.neighbourOut ? { ids: row.neighbourIds, weights: row.neighbourWeights, out: row.neighbourOut } : null;
        const storedPapers = row.paperIds && row.confidences ? { ids: row.paperIds, confidences: row.confidences } : null;
        const newRelated = added.related.get(row.id) ?? [];
        const newPapers = added.papers.get(row.id) ?? [];
        if (storedRelated && storedNeighbours && storedPapers && newRelated.length === 0 && newPapers.length === 0) continue;
        const related = mergeRelatedHead(storedRelated, newRelated);
        const neighbours = mergeNeighbourHead(storedNeighbours, newRelated);
        const papers = mergePaperHead(storedPapers, newPapers);
        if (!(related && neighbours && papers)) recompute.push(row.id);
        // A hub's new papers and pairs mostly fall below its first entries: nothing to write then.
        else if (!(sameHead(related, storedRelated) && sameHead(neighbours, storedNeighbours) && sameHead(papers, storedPapers))) {
          merged.push({ id: row.id, related, neighbours, papers });
        }
      }
    }
    const rows = merged.map(({ id, related, neighbours, papers }) => ({
      id,
      relatedTopIds: related.ids,
      relatedTopWeights: related.weights,
      relatedTopShared: related.shared,
      relatedTopOut: related.out,
      neighbourTopIds: neighbours.ids,
      neighbourTopWeights: neighbours.weights,
      neighbourTopOut: neighbours.out,
      paperTopIds: papers.ids,
      paperTopConfidences: papers.confidences,
    }));
    for (const chunk of chunks(rows, this.batchSize)) {
      await this.db.write('set-concept-top-lists', { rows: chunk });
      this.afterBatch(++batches.count);
    }
    // A hub's relationships are many: recomputed a few concepts at a time.
    for (const ids of chunks(recompute, Math.max(1, Math.floor(this.batchSize / 20)))) {
      await this.db.write('compute-concept-top-lists', { ids, size: TOP_LIST_SIZE });
      this.afterBatch(++batches.count);
    }
  }

  /** Which of `ids` have a node, by label. */
  private async existingNodes(ids: DeltaEnds): Promise<{ papers: Set<string>; concepts: Set<string>; repositories: Set<string> }> {
    const found = { papers: new Set<string>(), concepts: new Set<string>(), repositories: new Set<string>() };
    const into = { PAPER: found.papers, CONCEPT: found.concepts, REPOSITORY: found.repositories };
    const [papers, concepts, repositories] = [chunks(ids.papers, this.batchSize), chunks(ids.concepts, this.batchSize), chunks(ids.repositories, this.batchSize)];
    for (let i = 0; i < Math.max(papers.length, concepts.length, repositories.length); i++) {
      const rows = await this.db.read<{ kind: keyof typeof into; id: string }>('delta-existing-nodes', {
        paperIds: papers[i] ?? [],
        conceptIds: concepts[i] ?? [],
        repositoryIds: repositories[i] ?? [],
      });
      for (const row of rows) into[row.kind].add(row.id);
    }
    return found;
  }

  // ---- point and batch reads ----------------------------------------------------------

  async papersByIds(ids: readonly string[]): Promise<(PaperRecord | null)[]> {
    const rows = await this.db.read<{ paper: PaperRow }>('papers-by-ids', { ids: unique(ids) });
    const byId = new Map(rows.map((r) => [r.paper.id, toPaper(r.paper)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async conceptsByIds(ids: readonly string[]): Promise<(ConceptRecord | null)[]> {
    const rows = await this.db.read<{ concept: ConceptRow }>('concepts-by-ids', { ids: unique(ids) });
    const byId = new Map(rows.map((r) => [r.concept.id, toConcept(r.concept)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async repositoriesByIds(ids: readonly string[]): Promise<(RepositoryRecord | null)[]> {
    const rows = await this.db.read<{ repository: RepositoryRow }>('repositories-by-ids', { ids: unique(ids) });
    const byId = new Map(rows.map((r) => [r.repository.id, toRepository(r.repository)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async conceptByLookupKeys(keys: readonly string[]): Promise<ConceptRecord | null> {
    if (keys.length === 0) return null;
    if (keys.length > SEARCH_CLAUSES_PER_QUERY) return (await this.conceptsByLookupKeys([keys]))[0] ?? null;
    // Through the kg_concept_keys index (init() gives every concept its keys).
    const [row] = await this.db.read<{ concept: ConceptRow }>('concept-by-lookup-keys', { keys: [...keys], query: keyQuery(keys), index: KEYS_INDEX });
    return row ? toConcept(row.concept) : null;
  }

  async conceptsByLookupKeys(keyLists: readonly (readonly string[])[]): Promise<(ConceptRecord | null)[]> {
    const keys = unique(keyLists.flat());
    if (keys.length === 0) return keyLists.map(() => null);
    const queries = chunks(keys, SEARCH_CLAUSES_PER_QUERY).map(keyQuery);
    const rows = await this.db.read<{ keys: string[]; concept: ConceptRow }>('concepts-by-lookup-key-lists', { keys, queries, index: KEYS_INDEX });
    const byKey = new Map<string, ConceptRecord[]>();
    for (const row of rows) {
      const concept = toConcept(row.concept);
      for (const key of row.keys) byKey.set(key, [...(byKey.get(key) ?? []), concept]);
    }
    // Per name: the first key that finds anything, and among its concepts the preferred one.
    return keyLists.map((list) => {
      for (const key of list) {
        const found = byKey.get(key);
        if (found && found.length > 0) return found.reduce(preferConcept);
      }
      return null;
    });
  }

  async communitiesByIds(ids: readonly number[]): Promise<(CommunityRecord | null)[]> {
    const rows = await this.db.read<{ id: number; size: number }>('communities-by-ids', { ids: unique(ids) });
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, size: r.size }]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async mentionsOfPapers(paperIds: readonly string[]): Promise<MentionRecord[][]> {
    const rows = await this.db.read<{
      key: string;
      conceptId: string;
      count: number;
      confidence: number;
      inTitle: boolean;
      spansJson: string | null;
    }>('mentions-of-papers', { ids: unique(paperIds) });
    return align(paperIds, rows, (r) => ({
      paperId: r.key,
      conceptId: r.conceptId,
      count: r.count,
      confidence: r.confidence,
      inTitle: r.inTitle,
      spans: parseJson<Span[]>(r.spansJson, []),
    }));
  }

  async repositoriesOfPapers(paperIds: readonly string[]): Promise<RepositoryRecord[][]> {
    const rows = await this.db.read<{ key: string; repository: RepositoryRow }>('repositories-of-papers', {
      ids: unique(paperIds),
    });
    return align(paperIds, rows, (r) => toRepository(r.repository));
  }

  async relatedOfConcepts(conceptIds: readonly string[], first: number, minShared = 1): Promise<RelatedConcept[][]> {
    const rows = await this.db.read<{ key: string; concept: ConceptRow; sharedPapers: number; weight: number }>(
      'related-of-concepts',
      { ids: unique(conceptIds), minShared, first },
    );
    const lists = align(conceptIds, rows, (r) => ({
      concept: toConcept(r.concept),
      sharedPapers: r.sharedPapers,
      weight: r.weight,
    }));
    return lists.map((list) => list.slice(0, first));
  }

  async relatedOfPairs(pairs: readonly ConceptPair[]): Promise<(RelatedRecord | null)[]> {
    if (pairs.every(({ a, b }) => a === b)) return pairs.map(() => null);
    const rows = await this.db.read<{ index: number; sharedPapers: number; weight: number }>('related-of-pairs', {
      pairs: pairs.map(({ a, b }) => ({ a, b })),
    });
    // With a pair stored both ways, the relationship a related list ranks first wins.
    const best = pairs.map(() => null as { sharedPapers: number; weight: number } | null);
    for (const row of rows) {
      const kept = best[row.index];
      if (!kept || row.weight > kept.weight || (row.weight === kept.weight && row.sharedPapers > kept.sharedPapers)) best[row.index] = row;
    }
    return pairs.map(({ a, b }, i) => {
      const found = a === b ? null : best[i];
      if (!found) return null;
      const [source, target] = compareIds(a, b) < 0 ? [a, b] : [b, a];
      return { source, target, sharedPapers: found.sharedPapers, weight: found.weight };
    });
  }

  async broaderOfConcepts(conceptIds: readonly string[]): Promise<ConceptRecord[][]> {
    const rows = await this.db.read<{ key: string; concept: ConceptRow }>('broader-of-concepts', { ids: unique(conceptIds) });
    return align(conceptIds, rows, (r) => toConcept(r.concept));
  }

  async narrowerOfConcepts(conceptIds: readonly string[]): Promise<ConceptRecord[][]> {
    const rows = await this.db.read<{ key: string; concept: ConceptRow }>('narrower-of-concepts', { ids: unique(conceptIds) });
    return align(conceptIds, rows, (r) => toConcept(r.concept));
  }

  async repositoriesOfConcepts(conceptIds: readonly string[]): Promise<RepositoryRecord[][]> {
    const rows = await this.db.read<{ key: string; repository: RepositoryRow }>('repositories-of-concepts', {
      ids: unique(conceptIds),
    });
    return align(conceptIds, rows, (r) => toRepository(r.repository)).map(rankByCount);
  }

  async papersOfRepositories(repositoryIds: readonly string[]): Promise<PaperRecord[][]> {
    const rows = await this.db.read<{ key: string; paper: PaperRow }>('papers-of-repositories', {
      ids: unique(repositoryIds),
    });
    return align(repositoryIds, rows, (r) => toPaper(r.paper));
  }

  async conceptsOfRepositories(repositoryIds: readonly string[]): Promise<ConceptRecord[][]> {
    const rows = await this.db.read<{ key: string; totalPapers: number; concept: ConceptRow }>('concepts-of-repositories', {
      ids: unique(repositoryIds),
    });
    const totalPapers = rows[0]?.totalPapers ?? 0;
    return align(repositoryIds, rows, (r) => toConcept(r.concept)).map((list) => rankByIdfCount(list, totalPapers));
  }

  async conceptsOfCommunities(communityIds: readonly number[], first: number): Promise<ConceptRecord[][]> {
    const rows = await this.db.read<{ key: number; concept: ConceptRow }>('concepts-of-communities', { ids: unique(communityIds) });
    const groups = new Map<number, ConceptRecord[]>();
    for (const row of rows) {
      const list = groups.get(row.key) ?? [];
      list.push(toConcept(row.concept));
      groups.set(row.key, list);
    }
    return communityIds.map((id) => (groups.get(id) ?? []).sort(compareByRank).slice(0, first));
  }

  async papersOfCommunities(communityIds: readonly number[], first: number): Promise<PaperRecord[][]> {
    const rows = await this.db.read<MentionRow & { key: number }>('mentions-of-communities', { ids: unique(communityIds) });
    const groups = new Map<number, MentionRow[]>();
    for (const row of rows) {
      const list = groups.get(row.key) ?? [];
      list.push(row);
      groups.set(row.key, list);
    }
    const ranked = communityIds.map((id) => rankPapersByMentions(groups.get(id) ?? [], first));
    const papers = await this.paperMap(ranked.flat());
    return ranked.map((ids) => ids.map((id) => papers.get(id)!));
  }

  async papersOfConceptPairs(pairs: readonly ConceptPair[], first: number): Promise<PairPapers[]> {
    if (pairs.length === 0) return [];
    const rows = await this.db.read<{ index: number; paperId: string; a: number; b: number }>('papers-of-concept-pairs', {
      pairs: pairs.map(({ a, b }) => ({ a, b })),
    });
    const groups = pairs.map(() => [] as { paperId: string; a: number; b: number }[]);
    for (const row of rows) groups[row.index]!.push(row);
    const ranked = groups.map((g) => rankPairPapers(g, first));
    const papers = await this.paperMap(ranked.flat());
    return groups.map((g, i) => ({ total: g.length, papers: ranked[i]!.map((id) => papers.get(id)!) }));
  }

  /** Papers by id, for ids known to exist. */
  private async paperMap(ids: readonly string[]): Promise<Map<string, PaperRecord>> {
    if (ids.length === 0) return new Map();
    const found = await this.papersByIds(unique(ids));
    return new Map(found.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  }

  // ---- lists ---------------------------------------------------------------------------

  async listPapers(page: ListRequest, filter: PaperFilter, order: PaperOrder): Promise<ListPage<PaperRecord>> {
    let scores: Map<string, number> | null = null;
    if (filter.search !== undefined) {
      scores = await this.paperScores(filter.search);
      if (scores.size === 0) return { totalCount: 0, items: [], keys: [], hasNextPage: false };
    }
    const params = {
      ids: scores ? [...scores.keys()] : null,
      conceptIds: unique(filter.conceptIds ?? []),
      hasCode: filter.hasCode ?? null,
      year: filter.year ?? null,
    };
    if (order === 'RELEVANCE') {
      // The order is a score computed here: fetch the matching ids, order and cut them, then read the page.
      const rows = await this.db.read<{ id: string }>('paper-ids-matching', params);
      const entries = rows.map((r) => ({ item: r.id, key: { values: [scores?.get(r.id) ?? 0], id: r.id } }));
      const ids = paging.keysetPage(entries, paging.PAPER_ORDER_KEYS.RELEVANCE, page);
      const papers = await this.paperMap(ids.items);
      return { ...ids, items: ids.items.map((id) => papers.get(id)!) };
    }
    const [row] = await this.db.read<PageRow<PaperRow>>(PAPER_LIST_QUERIES[order], { ...params, ...paging.keysetParams(page) });
    const papers = (row?.items ?? []).map(toPaper);
    return paging.pageFromRows(row?.totalCount ?? 0, papers, (p) => paging.paperKey(order, p), page);
  }

  async listConcepts(page: ListRequest, filter: ConceptFilter, order: ConceptOrder): Promise<ListPage<ConceptRecord>> {
    const [row] = await this.db.read<PageRow<ConceptRow>>(CONCEPT_LIST_QUERIES[order], {
      ...paging.keysetParams(page),
      minPapers: filter.minPapers ?? null,
      community: filter.community ?? null,
      needle: filter.nameContains === undefined ? null : filter.nameContains.toLowerCase(),
    });
    const concepts = (row?.items ?? []).map(toConcept);
    return paging.pageFromRows(row?.totalCount ?? 0, concepts, (c) => paging.conceptKey(order, c), page);
  }

  async listRepositories(page: ListRequest): Promise<ListPage<RepositoryRecord>> {
    const [row] = await this.db.read<PageRow<RepositoryRow>>('list-repositories', paging.keysetParams(page));
    const repos = (row?.items ?? []).map(toRepository);
    return paging.pageFromRows(row?.totalCount ?? 0, repos, (r) => ({ values: [], id: r.id }), page);
  }

  async listCommunities(page: ListRequest): Promise<ListPage<CommunityRecord>> {
    const [row] = await this.db.read<PageRow<CommunityRecord>>('list-communities', paging.keysetParams(page));
    const items = (row?.items ?? []).map((c) => ({ id: c.id, size: c.size }));
    return paging.pageFromRows(row?.totalCount ?? 0, items, (c) => ({ values: [c.id], id: String(c.id) }), page);
  }

  async papersOfConcept(conceptId: string, includeNarrower: boolean, page: ListRequest): Promise<ListPage<PaperRecord>> {
    const query = includeNarrower ? 'papers-of-concept-with-narrower' : 'papers-of-concept';
    const [row] = await this.db.read<PageRow<{ best: number; paper: PaperRow }>>(query, {
      ...paging.keysetParams(page),
      conceptId,
    });
    const rows = (row?.items ?? []).map((r) => ({ best: r.best, paper: toPaper(r.paper) }));
    const result = paging.pageFromRows(row?.totalCount ?? 0, rows, (r) => ({ values: [r.best], id: r.paper.id }), page);
    return { ...result, items: result.items.map((r) => r.paper) };
  }

  // ---- traversal -----------------------------------------------------------------------

  async neighbourhood(conceptId: string, options: NeighbourhoodOptions): Promise<Subgraph> {
    const included = await expandNeighbourhood(conceptId, options, async (ids, bounds) => {
      const rows = await this.db.read<{ other: string; weight: number }>('related-neighbours', {
        ids,
        places: Math.min(bounds.places, NEIGHBOURS_PER_CONCEPT_MAX),
        seen: bounds.seen,
        minWeight: bounds.minWeight,
      });
      // The level's candidates of the whole frontier (see related-neighbours.cypher): the
      // expansion takes them in one ranking whichever frontier concept they are listed under.
      return new Map([[ids[0]!, rows]]);
    });
    const [subgraph] = await this.db.read<{
      concepts: { id: string; name: string }[];
      edges: { kind: 'RELATED_TO' | 'BROADER'; source: string; target: string; weight: number | null }[];
    }>('neighbourhood-subgraph', { ids: included });
    const names = new Map((subgraph?.concepts ?? []).map((c) => [c.id, c.name]));
    // An unknown concept has an empty neighbourhood (its expansion found nothing to read).
    if (!names.has(conceptId)) return { nodes: [], edges: [] };
    const nodes: GraphNode[] = included.map((id) => {
      const name = names.get(id);
      if (name === undefined) throw new Error(`concept ${id} disappeared while its neighbourhood was read`);
      return { id, kind: 'CONCEPT', label: name };
    });
    const edges: GraphEdge[] = [];
    for (const e of subgraph!.edges) {
      if (e.kind === 'BROADER') {
        edges.push({ source: e.source, target: e.target, kind: 'BROADER', weight: null });
      } else if (e.source !== e.target && (e.weight ?? 0) >= options.minWeight) {
        // RELATED_TO is undirected: drawn from the smaller id, whatever direction it was stored in.
        const [source, target] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
        edges.push({ source, target, kind: 'RELATED_TO', weight: e.weight });
      }
    }
    if (options.papers) {
      const mentions = await this.db.read<MentionRow>('mentions-of-concepts', { ids: included });
      const paperIds = rankPapersByMentions(mentions, options.limit);
      const chosen = new Set(paperIds);
      const papers = await this.paperMap(paperIds);
      for (const id of paperIds) nodes.push({ id, kind: 'PAPER', label: papers.get(id)!.title });
      for (const m of mentions) {
        if (chosen.has(m.paperId)) edges.push({ source: m.paperId, target: m.conceptId, kind: 'MENTIONS', weight: m.confidence });
      }
      if (options.repositories && paperIds.length > 0) {
        const repoLists = await this.repositoriesOfPapers(paperIds);
        const repos = new Map<string, RepositoryRecord>();
        paperIds.forEach((id, i) => {
          for (const r of repoLists[i] ?? []) {
            repos.set(r.id, r);
            edges.push({ source: id, target: r.id, kind: 'HAS_CODE', weight: null });
          }
        });
        for (const r of [...repos.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
          nodes.push({ id: r.id, kind: 'REPOSITORY', label: `${r.owner}/${r.name}` });
        }
      }
    }
    edges.sort(compareEdges);
    return { nodes, edges };
  }

  async path(fromConceptId: string, toConceptId: string, maxHops: number): Promise<GraphPath | null> {
    const ends = await this.conceptsByIds([fromConceptId, toConceptId]);
    if (ends.some((c) => c === null)) return null;
    const neighboursOf = (frontier: string[]) => this.conceptNeighbours(frontier);
    // Few pairs: looked up by pair key; many (the last level of a long search): the frontier's
    // relationships read in the database, only the neighbours in `within` sent back.
    const linksBetween = async (frontier: string[], within: readonly string[]) => {
      const query = frontier.length * within.length <= MEET_CHECK_PAIRS ? 'concept-links-between' : 'concept-neighbours-within';
      const rows = await this.db.read<{ key: string; others: string[] }>(query, { ids: frontier, within });
      return new Map(rows.map((r) => [r.key, r.others]));
    };
    const degreesOf = async (frontier: string[]) => {
      const rows = await this.db.read<{ key: string; degree: number }>('concept-degrees', { ids: frontier });
      return new Map(rows.map((r) => [r.key, r.degree]));
    };
    const commonNeighbour = async (a: string, b: string) =>
      (await this.db.read<{ middle: string | null }>('concept-common-neighbour', { a, b }))[0]?.middle ?? null;
    const ids = await bidirectionalShortestPath(fromConceptId, toConceptId, maxHops, neighboursOf, { linksBetween, degreesOf, commonNeighbour });
    if (!ids) return null;
    const pairs = ids.slice(1).map((b, i) => ({ a: ids[i]!, b }));
    const [nodes, edgeRows] = await Promise.all([
      this.conceptNodes(ids),
      pairs.length === 0
        ? Promise.resolve([])
        : this.db.read<EdgeBetweenRow>('edges-between-pairs', { pairs }),
    ]);
    const edges = pairs.map(({ a, b }, i) => edgeBetween(a, b, edgeRows.filter((r) => r.index === i)));
    return { hops: ids.length - 1, nodes, edges };
  }

  /** The RELATED_TO and BROADER neighbours of each concept, either direction: one level of a path search. */
  private async conceptNeighbours(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.read<{ key: string; others: string[] }>('concept-neighbours', { ids });
    return new Map(rows.map((r) => [r.key, r.others]));
  }

  async paths(fromConceptId: string, toConceptId: string, maxHops: number, first: number): Promise<GraphPath[]> {
    const ends = await this.conceptsByIds([fromConceptId, toConceptId]);
    if (ends.some((c) => c === null)) return [];
    const found = await kShortestPaths(fromConceptId, toConceptId, maxHops, first, (frontier) => this.conceptNeighbours(frontier));
    const pairs = found.flatMap((ids) => ids.slice(1).map((b, i) => ({ a: ids[i]!, b })));
    const [nodes, edgeRows] = await Promise.all([
      this.conceptNodes(unique(found.flat())),
      pairs.length === 0 ? Promise.resolve([]) : this.db.read<EdgeBetweenRow>('edges-between-pairs', { pairs }),
    ]);
    const nodeById = new Map(nodes.map((n) => [n.id, n]));
    const rowsByPair = pairs.map(() => [] as EdgeBetweenRow[]);
    for (const row of edgeRows) rowsByPair[row.index]!.push(row);
    let offset = 0;
    return found.map((ids) => {
      const edges = ids.slice(1).map((b, i) => edgeBetween(ids[i]!, b, rowsByPair[offset + i]!));
      offset += ids.length - 1;
      return { hops: ids.length - 1, nodes: ids.map((id) => nodeById.get(id)!), edges };
    });
  }

  /**
   * `rankSimilar` over every paper sharing a concept, without listing them all. The paper's
   * concepts are read rarest first (highest idf), a group of short lists at a time (a list of up to
   * TOP_LIST_SIZE papers is the concept's head, read without visiting its relationships); a paper's
   * sum is the idf of the concepts read that it shares. `floor` never exceeds the answer's
   * `first`-th score: the `first`-th of the sums (they only grow), or of the full scores of the
   * papers leading, taken before a long list is read. Once the concepts left could not lift a
   * paper not met yet to it, their lists are not read: the papers met are completed with their
   * mentions of those concepts, highest sum first, while they can still make the cut.
   */
  async similarPapers(paperId: string, first: number): Promise<SimilarPaper[]> {
    const mine = await this.db.read<{ totalPapers: number; conceptId: string; paperCount: number }>('similar-paper-concepts', { paperId });
    if (mine.length === 0 || first <= 0) return [];
    const totalPapers = mine[0]!.totalPapers;
    const paperCount = new Map(mine.map((c) => [c.conceptId, c.paperCount]));
    const concepts = [...paperCount]
      .map(([id, count]) => ({ id, count, idf: conceptIdf(totalPapers, count) }))
      .sort((a, b) => b.idf - a.idf || compareIds(a.id, b.id));
    const rest = new Float64Array(concepts.length + 1);
    for (let i = concepts.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + concepts[i]!.idf;
    const margin = 1e-9 * Math.max(1, rest[0]!);
    const idfOf = new Map(concepts.map((c) => [c.id, c.idf]));
    /** Papers met: the concepts read that they share, and the sum of their idfs. */
    const met = new Map<string, { shared: string[]; sum: number }>();
    const kth = (values: Iterable<number>) => {
      const top = new TopScores(first);
      for (const v of values) top.offer(v);
      return top.floor();
    };
    const sums = () => [...met.values()].map((m) => m.sum);
    /** Each paper's mentions of `among`, by paper id. */
    const mentionsAmong = async (ids: readonly string[], among: readonly string[]) => {
      // The chunks are independent reads: sent together, the database works on them side by side.
      const found = new Map<string, string[]>();
      const reads = chunks(ids, SIMILAR_COMPLETE_BATCH).map((chunk) =>
        this.db.read<{ id: string; shared: string[] }>('mentions-of-papers-among', { ids: chunk, concepts: among }),
      );
      for (const rows of await Promise.all(reads)) for (const r of rows) found.set(r.id, r.shared);
      return found;
    };
    let floor = Number.NEGATIVE_INFINITY;
    let i = 0;
    while (i < concepts.length) {
      if (met.size >= first) {
        floor = Math.max(floor, kth(sums()));
        // No paper not met can make it: stop once completing those that can costs less than the next list.
        if (rest[i]! < floor - margin) {
          let pending = 0;
          for (const m of met.values()) if (m.sum + rest[i]! >= floor - margin) pending++;
          if (pending * SIMILAR_COMPLETION_COST <= concepts[i]!.count) break;
        }
        if (concepts[i]!.count > SIMILAR_LONG_LIST && rest[i]! >= floor - margin) {
          // Before a long list: the full scores of the papers leading.
          const leaders = [...met].sort((a, b) => b[1].sum - a[1].sum).slice(0, 4 * first);
          const unread = concepts.slice(i).map((c) => c.id);
          const more = await mentionsAmong(leaders.map(([id]) => id), unread);
          floor = Math.max(floor, kth(leaders.map(([id, m]) => m.sum + (more.get(id) ?? []).reduce((x, c) => x + idfOf.get(c)!, 0))));
          if (rest[i]! < floor - margin) break;
        }
      }
      // A group of short lists, or one long list.
      const group = [concepts[i]!];
      for (let listed = group[0]!.count; i + group.length < concepts.length; ) {
        const next = concepts[i + group.length]!;
        if (next.count > SIMILAR_LONG_LIST || listed + next.count > SIMILAR_GROUP_LISTED) break;
        listed += next.count;
        group.push(next);
      }
      const rows = await this.db.read<{ id: string; papers: string[] }>('papers-of-concept-lists', { ids: group.map((c) => c.id) });
      for (const { id: conceptId, papers } of rows) {
        const idf = idfOf.get(conceptId)!;
        for (const id of papers) {
          if (id === paperId) continue;
          const m = met.get(id);
          if (m) {
            m.shared.push(conceptId);
            m.sum += idf;
          } else met.set(id, { shared: [conceptId], sum: idf });
        }
      }
      i += group.length;
    }
    let candidates = [...met];
    if (i < concepts.length) {
      // The papers met, completed with the concepts not read, highest sum first, while they can
      // still make the cut (which rises with the completed scores).
      const unread = concepts.slice(i).map((c) => c.id);
      const completed = new TopScores(first);
      let bar = Math.max(floor, kth(sums())) - margin;
      const order = candidates.filter(([, m]) => m.sum + rest[i]! >= bar).sort((a, b) => b[1].sum - a[1].sum || compareIds(a[0], b[0]));
      candidates = [];
      for (let at = 0, size = 4 * first; at < order.length && order[at]![1].sum + rest[i]! >= bar; size *= 4) {
        const batch = [];
        for (; at < order.length && batch.length < size && order[at]![1].sum + rest[i]! >= bar; at++) batch.push(order[at]!);
        const more = await mentionsAmong(batch.map(([id]) => id), unread);
        for (const [id, m] of batch) {
          for (const c of more.get(id) ?? []) {
            m.shared.push(c);
            m.sum += idfOf.get(c)!;
          }
          candidates.push([id, m]);
          completed.offer(m.sum);
        }
        bar = Math.max(bar, completed.floor() - margin);
      }
    }
    const ranked = rankSimilar(
      candidates.map(([id, m]) => ({
        paper: { id } as PaperRecord,
        shared: m.shared.map((conceptId) => ({ conceptId, paperCount: paperCount.get(conceptId)! })),
      })),
      totalPapers,
      first,
    );
    const papers = await this.paperMap(ranked.map((s) => s.paper.id));
    return ranked.map((s) => ({ ...s, paper: papers.get(s.paper.id)! }));
  }

  /**
   * The full-text indexes give every node the shared scorers can score above zero, best upper
   * bound first (see search-plan.ts); the scorers rank them as the embedded store does. Concepts,
   * then repositories, then papers are read a batch at a time while an unread one could still
   * reach the first `first` hits, so a query matching thousands of nodes reads few of them.
   *
   * Papers: their exact scores are computed in the database (token hits from their token lists,
   * the phrase in their title or abstract), so only ids and scores cross the wire until the answer
   * is known. Thousands of papers often score alike (every token in title and abstract); the first
   * by id among them are found by reading papers in id order, where they are dense.
   */
  async search(query: string, first: number): Promise<SearchHit[]> {
    const q = parseSearchQuery(query);
    if (q.tokens.length === 0 || first <= 0) return [];
    const plan = searchPlan(q);
    const top = new TopHits(first);
    const hitsOf = new Map<string, number>();
    const paperSearch = plan.papers.queries ? this.paperSearch(q, plan.papers, first, top, hitsOf) : null;
    if (paperSearch && q.tokens.length > 1) await paperSearch.start();
    await this.searchNodes('search-concepts', plan.concepts, 'CONCEPT', first, top, (row) => {
      const concept = toConcept(row as unknown as ConceptRow);
      const score = scoreConcept(q, conceptSearchDoc(concept));
      return score > 0 ? { kind: 'CONCEPT', score, concept } : null;
    });
    // A repository the query names scores 2; the index bounds the others' shares.
    const slash = q.phrase.indexOf('/');
    const named = await this.db.read<{ record: RepositoryRow }>('repositories-named', {
      phrase: q.phrase,
      owner: slash < 0 ? null : q.phrase.slice(0, slash),
      name: slash < 0 ? null : q.phrase.slice(slash + 1),
    });
    for (const { record } of named) {
      const repository = toRepository(record);
      const score = scoreRepository(q, repository);
      if (score > 0) top.offer({ kind: 'REPOSITORY', score, repository });
    }
    await this.searchNodes('search-repositories', plan.repositories, 'REPOSITORY', first, top, (row) => {
      const repository = toRepository(row as unknown as RepositoryRow);
      const score = scoreRepository(q, repository);
      return score > 0 ? { kind: 'REPOSITORY', score, repository } : null;
    }, named.map((r) => r.record.id));
    if (paperSearch) await paperSearch.finish();
    else await this.searchPapersByRecords(q, plan.papers, top);
    // Papers found by id and score: their records are read for the answer, its scores computed again from them.
    const found = top.hits();
    const pending = found.flatMap((h) => (h.kind === 'PAPER' && hitsOf.has(h.paper.id) ? [h.paper.id] : []));
    const papers = await this.paperMap(pending);
    return rankHits(
      found.map((h) => {
        if (h.kind !== 'PAPER' || !hitsOf.has(h.paper.id)) return h;
        const paper = papers.get(h.paper.id);
        if (!paper) throw new Error(`paper ${h.paper.id} disappeared while a search read it`);
        return { kind: 'PAPER', score: paperScoreOfHits(q, paper, hitsOf.get(paper.id)!), paper };
      }),
      first,
    );
  }

  /**
   * Concepts or repositories by bound, best first: of the first `limit` by bound, those that could
   * still enter `top`, in the order of equal scores, `take` at a time; then the first eight times as
   * many (Lucene orders equal scores its own way, so a round reads from the start, leaving out those
   * read), while an unread one could enter. Each read that can enter is scored by `score`.
   */
  private async searchNodes(
    query: 'search-concepts' | 'search-repositories',
    plan: BoundQueries,
    kind: 'CONCEPT' | 'REPOSITORY',
    first: number,
    top: TopHits,
    score: (record: Record<string, unknown>) => SearchHit | null,
    readBefore: readonly string[] = [],
  ): Promise<void> {
    const read = new Set(readBefore);
    const boundOf = (luceneScore: number) => luceneScore / plan.scale;
    /** The least Lucene score whose bound reaches `floor` (less the slack). */
    const scoreFor = (floor: number) => (floor === Number.NEGATIVE_INFINITY ? -1 : (floor - boundSlack(floor)) * plan.scale);
    let limit = this.searchRows.nodes;
    let take = Math.max(this.searchRows.take, 2 * first);
    for (;;) {
      const [result] = await this.db.read<{
        count: number;
        last: number | null;
        kept: number;
        rows: { bound: number; record: Record<string, unknown> & { id: string; paperCount?: number } }[];
      }>(query, {
        queries: plan.queries,
        limit,
        take,
        minScore: scoreFor(top.floor()),
        exclude: Object.fromEntries([...read].map((id) => [id, true])),
      });
      if (!result) return;
      let rest = true;
      for (const row of result.rows) {
        read.add(row.record.id);
        const bound = boundOf(row.bound);
        if (!top.mayEnter(bound, kind, row.record)) {
          // Rows come by bound, then as equal scores rank: past one that cannot enter, none can,
          // unless it lost to an equal score by id alone (ids may sort otherwise in the database).
          const last = top.hits().at(-1)!;
          const byIdAlone = last.kind === kind && (kind !== 'CONCEPT' || row.record.paperCount === (last as { concept: ConceptRecord }).concept.paperCount);
          if (top.mayEnter(bound, kind) && byIdAlone) continue;
          rest = false;
          break;
        }
        const hit = score(row.record);
        if (hit) top.offer(hit);
      }
      if (rest && result.kept > result.rows.length) {
        take *= 4;
        continue;
      }
      if (result.count < limit || result.last === null || !top.mayEnter(boundOf(result.last), kind)) return;
      limit *= 8;
    }
  }

  /**
   * Papers whose exact scores the database computes (see search()), by bound: `start()` reads
   * the first batch (with several tokens it comes first, as the phrase in titles often sets a bar
   * concepts and repositories then rarely pass), `finish()` reads batches eight times larger, each
   * giving its `first` best, while an unread paper could enter `top`. Once the unread can at best
   * equal the last hit kept, only papers before it by id can take its place: they are also looked
   * for in id order, where they are dense, a round of each way at a time until one settles it.
   */
  private paperSearch(q: SearchQuery, plan: PaperQueries, first: number, top: TopHits, hitsOf: Map<string, number>) {
    const most = 1 + maxPhraseBonus(q);
    const params = {
      tokens: q.tokens.map((token) => ({ token, prefix: [...token].length >= MIN_PREFIX })),
      phrase: plan.phrase,
      n: q.tokens.length,
    };
    const offer = (rows: readonly { id: string; hits: number; score: number }[]) => {
      for (const r of rows) {
        if (hitsOf.has(r.id)) continue;
        hitsOf.set(r.id, r.hits);
        top.offer({ kind: 'PAPER', score: r.score, paper: { id: r.id } as PaperRecord });
      }
    };
    let limit = 0;
    /** The bound of the papers not read yet; null when every one was read. */
    let unread: number | null = most;
    /** The papers of the kind of the last hit kept, and which of them, an equal score takes the place of: its id as the bound of ids. */
    const beforeOf = (last: SearchHit) => (last.kind === 'PAPER' ? last.paper.id : last.kind === 'REPOSITORY' ? EVERY_ID_BEFORE : '');
    const byBound = async () => {
      limit = limit === 0 ? this.searchRows.papers : limit * 8;
      // Only papers that can still enter have their exact scores computed.
      const floor = top.floor();
      const full = floor !== Number.NEGATIVE_INFINITY;
      const [row] = await this.db.read<{ last: number | null; best: { id: string; hits: number; score: number }[] }>('search-paper-top', {
        ...params,
        queries: plan.queries,
        limit,
        k: first,
        above: full ? (floor + boundSlack(floor) - plan.everyBonus) * plan.scale : -1,
        atLeast: full ? (floor - boundSlack(floor) - plan.everyBonus) * plan.scale : -1,
        before: full ? beforeOf(top.hits()[first - 1]!) : EVERY_ID_BEFORE,
      });
      offer(row?.best ?? []);
      unread = row?.last == null ? null : row.last / plan.scale + plan.everyBonus;
    };
    let from: string | null = '';
    let met = 0;
    /** One round in id order of the papers at least as good as the last hit kept and before it. */
    const byId = async (floor: number) => {
      const rows = await this.db.read<{ next: string | null; id: string | null; hits: number; score: number }>('search-paper-scan', {
        ...params,
        from,
        before: beforeOf(top.hits()[first - 1]!),
        cap: this.searchRows.scan,
        floor,
        k: first - met,
      });
      const found = rows.filter((r): r is typeof r & { id: string } => r.id !== null);
      offer(found);
      met += found.length;
      from = met >= first ? null : (rows.find((r) => r.id === null)?.next ?? null);
    };
    const settled = () => unread === null || !top.mayEnter(unread, 'PAPER');
    return {
      start: async (): Promise<void> => {
        if (!settled()) await byBound();
      },
      finish: async (): Promise<void> => {
        if (limit === 0 && !settled()) await byBound();
        while (!settled()) {
          const floor = top.floor();
          if (floor === Number.NEGATIVE_INFINITY || unread! > floor + boundSlack(floor)) {
            await byBound();
            continue;
          }
          await byId(floor);
          if (from === null) return;
          await byBound();
        }
      },
    };
  }

  /**
   * Papers when the database cannot tell the phrase bonus (a phrase beyond printable ASCII): every
   * paper holding a query token, by the most it can score, their records read best first a batch
   * at a time while they could still enter `top`.
   */
  private async searchPapersByRecords(q: SearchQuery, plan: PaperQueries, top: TopHits): Promise<void> {
    const most = maxPhraseBonus(q);
    if (!top.mayEnter(1 + most, 'PAPER')) return;
    const rows = await this.db.read<{ id: string; hits: number }>('search-paper-hits', { queries: plan.hitQueries, phrase: null });
    const sorted = rows
      .map((r) => ({ ...r, bound: r.hits / (3 * q.tokens.length) + most }))
      .sort((a, b) => b.bound - a.bound || compareIds(a.id, b.id));
    for (let i = 0; i < sorted.length && top.mayEnter(sorted[i]!.bound, 'PAPER'); ) {
      const batch: typeof sorted = [];
      for (; i < sorted.length && batch.length < SEARCH_PAPER_BATCH; i++) {
        if (top.mayEnter(sorted[i]!.bound, 'PAPER', sorted[i]!)) batch.push(sorted[i]!);
      }
      const papers = await this.paperMap(batch.map((b) => b.id));
      for (const { id, hits } of batch) {
        const paper = papers.get(id);
        const score = paper ? paperScoreOfHits(q, paper, hits) : 0;
        if (paper && score > 0) top.offer({ kind: 'PAPER', score, paper });
      }
    }
  }

  /** Search scores of the papers matching `query` (only those above zero). */
  private async paperScores(query: string): Promise<Map<string, number>> {
    const q = parseSearchQuery(query);
    const scores = new Map<string, number>();
    if (q.tokens.length === 0) return scores;
    const plan = searchPlan(q).papers;
    const rows = await this.db.read<{ id: string; hits: number; phrase: 2 | 1 | 0 | null }>('search-paper-hits', {
      queries: plan.hitQueries,
      phrase: plan.phrase,
    });
    // The phrase's place, when the database could not tell it, from the records.
    const records = q.tokens.length > 1 && plan.phrase === null ? await this.paperMap(rows.map((r) => r.id)) : null;
    for (const { id, hits, phrase } of rows) {
      const doc = records?.get(id) ?? { title: phrase === 2 ? q.phrase : '', abstract: phrase === 1 ? q.phrase : '' };
      const score = paperScoreOfHits(q, doc, hits);
      if (score > 0) scores.set(id, score);
    }
    return scores;
  }

  async stats(): Promise<GraphStats> {
    const [row] = await this.db.read<GraphStats>('stats');
    if (!row) throw new Error('the stats query returned no row');
    return { papers: row.papers, concepts: row.concepts, repositories: row.repositories, mentions: row.mentions };
  }

  async exportGraph(): Promise<GraphData> {
    const [papers, concepts, repositories, mentions, hasCode, related, broader] = await Promise.all([
      this.allPapers(),
      this.db.read<{ concept: ConceptRow }>('export-concepts'),
      this.db.read<{ repository: RepositoryRow }>('export-repositories'),
      this.db.read<MentionRowOut>('export-mentions'),
      this.db.read<{ paperId: string; repositoryId: string }>('export-has-code'),
      this.db.read<{ source: string; target: string; sharedPapers: number; weight: number }>('export-related'),
      this.db.read<{ narrower: string; broader: string }>('export-broader'),
    ]);
    return canonicalGraph({
      papers,
      concepts: concepts.map((r) => toConcept(r.concept)),
      repositories: repositories.map((r) => toRepository(r.repository)),
      mentions: mentions.map((m) => ({
        paperId: m.paperId,
        conceptId: m.conceptId,
        count: m.count,
        confidence: m.confidence,
        inTitle: m.inTitle,
        spans: parseJson<Span[]>(m.spansJson, []),
      })),
      hasCode: hasCode.map((h) => ({ paperId: h.paperId, repositoryId: h.repositoryId })),
      related: related.map((r) => ({ source: r.source, target: r.target, sharedPapers: r.sharedPapers, weight: r.weight })),
      broader: broader.map((b) => ({ narrower: b.narrower, broader: b.broader })),
    });
  }

  // ---- helpers -------------------------------------------------------------------------

  private async conceptNodes(ids: readonly string[]): Promise<GraphNode[]> {
    const concepts = await this.conceptsByIds(ids);
    return ids.map((id, i) => {
      const concept = concepts[i];
      if (!concept) throw new Error(`concept ${id} disappeared while its neighbourhood was read`);
      return { id, kind: 'CONCEPT', label: concept.name };
    });
  }
}

/** Slack on a bound computed in another order than the score it bounds (distinct scores differ by far more). */
interface EdgeBetweenRow {
  index: number;
  kind: 'RELATED_TO' | 'BROADER';
  start: string;
  weight: number | null;
  sharedPapers: number | null;
}

/**
 * The edge drawn between two adjacent concepts of a path: RELATED_TO when there is one
 * (from the smaller id), else BROADER in its stored direction.
 */
function edgeBetween(a: string, b: string, rows: EdgeBetweenRow[]): GraphEdge {
  // With a relationship stored both ways, the one a related list ranks first wins.
  const related = rows
    .filter((r) => r.kind === 'RELATED_TO')
    .sort((x, y) => (y.weight ?? 0) - (x.weight ?? 0) || (y.sharedPapers ?? 0) - (x.sharedPapers ?? 0))[0];
  if (related) {
    const [source, target] = a < b ? [a, b] : [b, a];
    return { source, target, kind: 'RELATED_TO', weight: related.weight };
  }
  if (!rows.some((r) => r.kind === 'BROADER')) throw new Error(`no edge between ${a} and ${b}`);
  const aIsNarrower = rows.some((r) => r.kind === 'BROADER' && r.start === a);
  return { source: aIsNarrower ? a : b, target: aIsNarrower ? b : a, kind: 'BROADER', weight: null };
}

/**
 * Refuses a graph Neo4j cannot hold exactly: two nodes with one id, an edge to a node the graph
 * lacks (the upsert would skip it silently), or the same edge twice (MERGE would fold them into one).
 */
function checkGraph(graph: GraphData): void {
  const ids = (label: string, records: readonly { id: string }[]) => {
    const set = new Set<string>();
    for (const { id } of records) {
      if (set.has(id)) throw new Error(`replaceGraph: two ${label} nodes have the id "${id}"`);
      set.add(id);
    }
    return set;
  };
  const papers = ids('Paper', graph.papers);
  const concepts = ids('Concept', graph.concepts);
  const repositories = ids('Repository', graph.repositories);
  const edges = <E>(type: string, list: readonly E[], ends: (e: E) => [string, Set<string>, string, Set<string>]) => {
    const seen = new Set<string>();
    for (const e of list) {
      const [from, fromSet, to, toSet] = ends(e);
      if (!fromSet.has(from) || !toSet.has(to)) {
        throw new Error(`replaceGraph: ${type} edge ${from} -> ${to} refers to a node the graph does not contain`);
      }
      const key = JSON.stringify([from, to]);
      if (seen.has(key)) throw new Error(`replaceGraph: ${type} edge ${from} -> ${to} appears twice`);
      seen.add(key);
    }
  };
  edges('MENTIONS', graph.mentions, (m) => [m.paperId, papers, m.conceptId, concepts]);
  edges('HAS_CODE', graph.hasCode, (h) => [h.paperId, papers, h.repositoryId, repositories]);
  edges('RELATED_TO', graph.related, (r) => [r.source, concepts, r.target, concepts]);
  edges('BROADER', graph.broader, (b) => [b.narrower, concepts, b.broader, concepts]);
}

// ---- rows written ----------------------------------------------------------------------

function paperRow(p: PaperRecord) {
  return {
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    url: p.url,
    year: p.year,
    source: p.source,
    contentHash: p.contentHash,
    linksJson: JSON.stringify(p.links),
    titleTokens: searchTokens(p.title),
    abstractTokens: searchTokens(p.abstract),
  };
}

/** A concept as written; `heads` (see top-lists.ts) when the writer knows them, else the stored ones stay. */
/** Whether a merged head is the stored one: the same entries, array by array. */
function sameHead(merged: object, stored: object | null): boolean {
  if (stored === null) return false;
  const a = merged as Record<string, readonly unknown[]>;
  const b = stored as Record<string, readonly unknown[]>;
  return Object.keys(a).every((k) => {
    const x = a[k]!;
    const y = b[k];
    return y !== undefined && x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

function conceptRow(c: ConceptRecord, heads?: ConceptHeads) {
  const names = [c.name, ...c.aliases];
  return {
    id: c.id,
    name: c.name,
    acronym: c.acronym,
    aliases: c.aliases,
    paperCount: c.paperCount,
    rank: c.rank ?? null,
    community: c.community ?? null,
    lookupKeys: conceptIndexKeys(c),
    keyText: unique(conceptIndexKeys(c).map(keyToken)).join(' '),
    // Lower-cased here, with the function the embedded store filters with, so nameContains agrees exactly.
    lowerNames: names.map((n) => n.toLowerCase()),
    ...conceptSearchText(c),
    relatedTopIds: heads?.related.ids ?? null,
    relatedTopWeights: heads?.related.weights ?? null,
    relatedTopShared: heads?.related.shared ?? null,
    relatedTopOut: heads?.related.out ?? null,
    neighbourTopIds: heads?.neighbours.ids ?? null,
    neighbourTopWeights: heads?.neighbours.weights ?? null,
    neighbourTopOut: heads?.neighbours.out ?? null,
    paperTopIds: heads?.papers.ids ?? null,
    paperTopConfidences: heads?.papers.confidences ?? null,
  };
}

function mentionRow(m: MentionRecord) {
  return {
    paperId: m.paperId,
    conceptId: m.conceptId,
    count: m.count,
    confidence: m.confidence,
    inTitle: m.inTitle,
    spansJson: JSON.stringify(m.spans),
  };
}

function repositoryRow(r: RepositoryRecord) {
  return {
    id: r.id,
    url: r.url,
    host: r.host,
    owner: r.owner,
    name: r.name,
    searchText: repositoryTokens(r).join(' '),
  };
}

// ---- rows read -------------------------------------------------------------------------

function toPaper(row: PaperRow): PaperRecord {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    url: row.url ?? null,
    year: row.year ?? null,
    source: row.source,
    contentHash: row.contentHash,
    links: parseJson<PaperLink[]>(row.linksJson, []),
  };
}

function toConcept(row: ConceptRow): ConceptRecord {
  const concept: ConceptRecord = {
    id: row.id,
    name: row.name,
    acronym: row.acronym ?? null,
    aliases: row.aliases ?? [],
    paperCount: row.paperCount,
  };
  if (row.rank != null) concept.rank = row.rank;
  if (row.community != null) concept.community = row.community;
  return concept;
}

function toRepository(row: RepositoryRow): RepositoryRecord {
  return { id: row.id, url: row.url, host: row.host, owner: row.owner, name: row.name };
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  return text === null || text === undefined ? fallback : (JSON.parse(text) as T);
}


// ---- small utilities -------------------------------------------------------------------

/** Rows grouped by their `key`, in row order, as one list per requested key (empty when none). */
function align<R extends { key: string }, T>(keys: readonly string[], rows: readonly R[], map: (row: R) => T): T[][] {
  const groups = groupBy(rows, map);
  return keys.map((k) => groups.get(k) ?? []);
}

function groupBy<R extends { key: string }, T>(rows: readonly R[], map: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.key);
    if (list) list.push(map(row));
    else groups.set(row.key, [map(row)]);
  }
  return groups;
}

/** A lookup key as one whitespace-free, case-stable token of the kg_concept_keys index: its UTF-8 in hex. */
function keyToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('hex');
}

/** The Lucene query finding concepts with any of `keys` in kg_concept_keys (tokens are hex: no escaping needed). */
function keyQuery(keys: readonly string[]): string {
  return unique(keys.map(keyToken))
    .map((t) => `"${t}"`)
    .join(' OR ');
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
