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
 * the previous hop with weight >= minWeight, heaviest first (ties by id), at most `perHop` of
 * them, until `limit` nodes. Returns the node ids in the order they were taken (center first).
 */
/**
 * What one level of {@link expandNeighbourhood} can use of each frontier concept's neighbours:
 * those not `seen`, of weight at least `minWeight`, and of them only the first `places` by
 * weight (descending) then id. A store may return more; it need not return the rest (at most
 * `places` concepts are taken per level, and a concept's neighbours beyond its first `places`
 * always come after `places` others that are taken first).
 */
export interface NeighbourBounds {
  places: number;
  seen: string[];
  minWeight: number;
}

export async function expandNeighbourhood(
  center: string,
  options: NeighbourhoodOptions,
  relatedOf: (ids: string[], bounds: NeighbourBounds) => Promise<Map<string, WeightedNeighbour[]>>,
): Promise<string[]> {
  const included = [center];
  const seen = new Set(included);
  let frontier = [center];
  const perHop = options.perHop ?? Number.POSITIVE_INFINITY;
  for (let hop = 1; hop <= options.depth && included.length < options.limit && frontier.length > 0; hop++) {
    const places = Math.min(options.limit - included.length, perHop);
    const neighbours = await relatedOf(frontier, { places, seen: [...seen], minWeight: options.minWeight });
    const candidates: WeightedNeighbour[] = [];
    for (const id of frontier) {
      for (const n of neighbours.get(id) ?? []) {
        if (n.weight >= options.minWeight && !seen.has(n.other)) candidates.push(n);
      }
    }
    candidates.sort((a, b) => b.weight - a.weight || compareIds(a.other, b.other));
    frontier = [];
    for (const c of candidates) {
      if (included.length >= options.limit || frontier.length >= perHop) break;
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
 *
 * `targetNeighbours`, when the caller knows them, spares the level that reaches the target: the
 * target's parent is the first node of that level, in frontier order, among its neighbours. Same
 * path, and a store that fetches neighbours per level skips the largest fetch.
 */
export async function shortestPath(
  from: string,
  to: string,
  maxHops: number,
  neighboursOf: (ids: string[]) => Promise<Map<string, readonly string[]>>,
  targetNeighbours?: ReadonlySet<string>,
): Promise<string[] | null> {
  const parent = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  for (let hop = 0; hop < maxHops && !parent.has(to) && frontier.length > 0; hop++) {
    if (targetNeighbours) {
      const last = frontier.find((id) => targetNeighbours.has(id));
      if (last !== undefined) {
        parent.set(to, last);
        break;
      }
      if (hop === maxHops - 1) break;
    }
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

/** What a store can answer besides neighbours, to make a path search read less (see bidirectionalShortestPath). */
export interface PathProbes {
  /** The neighbours of each id that are in `within`, without sending the others. */
  linksBetween?: (ids: string[], within: readonly string[]) => Promise<Map<string, readonly string[]>>;
  /** Each id's number of neighbours (edges, either direction), without reading them. */
  degreesOf?: (ids: string[]) => Promise<Map<string, number>>;
  /** The smallest id among the neighbours `a` and `b` share, or null; asked only of two hubs (with degreesOf). */
  commonNeighbour?: (a: string, b: string) => Promise<string | null>;
}

/** Degree from which both ends of a path search count as hubs whose common neighbour is asked for first. */
export const COMMON_NEIGHBOUR_DEGREE = 500;

/** Largest frontier whose nodes' degrees decide which side a path search expands (see PathProbes). */
export const DEGREE_CHECK_NODES = 64;

/**
 * Largest number of frontier pairs (one side's frontier times the other's) for which a path
 * search asks whether the frontiers meet before it expands one (see PathProbes.linksBetween).
 */
export const MEET_CHECK_PAIRS = 2000;

/**
 * The path {@link shortestPath} finds (the lexicographically smallest of the shortest paths, by
 * node ids), by breadth-first search from both ends: each round fetches the neighbours of the
 * cheaper frontier, so a path from a hub to a rare concept reads the hub's neighbours at most, not
 * their neighbours in turn. For a store that fetches neighbours per level.
 *
 * `probes`, when the store can answer them cheaply: whether the frontiers meet is asked before
 * either is expanded while they are small, and instead of expanding at the last level the hop
 * budget allows; the side to expand is the one whose nodes have fewer neighbours (a hub's
 * frontier of one is costlier than a rare concept's of ten).
 *
 * Note: when the two searches first meet, every shortest path is known: its first part through
 * the `from` side's levels (whose nodes' neighbours were all fetched) and the rest through the
 * `to` side's. The path is then built from `from`, taking at each step the smallest id that still
 * lies on a shortest path.
 */
export async function bidirectionalShortestPath(
  from: string,
  to: string,
  maxHops: number,
  neighboursOf: (ids: string[]) => Promise<Map<string, readonly string[]>>,
  probes: PathProbes = {},
): Promise<string[] | null> {
  const { linksBetween, degreesOf, commonNeighbour } = probes;
  const degrees = new Map<string, number>();
  /** What expanding a frontier costs: its nodes' degrees when both frontiers are small, else its size. */
  const costs = async (a: string[], b: string[]): Promise<[number, number]> => {
    if (!degreesOf || a.length > DEGREE_CHECK_NODES || b.length > DEGREE_CHECK_NODES) return [a.length, b.length];
    const missing = [...a, ...b].filter((id) => !degrees.has(id));
    if (missing.length > 0) for (const [id, d] of await degreesOf(missing)) degrees.set(id, d);
    const sum = (ids: string[]) => ids.reduce((s, id) => s + (degrees.get(id) ?? 0), 0);
    return [sum(a), sum(b)];
  };
  if (from === to) return [from];
  const adjacency = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = adjacency.get(a);
    if (!set) adjacency.set(a, (set = new Set()));
    set.add(b);
  };
  const source = { depth: new Map([[from, 0]]), frontier: [from], radius: 0 };
  const target = { depth: new Map([[to, 0]]), frontier: [to], radius: 0 };
  let meet: string[] = [];
  while (meet.length === 0 && source.radius + target.radius < maxHops) {
    if (source.frontier.length === 0 || target.frontier.length === 0) return null;
    const [sourceCost, targetCost] = await costs(source.frontier, target.frontier);
    const [side, other] = sourceCost <= targetCost ? [source, target] : [target, source];
    // The last level the hop budget allows can only end the search by meeting the other side's
    // frontier (nodes the other side reached earlier would have met before), so there only
    // whether they meet is asked. While both frontiers are small it is asked first, so a
    // frontier holding a hub is expanded only when the search must go on past it.
    const last = source.radius + target.radius + 1 === maxHops;
    if (linksBetween && (last || side.frontier.length * other.frontier.length <= MEET_CHECK_PAIRS)) {
      const links = await linksBetween(side.frontier, other.frontier);
      const meets = new Set<string>();
      for (const id of side.frontier) {
        for (const n of links.get(id) ?? []) {
          link(id, n);
          link(n, id);
          meets.add(n);
        }
      }
      if (meets.size > 0) {
        side.radius++;
        for (const n of meets) side.depth.set(n, side.radius);
        meet = [...meets];
        break;
      }
      if (last) return null;
      if (
        commonNeighbour && source.radius === 0 && target.radius === 0 && maxHops >= 2 &&
        Math.min(sourceCost, targetCost) >= COMMON_NEIGHBOUR_DEGREE
      ) {
        // Two hubs not joined directly: their smallest common neighbour, if any, is the middle of
        // the path, found without expanding either of them.
        const middle = await commonNeighbour(from, to);
        if (middle !== null) return [from, middle, to];
      }
    }
    const found = await neighboursOf(side.frontier);
    const next: string[] = [];
    for (const id of side.frontier) {
      for (const n of found.get(id) ?? []) {
        link(id, n);
        link(n, id);
        if (!side.depth.has(n)) {
          side.depth.set(n, side.radius + 1);
          next.push(n);
        }
      }
    }
    side.radius++;
    side.frontier = next;
    // Until now no node was within reach of both sides, so a shortest path is
    // source.radius + target.radius hops long and passes through one of these.
    meet = next.filter((n) => other.depth.has(n));
  }
  if (meet.length === 0) return null;
  const hops = source.radius + target.radius;
  // onPath[i]: nodes i hops from `from` on a shortest path, for the levels of the `from` side.
  const onPath: Set<string>[] = [];
  onPath[source.radius] = new Set(meet);
  for (let level = source.radius - 1; level >= 0; level--) {
    const below = onPath[level + 1]!;
    const here = [...source.depth.entries()].filter(([n, d]) => d === level && [...(adjacency.get(n) ?? [])].some((m) => below.has(m)));
    onPath[level] = new Set(here.map(([n]) => n));
  }
  const ids = [from];
  for (let i = 1; i <= hops; i++) {
    const fits = (n: string) => (i <= source.radius ? onPath[i]!.has(n) : target.depth.get(n) === hops - i);
    let best: string | null = null;
    for (const n of adjacency.get(ids[i - 1]!) ?? []) if (fits(n) && (best === null || compareIds(n, best) < 0)) best = n;
    if (best === null) throw new Error(`no step ${i} of the path from ${from} to ${to}`);
    ids.push(best);
  }
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
/**
 * A concept list of similar papers this long is read only after the full scores of the papers
 * leading so far have bounded the cut (both stores; a long list is usually never read).
 */
export const SIMILAR_LONG_LIST = 1000;

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

/** A paper's mention of a concept, reduced to what rankings need. */
export interface MentionRow {
  paperId: string;
  conceptId: string;
  confidence: number;
}

/** Sum of numbers in a fixed (sorted) order, so stores that collect them in other orders agree to the bit. */
export function stableSum(values: readonly number[]): number {
  let sum = 0;
  for (const v of [...values].sort((a, b) => b - a)) sum += v;
  return sum;
}

/**
 * Papers ranked by how many of the given mentions' concepts they mention, then the sum of those
 * mentions' confidences, then id; at most `first`. Used for a neighbourhood's papers and a
 * community's papers.
 */
export function rankPapersByMentions(mentions: readonly MentionRow[], first: number): string[] {
  const byPaper = new Map<string, { concepts: Set<string>; confidences: number[] }>();
  for (const m of mentions) {
    let entry = byPaper.get(m.paperId);
    if (!entry) {
      entry = { concepts: new Set(), confidences: [] };
      byPaper.set(m.paperId, entry);
    }
    if (!entry.concepts.has(m.conceptId)) {
      entry.concepts.add(m.conceptId);
      entry.confidences.push(m.confidence);
    }
  }
  return [...byPaper.entries()]
    .map(([id, e]) => ({ id, n: e.concepts.size, sum: stableSum(e.confidences) }))
    .sort((a, b) => b.n - a.n || b.sum - a.sum || compareIds(a.id, b.id))
    .slice(0, first)
    .map((e) => e.id);
}

/** Papers mentioning both concepts of a pair, by the sum of the two confidences, then id. */
export function rankPairPapers(rows: readonly { paperId: string; a: number; b: number }[], first: number): string[] {
  return [...rows]
    .map((r) => ({ id: r.paperId, score: r.a + r.b }))
    .sort((x, y) => y.score - x.score || compareIds(x.id, y.id))
    .slice(0, first)
    .map((r) => r.id);
}

/**
 * Concepts ranked by count x IDF: how many of a set of papers mention the concept, times
 * ln(1 + N / paperCount), so a specific concept shared by two papers outranks a generic one
 * shared by three. Ties by id. `items` has one entry per (paper, concept) mention.
 */
export function rankByIdfCount(items: readonly ConceptRecord[], totalPapers: number): ConceptRecord[] {
  const counts = new Map<string, { item: ConceptRecord; n: number }>();
  for (const item of items) {
    const entry = counts.get(item.id);
    if (entry) entry.n++;
    else counts.set(item.id, { item, n: 1 });
  }
  return [...counts.values()]
    .map((e) => ({ ...e, score: e.n * conceptIdf(totalPapers, e.item.paperCount) }))
    .sort((a, b) => b.score - a.score || compareIds(a.item.id, b.item.id))
    .map((e) => e.item);
}

/** A community's concepts: by rank desc (unranked last), then id. */
export function compareByRank(a: ConceptRecord, b: ConceptRecord): number {
  return (b.rank ?? -1) - (a.rank ?? -1) || compareIds(a.id, b.id);
}

/**
 * The k shortest loopless paths from `from` to `to` of at most `maxHops` hops (Yen's algorithm
 * over hop counts): shortest first, equal lengths in the order of their node-id sequences. The
 * first one is the path `shortestPath` finds.
 *
 * The search runs in memory over the edges fetched from both ends: the adjacency of every node
 * within ceil(maxHops / 2) - 1 hops of `from` and within floor(maxHops / 2) - 1 hops of `to`.
 * Every edge of a path of at most maxHops hops leaves a node of one of the two (its first half
 * from the `from` side, the rest from the `to` side), and every path over these edges is real,
 * so the answer is the same as over the whole graph. `neighboursOf` is asked once per level,
 * for both sides together: ceil(maxHops / 2) batched reads.
 */
export async function kShortestPaths(
  from: string,
  to: string,
  maxHops: number,
  k: number,
  neighboursOf: (ids: string[]) => Promise<Map<string, string[]>>,
): Promise<string[][]> {
  if (k <= 0) return [];
  if (from === to) return [[from]];
  const adjacency = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = adjacency.get(a);
    if (!set) adjacency.set(a, (set = new Set()));
    set.add(b);
  };
  const sides = [
    { levels: Math.ceil(maxHops / 2), seen: new Set([from]), frontier: [from] },
    { levels: Math.floor(maxHops / 2), seen: new Set([to]), frontier: [to] },
  ];
  const fetched = new Set<string>();
  for (let level = 0; sides.some((side) => level < side.levels && side.frontier.length > 0); level++) {
    const active = sides.filter((side) => level < side.levels);
    const ask = [...new Set(active.flatMap((side) => side.frontier))].filter((id) => !fetched.has(id));
    const found = ask.length > 0 ? await neighboursOf(ask) : new Map<string, string[]>();
    for (const id of ask) {
      fetched.add(id);
      for (const n of found.get(id) ?? []) {
        link(id, n);
        link(n, id);
      }
    }
    for (const side of active) {
      const next: string[] = [];
      for (const id of side.frontier) {
        for (const n of adjacency.get(id) ?? []) {
          if (!side.seen.has(n)) {
            side.seen.add(n);
            next.push(n);
          }
        }
      }
      side.frontier = next;
    }
  }
  const sortedAdjacency = new Map([...adjacency.entries()].map(([id, set]) => [id, [...set].sort(compareIds)]));
  return yen(from, to, maxHops, k, (id) => sortedAdjacency.get(id) ?? []);
}

function yen(from: string, to: string, maxHops: number, k: number, neighbours: (id: string) => string[]): string[][] {
  const first = bfsPath(from, to, maxHops, neighbours, new Set(), new Set());
  if (!first) return [];
  const found: string[][] = [first];
  const candidates = new Map<string, string[]>();
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.length - 1; i++) {
      const spur = last[i]!;
      const root = last.slice(0, i + 1);
      const removedEdges = new Set<string>();
      for (const p of found) {
        if (p.length > i + 1 && root.every((id, j) => p[j] === id)) removedEdges.add(`${spur}\u0000${p[i + 1]}`);
      }
      const removedNodes = new Set(root.slice(0, -1));
      const rest = bfsPath(spur, to, maxHops - i, neighbours, removedNodes, removedEdges);
      if (!rest) continue;
      const path = [...root.slice(0, -1), ...rest];
      const key = path.join('\u0000');
      if (!candidates.has(key) && !found.some((p) => p.join('\u0000') === key)) candidates.set(key, path);
    }
    if (candidates.size === 0) break;
    let bestKey: string | null = null;
    let best: string[] | null = null;
    for (const [key, path] of candidates) {
      if (!best || comparePaths(path, best) < 0) {
        best = path;
        bestKey = key;
      }
    }
    candidates.delete(bestKey!);
    found.push(best!);
  }
  return found;
}

/** Shorter first, then by node ids in order. */
function comparePaths(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const c = compareIds(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Breadth-first search visiting neighbours in id order, avoiding some nodes and directed edges:
 * the lexicographically smallest shortest path of at most `maxHops` hops, or null.
 */
function bfsPath(
  from: string,
  to: string,
  maxHops: number,
  neighbours: (id: string) => string[],
  removedNodes: ReadonlySet<string>,
  removedEdges: ReadonlySet<string>,
): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  for (let hop = 0; hop < maxHops && !parent.has(to) && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of neighbours(id)) {
        if (parent.has(n) || removedNodes.has(n) || removedEdges.has(`${id}\u0000${n}`)) continue;
        parent.set(n, id);
        next.push(n);
      }
    }
    frontier = next;
  }
  if (!parent.has(to)) return null;
  const ids: string[] = [];
  for (let id: string | null = to; id !== null; id = parent.get(id) ?? null) ids.unshift(id);
  return ids;
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

/**
 * Search hits by score, then kind (concepts first), then, among concepts, the more papers the
 * better (so "bottlenck" lists "information bottleneck" before rarer bottlenecks), then id;
 * at most `first`.
 */
export function rankHits(hits: SearchHit[], first: number): SearchHit[] {
  // Only hits scoring at least the `first`-th best score can be in the answer: the thousands of
  // weak concept matches of a short prefix are not sorted.
  const best = new TopScores(first);
  for (const h of hits) best.offer(h.score);
  const floor = best.floor();
  return hits.filter((h) => h.score >= floor).sort(compareHits).slice(0, first);
}

function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    SEARCH_KIND_ORDER[a.kind] - SEARCH_KIND_ORDER[b.kind] ||
    (a.kind === 'CONCEPT' && b.kind === 'CONCEPT' ? b.concept.paperCount - a.concept.paperCount : 0) ||
    compareIds(hitId(a), hitId(b))
  );
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

/**
 * How far apart a bound and a score computed another way (other floating-point steps) may be and
 * still be taken as equal.
 */
export function boundSlack(x: number): number {
  return 1e-9 * Math.max(1, Math.abs(x));
}

/** The `size` highest scores offered so far; `floor` is the lowest of them (-Infinity until full). */
/**
 * The best `size` hits in answer order ({@link rankHits}), kept as hits are offered: a search
 * meeting thousands of equal scores keeps `size` of them, not all.
 */
export class TopHits {
  private readonly kept: SearchHit[] = [];
  constructor(private readonly size: number) {}

  offer(hit: SearchHit): void {
    if (this.size <= 0) return;
    const kept = this.kept;
    if (kept.length === this.size && compareHits(hit, kept[kept.length - 1]!) >= 0) return;
    let i = kept.length;
    while (i > 0 && compareHits(hit, kept[i - 1]!) < 0) i--;
    kept.splice(i, 0, hit);
    if (kept.length > this.size) kept.pop();
  }

  /**
   * Whether a hit of `kind` scoring at most `bound` could be kept: above the last kept hit's score,
   * or equal to it (within {@link boundSlack}: the bound is computed another way than the score)
   * and first in the order of equal scores (kind, a concept's paper count, id) as far as `known`
   * (the candidate's id and, for a concept, its paper count) tells.
   */
  mayEnter(bound: number, kind: SearchHit['kind'], known?: { id: string; paperCount?: number }): boolean {
    return this.admits(bound, kind, known, this.size > 0 && this.kept.length === this.size ? boundSlack(this.floor()) : 0);
  }

  /**
   * {@link mayEnter} for a bound computed exactly as the score is (the same floating-point steps,
   * so a score never exceeds it): equal means equal, and a candidate that would come after the
   * last hit among equal scores is turned away without being scored.
   */
  mayEnterExactly(bound: number, kind: SearchHit['kind'], known?: { id: string; paperCount?: number }): boolean {
    return this.admits(bound, kind, known, 0);
  }

  /**
   * Whether no hit scoring at most `bound` can be kept, allowing for bounds computed another way
   * than the scores (two scores equal on paper may differ in their last bit, and the larger goes first).
   */
  cannotReach(bound: number): boolean {
    if (this.size <= 0) return true;
    if (this.kept.length < this.size) return false;
    const floor = this.floor();
    return bound < floor - boundSlack(floor);
  }

  private admits(bound: number, kind: SearchHit['kind'], known: { id: string; paperCount?: number } | undefined, slack: number): boolean {
    if (this.size <= 0) return false;
    if (this.kept.length < this.size) return true;
    const last = this.kept[this.kept.length - 1]!;
    const floor = last.score;
    if (bound > floor + slack) return true;
    if (bound < floor - slack) return false;
    if (kind !== last.kind) return SEARCH_KIND_ORDER[kind] < SEARCH_KIND_ORDER[last.kind];
    if (!known) return true;
    if (last.kind === 'CONCEPT') {
      const count = known.paperCount ?? 0;
      if (count !== last.concept.paperCount) return count > last.concept.paperCount;
    }
    return compareIds(known.id, hitId(last)) < 0;
  }

  /** The score a hit needs to be kept (equal scores go by kind and id); -Infinity until `size` hits are kept. */
  floor(): number {
    if (this.size <= 0) return Number.POSITIVE_INFINITY;
    return this.kept.length === this.size ? this.kept[this.size - 1]!.score : Number.NEGATIVE_INFINITY;
  }

  hits(): SearchHit[] {
    return [...this.kept];
  }
}

export class TopScores {
  private readonly scores: number[] = [];
  constructor(private readonly size: number) {}

  offer(score: number): void {
    if (this.size <= 0) return;
    if (this.scores.length === this.size && score <= this.scores[this.scores.length - 1]!) return;
    let i = this.scores.length;
    while (i > 0 && this.scores[i - 1]! < score) i--;
    this.scores.splice(i, 0, score);
    if (this.scores.length > this.size) this.scores.pop();
  }

  floor(): number {
    if (this.size <= 0) return Number.POSITIVE_INFINITY;
    return this.scores.length === this.size ? this.scores[this.size - 1]! : Number.NEGATIVE_INFINITY;
  }
}
