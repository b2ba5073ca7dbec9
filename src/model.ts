/**
 * The graph model shared by the ingest pipeline and every store (see DESIGN.md).
 * Plain data only: no behaviour, no I/O.
 */

/** Where in a paper a piece of evidence was found. Offsets are UTF-16 code units, end exclusive. */
export interface Span {
  field: 'title' | 'abstract';
  start: number;
  end: number;
}

/** What a non-repository link in an abstract points at. */
export type LinkKind = 'project' | 'dataset' | 'model' | 'paper' | 'other';

export interface PaperLink {
  url: string;
  kind: LinkKind;
}

/** A paper as stored: what was ingested plus its links. */
export interface PaperRecord {
  id: string;
  title: string;
  abstract: string;
  url: string | null;
  year: number | null;
  /** Where the paper came from: a file name, or "api" for the ingest mutation. */
  source: string;
  /** Hash of the fields that matter for extraction; re-ingesting an unchanged paper is a no-op. */
  contentHash: string;
  links: PaperLink[];
}

export interface ConceptRecord {
  /** Slug of the canonical long form, e.g. "concept-bottleneck-model". */
  id: string;
  /** Canonical form: singular, long form, lower case unless the term is a proper name. */
  name: string;
  acronym: string | null;
  /** Every surface form seen, including the name and the acronym. Sorted, unique. */
  aliases: string[];
  paperCount: number;
  /**
   * Weighted PageRank over the RELATED_TO graph (all concepts' ranks sum to 1); set by every
   * ingest, absent in graphs built before ranking existed.
   */
  rank?: number;
  /** Louvain community over the RELATED_TO graph: 1 is the largest cluster, then 2, ... */
  community?: number;
}

export interface RepositoryRecord {
  /** Normalised location, e.g. "github.com/owner/name". */
  id: string;
  url: string;
  host: string;
  owner: string;
  name: string;
}

export interface MentionRecord {
  paperId: string;
  conceptId: string;
  count: number;
  /** How central the concept is to the paper, in [0, 1]. */
  confidence: number;
  inTitle: boolean;
  spans: Span[];
}

export interface HasCodeRecord {
  paperId: string;
  repositoryId: string;
}

/** Undirected co-occurrence; `source < target` by id. */
export interface RelatedRecord {
  source: string;
  target: string;
  sharedPapers: number;
  /** Normalised association score in [0, 1] (positive NPMI). */
  weight: number;
}

/** `narrower` is a more specific term nesting `broader` ("latent diffusion model" -> "diffusion model"). */
export interface BroaderRecord {
  narrower: string;
  broader: string;
}

/** The whole derived graph; what a store persists. */
export interface GraphData {
  papers: PaperRecord[];
  concepts: ConceptRecord[];
  repositories: RepositoryRecord[];
  mentions: MentionRecord[];
  hasCode: HasCodeRecord[];
  related: RelatedRecord[];
  broader: BroaderRecord[];
}
