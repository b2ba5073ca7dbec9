import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { ConceptRecord, GraphData, RelatedRecord } from '../model.js';
import { commonJsDefault } from './interop.js';
import { seededRandom } from './random.js';

const louvain = commonJsDefault(louvainModule);
const pagerank = commonJsDefault(pagerankModule);

/**
 * Centrality and clusters of the concept graph (RELATED_TO, weighted by NPMI), computed once per
 * ingest in `buildGraph` and stored on each concept, so every store serves the same numbers.
 *
 * Note: both algorithms only see edges of positive weight; an edge of weight 0 says the two
 * concepts co-occur no more than chance would have them.
 */

/** Parameters of the ranking; changing one changes every stored rank or community. */
export const RANKING_PARAMETERS = {
  /** PageRank damping factor. */
  damping: 0.85,
  /** Louvain resolution: higher gives more, smaller communities. */
  resolution: 1,
  /** Seed of Louvain's random walk, so a re-run on the same graph gives the same communities. */
  seed: 20240607,
  /** Significant digits kept of each rank. */
  rankDigits: 6,
} as const;

/** Prefix of the ranking graph's node keys (see rankConcepts). */
const NODE = 'c:';

export interface ConceptRank {
  rank: number;
  community: number;
}

/**
 * Weighted PageRank (ranks sum to 1) and Louvain communities of the concepts. Communities are
 * numbered from 1 by size, largest first, ties by their smallest concept id; a concept with no
 * edge of positive weight is a community of its own. Deterministic: the result depends only on
 * the set of concepts and edges, not on their order.
 */
export function rankConcepts(conceptIds: readonly string[], related: readonly RelatedRecord[]): Map<string, ConceptRank> {
  const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
  // Note: node keys are prefixed, as graphology keeps neighbours in plain objects where a concept
  // id such as "constructor" would clash with Object.prototype. The prefix keeps the id order.
  for (const id of [...new Set(conceptIds)].sort(compareIds)) graph.addNode(NODE + id);
  const edges = related
    .filter((r) => r.weight > 0 && r.source !== r.target && graph.hasNode(NODE + r.source) && graph.hasNode(NODE + r.target))
    .map((r) => (r.source < r.target ? r : { ...r, source: r.target, target: r.source }))
    .sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));
  for (const r of edges) {
    if (!graph.hasEdge(NODE + r.source, NODE + r.target)) graph.addEdge(NODE + r.source, NODE + r.target, { weight: r.weight });
  }
  const result = new Map<string, ConceptRank>();
  if (graph.order === 0) return result;

  const ranks = pagerank(graph, {
    getEdgeWeight: 'weight',
    alpha: RANKING_PARAMETERS.damping,
    maxIterations: 1000,
    tolerance: 1e-10,
  });
  const raw =
    graph.size === 0
      ? Object.fromEntries(graph.nodes().map((id, i) => [id, i]))
      : louvain(graph, {
          getEdgeWeight: 'weight',
          resolution: RANKING_PARAMETERS.resolution,
          rng: seededRandom(RANKING_PARAMETERS.seed),
        });

  const members = new Map<number, string[]>();
  graph.forEachNode((id) => {
    const c = raw[id]!;
    const list = members.get(c);
    if (list) list.push(id);
    else members.set(c, [id]);
  });
  // Nodes were added in id order, so each member list is sorted and its first element is its smallest id.
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
  ordered.forEach((keys, i) => {
    for (const key of keys) {
      result.set(key.slice(NODE.length), { rank: Number(ranks[key]!.toPrecision(RANKING_PARAMETERS.rankDigits)), community: i + 1 });
    }
  });
  return result;
}

/** The graph with `rank` and `community` set on every concept. */
export function withRanking(graph: GraphData): GraphData {
  const ranking = rankConcepts(
    graph.concepts.map((c) => c.id),
    graph.related,
  );
  const concepts: ConceptRecord[] = graph.concepts.map((c) => {
    const r = ranking.get(c.id);
    return r ? { ...c, rank: r.rank, community: r.community } : c;
  });
  return { ...graph, concepts };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
