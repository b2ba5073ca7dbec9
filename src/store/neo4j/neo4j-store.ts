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
  rankByCount,
  rankByIdfCount,
  rankHits,
  rankPairPapers,
  rankPapersByMentions,
  rankSimilar,
  TopScores,
  type MentionRow,
  type SimilarCandidate,
  type WeightedNeighbour,
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
  conceptNameFuzzyKeys,
  conceptSearchDoc,
  conceptTokens,
  MIN_PREFIX,
  paperSearchDoc,
  parseSearchQuery,
  queryFuzzyKeys,
  repositoryTokens,
  scoreConcept,
  maxPhraseBonus,
  paperScoreOfHits,
  scorePaper,
  scoreRepository,
  searchTokens,
  type SearchQuery,
} from '../search-scoring.js';
import { Executor, type Neo4jConnection } from './executor.js';

/** Schema statements run by init(), each in a transaction of its own, in this order. */
const SCHEMA_QUERIES = [
  'schema-paper-id-unique',
  'schema-concept-id-unique',
  'schema-repository-id-unique',
  'schema-search-fulltext',
  'schema-paper-year-index',
  'schema-concept-paper-count-index',
  'schema-concept-name-index',
  'schema-concept-fuzzy-fulltext',
  'schema-concept-community-index',
  'schema-concept-rank-index',
  'schema-concept-keys-fulltext',
] as const;

/** Seconds init() waits for new indexes to come online. */
const INDEX_WAIT_SECONDS = 300;

/** Rows per UNWIND batch: big enough to amortise round trips, small enough to keep transactions light. */
const DEFAULT_BATCH_SIZE = 2000;

/** The full-text index of concepts' lookup keys (schema-concept-keys-fulltext.cypher). */
const KEYS_INDEX = 'kg_concept_keys';

/** Clauses per Lucene query; Lucene refuses queries of more than 1024 clauses. */
const SEARCH_CLAUSES_PER_QUERY = 512;

/** Above any neighbourhood limit: the per-concept bound of related-neighbours.cypher. */
const NEIGHBOURS_PER_CONCEPT_MAX = 100_000;

/** About how many papers similarPapers lists first, from the rarest concepts, to find the score to beat. */
const SIMILAR_FIRST_LISTED = 500;

