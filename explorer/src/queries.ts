// The operations the explorer runs, and the shapes of their answers. Only the public schema
// (schema.graphql) is used; no introspection.

export type NodeKind = 'CONCEPT' | 'PAPER' | 'REPOSITORY';
export type EdgeKind = 'BROADER' | 'HAS_CODE' | 'MENTIONS' | 'RELATED_TO';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  rank: number | null;
  community: number | null;
  x?: number | null;
  y?: number | null;
}

export interface PaperRef {
  id: string;
  title: string;
  year: number | null;
}

export interface GraphEdge {
  kind: EdgeKind;
  source: string;
  target: string;
  weight: number | null;
  paperCount: number;
}

export interface PathEdge extends GraphEdge {
  papers: PaperRef[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphPath {
  hops: number;
  nodes: GraphNode[];
  edges: PathEdge[];
}

export interface ConceptRef {
  id: string;
  name: string;
  acronym: string | null;
  paperCount: number;
}

export interface SearchHit {
  kind: NodeKind;
  score: number;
  concept: ConceptRef | null;
  paper: PaperRef | null;
}

/**
 * Suggestions: `search` ranks concept names first, so paper titles come from a relevance-ordered
 * `papers` search as well (left out for concept-only fields).
 */
export const SEARCH = `query Suggest($query: String!, $first: Int!, $withPapers: Boolean!) {
  search(query: $query, first: $first) {
    kind score
    concept { id name acronym paperCount }
    paper { id title year }
  }
  papers(filter: { search: $query }, orderBy: RELEVANCE, first: 5) @include(if: $withPapers) {
    nodes { id title year }
  }
}`;
export interface SearchResult {
  search: SearchHit[];
  papers?: { nodes: PaperRef[] };
}

export const START = `query Start { concepts(first: 8, orderBy: RANK_DESC) { nodes { id name acronym paperCount } } }`;
export interface StartResult {
  concepts: { nodes: ConceptRef[] };
}

export interface NeighbourhoodVariables {
  id: string;
  depth: number;
  minWeight: number;
  limit: number;
  include: NodeKind[];
}

export const NEIGHBOURHOOD = `query Neighbourhood($id: ID!, $depth: Int!, $minWeight: Float!, $limit: Int!, $include: [NodeKind!]!) {
  concept(id: $id) {
    id name acronym aliases paperCount rank community
    neighbourhood(depth: $depth, minWeight: $minWeight, limit: $limit, include: $include, layout: true) {
      nodes { id kind label rank community x y }
      edges { kind source target weight paperCount }
    }
    papers(first: 20) { totalCount nodes { id title year } }
  }
}`;
export interface ConceptDetail {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string[];
  paperCount: number;
  rank: number | null;
  community: number | null;
  neighbourhood: Subgraph;
  papers: { totalCount: number; nodes: PaperRef[] };
}
export interface NeighbourhoodResult {
  concept: ConceptDetail | null;
}

export const PAPER_COUNTS = `query PaperCounts($names: [String!]!) { conceptsByNames(names: $names) { id paperCount } }`;
export interface PaperCountsResult {
  conceptsByNames: ({ id: string; paperCount: number } | null)[];
}

export const PAPER = `query Paper($id: ID!) {
  paper(id: $id) {
    id title abstract year url source
    concepts { confidence count inTitle spans { field start end } concept { id name acronym aliases community } }
    repositories { url owner name host }
    links { kind url }
    similar(first: 8) { score paper { id title year } sharedConcepts { id name } }
  }
}`;
export interface ConceptMention {
  confidence: number;
  count: number;
  inTitle: boolean;
  /** Where the paper names the concept (UTF-16 offsets, end exclusive). */
  spans: { field: 'TITLE' | 'ABSTRACT'; start: number; end: number }[];
  concept: { id: string; name: string; acronym: string | null; aliases: string[]; community: number | null };
}
export interface PaperDetail {
  id: string;
  title: string;
  abstract: string;
  year: number | null;
  url: string | null;
  source: string;
  concepts: ConceptMention[];
  repositories: { url: string; owner: string; name: string; host: string }[];
  links: { kind: string; url: string }[];
  similar: { score: number; paper: PaperRef; sharedConcepts: { id: string; name: string }[] }[];
}
export interface PaperResult {
  paper: PaperDetail | null;
}

export const PATHS = `query Paths($from: String!, $to: String!, $maxHops: Int!) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: 3) {
    hops
    nodes { id kind label rank community }
    edges { kind source target weight paperCount papers(first: 3) { id title year } }
  }
}`;
export interface PathsResult {
  paths: GraphPath[];
}
