import type { ConceptRecord, PaperRecord } from '../model.js';
import type { GraphEdge, NeighbourhoodOptions, SearchHit, SimilarPaper } from './graph-store.js';
import { compareIds, conceptIdf, SEARCH_KIND_ORDER } from './ordering.js';

/**
 * Graph walks and rankings shared by every store. Each store supplies the data a step needs
 * (a batch read per hop); these functions decide order and ties, so all stores agree exactly.
 */

export interface WeightedNeighbour {
  other: string;
  weight: number;
}

/**
 * Breadth-first expansion over RELATED_TO from `center`: each hop takes the unseen neighbours of
 * the previous hop with weight >= minWeight, heaviest first (ties by id), until `limit` nodes.
 * Returns the node ids in the order they were taken (center first).
 */
export async function expandNeighbourhood(
  center: string,
  options: NeighbourhoodOptions,
  relatedOf: (ids: string[]) => Promise<Map<string, WeightedNeighbour[]>>,
): Promise<string[]> {
  const included = [center];
  const seen = new Set(included);
  let frontier = [center];
  for (let hop = 1; hop <= options.depth && included.length < options.limit && frontier.length > 0; hop++) {
    const neighbours = await relatedOf(frontier);
    const candidates: WeightedNeighbour[] = [];
    for (const id of frontier) {
      for (const n of neighbours.get(id) ?? []) {
        if (n.weight >= options.minWeight && !seen.has(n.other)) candidates.push(n);
      }
    }
    candidates.sort((a, b) => b.weight - a.weight || compareIds(a.other, b.other));
    frontier = [];
    for (const c of candidates) {
      if (included.length >= options.limit) break;
      if (seen.has(c.other)) continue;
      seen.add(c.other);
      included.push(c.other);
      frontier.push(c.other);
    }
  }
  return included;
}

/**
 * Shortest path by breadth-first search, visiting neighbours in id order: the first time a node
 * is reached is along the lexicographically smallest shortest path. Null when none within maxHops.
 */
export async function shortestPath(
  from: string,
  to: string,
  maxHops: number,
  neighboursOf: (ids: string[]) => Promise<Map<string, string[]>>,
): Promise<string[] | null> {
  const parent = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  for (let hop = 0; hop < maxHops && !parent.has(to) && frontier.length > 0; hop++) {
    const neighbours = await neighboursOf(frontier);
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of [...(neighbours.get(id) ?? [])].sort(compareIds)) {
        if (!parent.has(n)) {
          parent.set(n, id);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  if (!parent.has(to)) return null;
  const ids: string[] = [];
  for (let id: string | null = to; id !== null; id = parent.get(id) ?? null) ids.unshift(id);
  return ids;
}

/** Edges in a stable order: kind, source, target. */
export function compareEdges(a: GraphEdge, b: GraphEdge): number {
  return compareIds(a.kind, b.kind) || compareIds(a.source, b.source) || compareIds(a.target, b.target);
}

export interface SimilarCandidate {
  paper: PaperRecord;
  /** Concepts the candidate shares with the paper, with their paper counts. */
  shared: { conceptId: string; paperCount: number }[];
}

/**
 * Ranks papers sharing concepts with a paper: score = sum over shared concepts of
 * ln(1 + N / paperCount), so sharing a rare concept counts more than sharing a common one.
 */
export function rankSimilar(candidates: SimilarCandidate[], totalPapers: number, first: number): SimilarPaper[] {
  return candidates
    .map(({ paper, shared }) => {
      const scored = shared
        .map((s) => ({ id: s.conceptId, idf: conceptIdf(totalPapers, s.paperCount) }))
        .sort((a, b) => b.idf - a.idf || compareIds(a.id, b.id));
      let score = 0;
      for (const s of scored) score += s.idf;
      return { paper, score, sharedConceptIds: scored.map((s) => s.id) };
    })
    .sort((a, b) => b.score - a.score || compareIds(a.paper.id, b.paper.id))
    .slice(0, first);
}

/** Distinct items by how often they occur, most first, ties by id. */
export function rankByCount<T extends { id: string }>(items: T[]): T[] {
  const counts = new Map<string, { item: T; n: number }>();
  for (const item of items) {
    const entry = counts.get(item.id);
    if (entry) entry.n++;
    else counts.set(item.id, { item, n: 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || compareIds(a.item.id, b.item.id)).map((e) => e.item);
}

/** Search hits by score, then kind (concepts first), then id; at most `first`. */
export function rankHits(hits: SearchHit[], first: number): SearchHit[] {
  return [...hits].sort(compareHits).slice(0, first);
}

function compareHits(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || SEARCH_KIND_ORDER[a.kind] - SEARCH_KIND_ORDER[b.kind] || compareIds(hitId(a), hitId(b));
}

function hitId(hit: SearchHit): string {
  switch (hit.kind) {
    case 'PAPER':
      return hit.paper.id;
    case 'CONCEPT':
      return hit.concept.id;
    case 'REPOSITORY':
      return hit.repository.id;
  }
}

/** Comparator for `listConcepts` orders. */
export function conceptComparator(order: 'PAPER_COUNT_DESC' | 'NAME_ASC'): (a: ConceptRecord, b: ConceptRecord) => number {
  switch (order) {
    case 'PAPER_COUNT_DESC':
      return (a, b) => b.paperCount - a.paperCount || compareIds(a.id, b.id);
    case 'NAME_ASC':
      return (a, b) => compareIds(a.name, b.name) || compareIds(a.id, b.id);
  }
}
