import type {
  ConceptRecord,
  GraphData,
  MentionRecord,
  PaperRecord,
  RelatedRecord,
  RepositoryRecord,
} from '../model.js';

/**
 * The one storage port. Resolvers and the ingest pipeline see only this interface;
 * `memory/` (embedded, graphology) and `neo4j/` implement it. Both adapters must give
 * identical answers (same ids, counts, orders); the contract suite in tests/contract checks it.
 *
 * Note: list results have a fixed, total order (ties broken by id) so that pagination and
 * cross-store comparisons are deterministic.
 */
export interface GraphStore {
  readonly kind: 'memory' | 'neo4j';

  /** Connects, creates schema objects / loads the snapshot. Idempotent. */
  init(): Promise<void>;
  /** Throws when the store is not reachable. */
  ping(): Promise<void>;
  /**
   * Builds what the store would otherwise build on first use (the embedded store's search
   * index), so the first requests after start-up are as fast as the rest. The server calls it
   * before it reports ready.
   */
  warm(): Promise<void>;
  close(): Promise<void>;

  // ---- writes -------------------------------------------------------------------------

  /** Every stored paper, ordered by id: the input to a graph rebuild. */
  allPapers(): Promise<PaperRecord[]>;
  /**
   * Makes the store hold exactly `graph` (papers, concepts, repositories and every edge),
   * removing whatever it does not contain. Idempotent: applying the same graph twice changes nothing.
   */
  replaceGraph(graph: GraphData): Promise<ReplaceSummary>;
  /**
   * Adds `delta`'s records to the stored graph, or replaces the stored record with the same key
   * (papers, concepts and repositories by id; MENTIONS and HAS_CODE by their two ends; RELATED_TO
   * by its unordered pair; BROADER by narrower and broader). Removes nothing. Every edge must
   * end at a node stored or in `delta`; otherwise nothing is written. The write of an
   * incremental ingest: its cost follows the delta, not the stored graph.
   */
  applyDelta(delta: GraphData): Promise<ReplaceSummary>;

  // ---- point and batch reads (DataLoader friendly: results align with the keys) -------

  papersByIds(ids: readonly string[]): Promise<(PaperRecord | null)[]>;
  conceptsByIds(ids: readonly string[]): Promise<(ConceptRecord | null)[]>;
  repositoriesByIds(ids: readonly string[]): Promise<(RepositoryRecord | null)[]>;
  /** Finds a concept by canonical name, alias or acronym; `keys` come from `conceptLookupKeys`. */
  conceptByLookupKeys(keys: readonly string[]): Promise<ConceptRecord | null>;
  /** `conceptByLookupKeys` for many names at once; results align with `keyLists`. */
  conceptsByLookupKeys(keyLists: readonly (readonly string[])[]): Promise<(ConceptRecord | null)[]>;
  /** Communities by id (null for an unknown id). */
  communitiesByIds(ids: readonly number[]): Promise<(CommunityRecord | null)[]>;

  /** A paper's mentions, by confidence descending then concept id. */
  mentionsOfPapers(paperIds: readonly string[]): Promise<MentionRecord[][]>;
  /** Repositories a paper cites, by id. */
  repositoriesOfPapers(paperIds: readonly string[]): Promise<RepositoryRecord[][]>;
  /**
   * Co-occurring concepts sharing at least `minShared` papers, by weight desc, then shared papers
   * desc, then id; at most `first` per concept.
   */
  relatedOfConcepts(conceptIds: readonly string[], first: number, minShared?: number): Promise<RelatedConcept[][]>;
  /** The stored RELATED_TO record of each pair (either order), null when the two are not related. */
  relatedOfPairs(pairs: readonly ConceptPair[]): Promise<(RelatedRecord | null)[]>;
  broaderOfConcepts(conceptIds: readonly string[]): Promise<ConceptRecord[][]>;
  narrowerOfConcepts(conceptIds: readonly string[]): Promise<ConceptRecord[][]>;
  /** Repositories of papers that mention the concept, by number of such papers desc, then id. */
  repositoriesOfConcepts(conceptIds: readonly string[]): Promise<RepositoryRecord[][]>;
  /** Papers citing the repository, by id. */
  papersOfRepositories(repositoryIds: readonly string[]): Promise<PaperRecord[][]>;
  /**
   * Concepts of the repository's papers, by IDF-weighted count desc (the number of those papers
   * mentioning the concept times ln(1 + N / paperCount), as in `similarPapers`), then id.
   */
  conceptsOfRepositories(repositoryIds: readonly string[]): Promise<ConceptRecord[][]>;
  /** A community's concepts by rank desc, then id; at most `first` each. */
  conceptsOfCommunities(communityIds: readonly number[], first: number): Promise<ConceptRecord[][]>;
  /**
   * Papers on a community's concepts: by how many of its concepts they mention, then the sum of
   * those mentions' confidences, then id; at most `first` each.
   */
  papersOfCommunities(communityIds: readonly number[], first: number): Promise<PaperRecord[][]>;
  /**
   * For each pair of concepts, the papers mentioning both: by the sum of the two mentions'
   * confidences desc, then id; at most `first` each, with the number of such papers.
   */
  papersOfConceptPairs(pairs: readonly ConceptPair[], first: number): Promise<PairPapers[]>;

  // ---- lists ---------------------------------------------------------------------------

  // Every list is in a total order (its sort key, then id) and pages by keyset: `after` is the
  // key of the last item already seen, so a page never repeats or skips an item that was there.