/** Paper records read at a time while ranking search hits. */
const SEARCH_PAPER_BATCH = 50;

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
 * `MENTIONS`, `HAS_CODE`, `RELATED_TO` (stored once, source < target) and `BROADER`
 * (narrower -> broader). Spans and links are JSON text properties. Every node also carries
 * `searchText` (its search tokens, for the full-text index) and `gen` (the replacement that
 * wrote it; relationships carry it too); concepts carry `lowerNames` for the name filter.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly db: Executor;
  /** Serialises replacements made through this instance; each one sweeps whatever the others wrote. */
  private replacing: Promise<unknown> = Promise.resolve();

  /** Rows per write batch and per sweep batch. */
  protected batchSize = DEFAULT_BATCH_SIZE;

  constructor(config: Neo4jConnection) {
    this.db = new Executor(config);
  }

  async init(): Promise<void> {
    for (const name of SCHEMA_QUERIES) await this.db.write(name);
    await this.db.read('schema-await-indexes', { timeoutSeconds: INDEX_WAIT_SECONDS });
    await this.addMissingSearchTokens();
    await this.addMissingLookupKeys();
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
    // Nodes first: the relationship upserts MATCH their end points.
    await upsert('upsert-papers', graph.papers.map(paperRow));
    await upsert('upsert-concepts', graph.concepts.map(conceptRow));
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
    await upsert('upsert-concepts', delta.concepts.map(conceptRow));
    await upsert('upsert-repositories', delta.repositories.map(repositoryRow));
    await upsert('upsert-mentions', delta.mentions.map(mentionRow));
    await upsert('upsert-has-code', delta.hasCode);
    await upsert('upsert-related', delta.related);
    await upsert('upsert-broader', delta.broader);
    return summary;
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
    const [center] = await this.conceptsByIds([conceptId]);
    if (!center) return { nodes: [], edges: [] };
    const included = await expandNeighbourhood(conceptId, options, async (ids, bounds) => {
      const rows = await this.db.read<{ key: string; other: string; weight: number }>('related-neighbours', {
        ids,
        places: Math.min(bounds.places, NEIGHBOURS_PER_CONCEPT_MAX),
        seen: bounds.seen,
        minWeight: bounds.minWeight,
      });
      return groupBy(rows, (r): WeightedNeighbour => ({ other: r.other, weight: r.weight }));
    });
    const [nodes, edgeRows] = await Promise.all([
      this.conceptNodes(included),
      this.db.read<{ kind: 'RELATED_TO' | 'BROADER'; source: string; target: string; weight: number | null }>(
        'edges-among-concepts',
        { ids: included },
      ),
    ]);
    const edges: GraphEdge[] = [];
    for (const e of edgeRows) {
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
    const neighboursOf = async (frontier: string[]) => {
      const rows = await this.db.read<{ key: string; others: string[] }>('concept-neighbours', { ids: frontier });
      return new Map(rows.map((r) => [r.key, r.others]));
    };
    const ids = await bidirectionalShortestPath(fromConceptId, toConceptId, maxHops, neighboursOf);
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

  async paths(fromConceptId: string, toConceptId: string, maxHops: number, first: number): Promise<GraphPath[]> {
    const ends = await this.conceptsByIds([fromConceptId, toConceptId]);
    if (ends.some((c) => c === null)) return [];
    const found = await kShortestPaths(fromConceptId, toConceptId, maxHops, first, async (frontier) => {
      const rows = await this.db.read<{ key: string; others: string[] }>('concept-neighbours', { ids: frontier });
      return new Map(rows.map((r) => [r.key, r.others]));
    });
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
   * Candidates are read a few concepts' papers at a time, rarest concepts first: a paper met only
   * in the papers of the most common concepts scores at most the sum of their IDFs, so once that
   * sum is below the `first`-th score already found, those concepts' papers are never listed.
   * A concept in half the corpus then costs nothing unless the answer needs it.
   */
  async similarPapers(paperId: string, first: number): Promise<SimilarPaper[]> {
    const mine = await this.db.read<{ totalPapers: number; conceptId: string; paperCount: number }>('similar-paper-concepts', { paperId });
    if (mine.length === 0 || first <= 0) return [];
    const totalPapers = mine[0]!.totalPapers;
    const paperCount = new Map(mine.map((c) => [c.conceptId, c.paperCount]));
    const rarestFirst = [...mine].sort((a, b) => a.paperCount - b.paperCount || compareIds(a.conceptId, b.conceptId));
    const candidates = new Map<string, SimilarCandidate>();
    const readVia = async (concepts: typeof mine) => {
      const rows = await this.db.read<{ id: string; shared: string[] }>('similar-papers-via', { paperId, via: concepts.map((c) => c.conceptId) });
      for (const r of rows) {
        // Ranked on ids (the ranking needs nothing else of a paper); only the kept papers are read.
        const shared = r.shared.map((conceptId) => ({ conceptId, paperCount: paperCount.get(conceptId)! }));
        candidates.set(r.id, { paper: { id: r.id } as PaperRecord, shared });
      }
    };
    let rare = 0;
    for (let listed = 0; rare < rarestFirst.length && (rare === 0 || listed + rarestFirst[rare]!.paperCount <= SIMILAR_FIRST_LISTED); rare++) {
      listed += rarestFirst[rare]!.paperCount;
    }
    await readVia(rarestFirst.slice(0, rare));
    const found = rankSimilar([...candidates.values()], totalPapers, first);
    const floor = found.length === first ? found[first - 1]!.score : Number.NEGATIVE_INFINITY;
    // The most common concepts whose IDFs together stay below the floor (with a margin for rounding).
    let common = rarestFirst.length;
    for (let bound = 0; common > rare; common--) {
      bound += conceptIdf(totalPapers, rarestFirst[common - 1]!.paperCount);
      if (bound * (1 + 1e-9) >= floor) break;
    }
    if (common > rare) await readVia(rarestFirst.slice(rare, common));
    const ranked = rankSimilar([...candidates.values()], totalPapers, first);
    const papers = await this.paperMap(ranked.map((s) => s.paper.id));
    return ranked.map((s) => ({ ...s, paper: papers.get(s.paper.id)! }));
  }

  /**
   * Candidates come from the full-text indexes: every node holding a query token or a word it
   * starts (`kg_search`), and every concept a typo away (`kg_concept_fuzzy`). That is every node
   * the shared scorers can give a score above zero; they then rank them as the embedded store does.
   */
  async search(query: string, first: number): Promise<SearchHit[]> {
    const q = parseSearchQuery(query);
    if (q.tokens.length === 0) return [];
    const [candidates, paperHits] = await Promise.all([this.searchCandidates(q, false), this.searchPaperHits(q)]);
    const hits: SearchHit[] = [];
    for (const { kind, record } of candidates) {
      if (kind === 'CONCEPT') {
        const concept = toConcept(record);
        const score = scoreConcept(q, conceptSearchDoc(concept));
        if (score > 0) hits.push({ kind, score, concept });
      } else if (kind === 'REPOSITORY') {
        const repository = toRepository(record);
        const score = scoreRepository(q, repository);
        if (score > 0) hits.push({ kind, score, repository });
      }
    }
    // Papers by the most they can score: their token hits (counted by the database) and the phrase
    // bonus they can get (the database says where the phrase may be). Their records are read, best
    // first, a batch at a time, only while they could still reach the first `first` hits.
    const best = new TopScores(first);
    for (const h of hits) best.offer(h.score);
    const sorted = paperHits
      .map((h) => {
        const bonus = phraseBonusBound(q, h.phrase);
        return { ...h, most: h.hits / (3 * q.tokens.length) + bonus, exact: bonus === 0 };
      })
      .sort((a, b) => b.most - a.most || compareIds(a.id, b.id));
    for (let i = 0; i < sorted.length && sorted[i]!.most >= best.floor(); ) {
      // A paper whose score is known without its record (`exact`) and only equal to the `first`-th
      // hit's takes its place only by the order of equal scores: kind, then id.
      const floor = best.floor();
      const last = floor === Number.NEGATIVE_INFINITY ? null : rankHits(hits, first)[first - 1]!;
      const beatsTie = (id: string) =>
        last === null ||
        SEARCH_KIND_ORDER.PAPER < SEARCH_KIND_ORDER[last.kind] ||
        (last.kind === 'PAPER' && compareIds(id, last.paper.id) < 0);
      const batch: { id: string; hits: number }[] = [];
      for (; i < sorted.length && batch.length < SEARCH_PAPER_BATCH && sorted[i]!.most >= floor; i++) {
        const h = sorted[i]!;
        if (h.most > floor || !h.exact || beatsTie(h.id)) batch.push(h);
      }
      if (batch.length === 0) continue;
      const papers = await this.paperMap(batch.map((b) => b.id));
      for (const { id, hits: n } of batch) {
        const paper = papers.get(id);
        const score = paper ? paperScoreOfHits(q, paper, n) : 0;
        if (score <= 0 || !paper) continue;
        best.offer(score);
        hits.push({ kind: 'PAPER', score, paper });
      }
    }
    return rankHits(hits, first);
  }

  /**
   * Token hits of every paper holding a query token or a word it starts, and where the query's
   * phrase may appear (see search-paper-hits.cypher).
   *
   * Note: the phrase is looked up in the database only when it is printable ASCII, where Cypher's
   * toLower() and JavaScript's toLowerCase() agree (both map İ to "i̇" and the Kelvin sign to k),
   * as long as the server's JVM does not run in a Turkish, Azeri or Lithuanian locale; otherwise
   * every paper may get the whole bonus.
   */
  private async searchPaperHits(q: SearchQuery): Promise<PaperHits[]> {
    const tokens = q.tokens.map((token) => ({ token, prefix: [...token].length >= MIN_PREFIX }));
    const phrase = maxPhraseBonus(q) > 0 && /^[ -~]*$/.test(q.phrase) ? q.phrase : null;
    return this.db.read<PaperHits>('search-paper-hits', { queries: this.luceneQueries(q), tokens, phrase });
  }

  /** The Lucene queries of a search: each token quoted, and as a prefix term when long enough. */
  private luceneQueries(q: SearchQuery): string[] {
    // Tokens are letters and digits only, so quoting each one (or appending * to it) is a complete escape.
    const clauses = q.tokens.flatMap((t) => ([...t].length >= MIN_PREFIX ? [`"${t}"`, `${t}*`] : [`"${t}"`]));
    return chunks(clauses, SEARCH_CLAUSES_PER_QUERY).map((c) => c.join(' OR '));
  }

  private async searchCandidates(q: SearchQuery, withPapers: boolean) {
    type Candidate = { kind: SearchHit['kind']; record: PaperRow & ConceptRow & RepositoryRow };
    if (q.tokens.length === 0) return [];
    const fuzzy = unique(q.tokens.flatMap(queryFuzzyKeys)).map((k) => `"${k}"`);
    const toQueries = (list: string[]) => chunks(list, SEARCH_CLAUSES_PER_QUERY).map((c) => c.join(' OR '));
    const [direct, typos] = await Promise.all([
      this.db.read<Candidate>('search-candidates', { queries: this.luceneQueries(q), withPapers }),
      fuzzy.length === 0 ? Promise.resolve([]) : this.db.read<Candidate>('search-fuzzy-concepts', { queries: toQueries(fuzzy) }),
    ]);
    const seen = new Set<string>();
    return [...direct, ...typos].filter((c) => {
      const key = `${c.kind}:${c.record.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Search scores of the papers matching `query` (only those above zero). */
  private async paperScores(query: string): Promise<Map<string, number>> {
    const q = parseSearchQuery(query);
    const scores = new Map<string, number>();
    for (const { kind, record } of await this.searchCandidates(q, true)) {
      if (kind !== 'PAPER') continue;
      const score = scorePaper(q, paperSearchDoc(toPaper(record)));
      if (score > 0) scores.set(record.id, score);
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

/** A paper's token hits for a search, and where its phrase may appear. */
interface PaperHits {
  id: string;
  hits: number;
  /** 2: in the title, 1: in the abstract, 0: in neither, null: not looked up. */
  phrase: 2 | 1 | 0 | null;
}

/** The most phrase bonus a paper can get (paperScoreOfHits: 1 in the title, else 0.5 in the abstract). */
function phraseBonusBound(q: SearchQuery, phrase: PaperHits['phrase']): number {
  switch (phrase) {
    case null:
      return maxPhraseBonus(q);
    case 2:
      return 1;
    case 1:
      return 0.5;
    case 0:
      return 0;
  }
}

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
    searchText: unique([...searchTokens(p.title), ...searchTokens(p.abstract)]).join(' '),
    titleTokens: searchTokens(p.title),
    abstractTokens: searchTokens(p.abstract),
  };
}

function conceptRow(c: ConceptRecord) {
  const names = [c.name, ...c.aliases];
  return {
    id: c.id,
    name: c.name,
    acronym: c.acronym,
    aliases: c.aliases,
    paperCount: c.paperCount,
    rank: c.rank ?? null,
    community: c.community ?? null,
    fuzzyText: unique(conceptTokens(c).flatMap(conceptNameFuzzyKeys)).join(' '),
    lookupKeys: conceptIndexKeys(c),
    keyText: unique(conceptIndexKeys(c).map(keyToken)).join(' '),
    // Lower-cased here, with the function the embedded store filters with, so nameContains agrees exactly.
    lowerNames: names.map((n) => n.toLowerCase()),
    // The lower-cased names' tokens too: an exact-name query is matched against the lower-cased name.
    searchText: unique(names.flatMap((n) => [...searchTokens(n), ...searchTokens(n.toLowerCase())])).join(' '),
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
