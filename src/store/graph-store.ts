import type {
  ConceptRecord,
  GraphData,
  MentionRecord,
  PaperRecord,
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
  close(): Promise<void>;

  // ---- writes -------------------------------------------------------------------------

  /** Every stored paper, ordered by id: the input to a graph rebuild. */
  allPapers(): Promise<PaperRecord[]>;
  /**
   * Makes the store hold exactly `graph` (papers, concepts, repositories and every edge),
   * removing whatever it does not contain. Idempotent: applying the same graph twice changes nothing.
   */
  replaceGraph(graph: GraphData): Promise<ReplaceSummary>;

  // ---- point and batch reads (DataLoader friendly: results align with the keys) -------

  papersByIds(ids: readonly string[]): Promise<(PaperRecord | null)[]>;
  conceptsByIds(ids: readonly string[]): Promise<(ConceptRecord | null)[]>;
  repositoriesByIds(ids: readonly string[]): Promise<(RepositoryRecord | null)[]>;
  /** Finds a concept by canonical name, alias or acronym; `keys` come from `conceptLookupKeys`. */
  conceptByLookupKeys(keys: readonly string[]): Promise<ConceptRecord | null>;

  /** A paper's mentions, by confidence descending then concept id. */
  mentionsOfPapers(paperIds: readonly string[]): Promise<MentionRecord[][]>;
  /** Repositories a paper cites, by id. */
  repositoriesOfPapers(paperIds: readonly string[]): Promise<RepositoryRecord[][]>;
  relatedOfConcepts(conceptIds: readonly string[], first: number): Promise<RelatedConcept[][]>;
  broaderOfConcepts(conceptIds: readonly string[]): Promise<ConceptRecord[][]>;
  narrowerOfConcepts(conceptIds: readonly string[]): Promise<ConceptRecord[][]>;
  /** Repositories of papers that mention the concept, by number of such papers desc, then id. */
  repositoriesOfConcepts(conceptIds: readonly string[]): Promise<RepositoryRecord[][]>;
  /** Papers citing the repository, by id. */
  papersOfRepositories(repositoryIds: readonly string[]): Promise<PaperRecord[][]>;
  /** Concepts of the repository's papers, by number of those papers desc, then id. */
  conceptsOfRepositories(repositoryIds: readonly string[]): Promise<ConceptRecord[][]>;

  // ---- lists ---------------------------------------------------------------------------

  listPapers(page: PageRequest, filter: PaperFilter): Promise<Page<PaperRecord>>;
  listConcepts(page: PageRequest, filter: ConceptFilter, order: ConceptOrder): Promise<Page<ConceptRecord>>;
  listRepositories(page: PageRequest): Promise<Page<RepositoryRecord>>;
  /**
   * Papers mentioning the concept (or, with includeNarrower, any concept below it through
   * BROADER edges), by best mention confidence descending, then paper id.
   */
  papersOfConcept(conceptId: string, includeNarrower: boolean, page: PageRequest): Promise<Page<PaperRecord>>;

  // ---- traversal -----------------------------------------------------------------------

  neighbourhood(conceptId: string, options: NeighbourhoodOptions): Promise<Subgraph>;
  /** Shortest path between two concepts over RELATED_TO and BROADER; null when there is none. */
  path(fromConceptId: string, toConceptId: string, maxHops: number): Promise<GraphPath | null>;
  similarPapers(paperId: string, first: number): Promise<SimilarPaper[]>;
  search(query: string, first: number): Promise<SearchHit[]>;
  stats(): Promise<GraphStats>;
}

export interface ReplaceSummary {
  conceptsCreated: number;
  repositoriesCreated: number;
}

/** Offset-based page request; `offset` is decoded from the opaque cursor by the API layer. */
export interface PageRequest {
  first: number;
  offset: number;
}

export interface Page<T> {
  totalCount: number;
  /** Items from `offset`, at most `first` of them. */
  items: T[];
  offset: number;
}

export interface PaperFilter {
  /** Concept id the paper must mention. */
  conceptId?: string;
  hasCode?: boolean;
  year?: number;
}

export interface ConceptFilter {
  minPapers?: number;
  /** Case-insensitive substring of the name or an alias. */
  nameContains?: string;
}

export type ConceptOrder = 'PAPER_COUNT_DESC' | 'NAME_ASC';

export interface RelatedConcept {
  concept: ConceptRecord;
  sharedPapers: number;
  weight: number;
}

export interface NeighbourhoodOptions {
  depth: number;
  limit: number;
  minWeight: number;
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