  listPapers(page: ListRequest, filter: PaperFilter, order: PaperOrder): Promise<ListPage<PaperRecord>>;
  listConcepts(page: ListRequest, filter: ConceptFilter, order: ConceptOrder): Promise<ListPage<ConceptRecord>>;
  /** By id. */
  listRepositories(page: ListRequest): Promise<ListPage<RepositoryRecord>>;
  /** By id, which numbers communities by size, largest first. */
  listCommunities(page: ListRequest): Promise<ListPage<CommunityRecord>>;
  /**
   * Papers mentioning the concept (or, with includeNarrower, any concept below it through
   * BROADER edges), by best mention confidence descending, then paper id.
   */
  papersOfConcept(conceptId: string, includeNarrower: boolean, page: ListRequest): Promise<ListPage<PaperRecord>>;

  // ---- traversal -----------------------------------------------------------------------

  neighbourhood(conceptId: string, options: NeighbourhoodOptions): Promise<Subgraph>;
  /** Shortest path between two concepts over RELATED_TO and BROADER; null when there is none. */
  path(fromConceptId: string, toConceptId: string, maxHops: number): Promise<GraphPath | null>;
  /**
   * Up to `first` loopless paths of at most `maxHops` hops, shortest first, equal lengths in the
   * order of their node ids (so the first one is `path`'s answer).
   */
  paths(fromConceptId: string, toConceptId: string, maxHops: number, first: number): Promise<GraphPath[]>;
  similarPapers(paperId: string, first: number): Promise<SimilarPaper[]>;
  search(query: string, first: number): Promise<SearchHit[]>;
  stats(): Promise<GraphStats>;
  /** The whole stored graph in canonical order (each list sorted by its ids): what `replaceGraph` takes. */
  exportGraph(): Promise<GraphData>;
}

export interface ReplaceSummary {
  conceptsCreated: number;
  repositoriesCreated: number;
}

/** One value of a sort key: a string or a number, never null (absent values sort as a sentinel). */
export type SortValue = string | number;

/** Where an item sits in a list's order: the values it is sorted by, then its id. */
export interface SortKey {
  values: SortValue[];
  id: string;
}

/** A keyset page request: the items after `after` (from the start when null), at most `first`. */
export interface ListRequest {
  first: number;
  after: SortKey | null;
}

export interface ListPage<T> {
  /** Items matching the filter, in all pages. */
  totalCount: number;
  items: T[];
  /** Sort key of each item, aligned with `items`: what a cursor encodes. */
  keys: SortKey[];
  hasNextPage: boolean;
}

export interface PaperFilter {
  /** Concept ids the paper must all mention. */
  conceptIds?: string[];
  hasCode?: boolean;
  year?: number;
  /** Search text the paper must match (a `search` score above zero). */
  search?: string;
}

export interface ConceptFilter {
  minPapers?: number;
  /** Case-insensitive substring of the name or an alias. */
  nameContains?: string;
  community?: number;
}

/**
 * ID_ASC: by id. TITLE_ASC: by title. YEAR_DESC: newest first, papers without a year last.
 * RELEVANCE: by search score (needs `filter.search`), then id.
 */
export type PaperOrder = 'ID_ASC' | 'TITLE_ASC' | 'YEAR_DESC' | 'RELEVANCE';

/** RANK_DESC: by PageRank, unranked concepts last. */
export type ConceptOrder = 'PAPER_COUNT_DESC' | 'NAME_ASC' | 'RANK_DESC';

/** A cluster of concepts (Louvain over RELATED_TO). */
export interface CommunityRecord {
  /** 1 for the largest community, then by size. */
  id: number;
  /** Number of concepts. */
  size: number;
}

export interface ConceptPair {
  a: string;
  b: string;
}

export interface PairPapers {
  /** Number of papers mentioning both concepts. */
  total: number;
  papers: PaperRecord[];
}

export interface RelatedConcept {
  concept: ConceptRecord;
  sharedPapers: number;
  weight: number;
}

export interface NeighbourhoodOptions {
  /** Hops over RELATED_TO from the centre. */
  depth: number;
  /** Most concepts in the subgraph (centre included); also the most papers when papers are included. */
  limit: number;
  /** Lightest RELATED_TO edge followed and drawn. */
  minWeight: number;
  /** Most concepts a single hop adds; null: no limit but `limit`. */
  perHop?: number | null;
  /** Add the papers mentioning the subgraph's concepts (MENTIONS edges). */
  papers?: boolean;
  /** Add the repositories the included papers cite (HAS_CODE edges); needs `papers`. */
  repositories?: boolean;
}

export type NodeKind = 'PAPER' | 'CONCEPT' | 'REPOSITORY';
export type EdgeKind = 'MENTIONS' | 'RELATED_TO' | 'BROADER' | 'HAS_CODE';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  weight: number | null;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphPath extends Subgraph {
  hops: number;
}

export interface SimilarPaper {
  paper: PaperRecord;
  score: number;
  sharedConceptIds: string[];
}

export type SearchHit =
  | { kind: 'PAPER'; score: number; paper: PaperRecord }
  | { kind: 'CONCEPT'; score: number; concept: ConceptRecord }
  | { kind: 'REPOSITORY'; score: number; repository: RepositoryRecord };

export interface GraphStats {
  papers: number;
  concepts: number;
  repositories: number;
  mentions: number;
}
