import type { GraphData, MentionRecord, RelatedRecord } from '../../model.js';
import { compareIds } from '../ordering.js';

/**
 * Every concept node carries the head of two of its lists, so that the reads that only need the
 * head of a long list (a hub concept has thousands of RELATED_TO neighbours and tens of thousands
 * of papers) do not traverse and sort all of its relationships:
 *
 * - `relatedTopIds` / `relatedTopWeights` / `relatedTopShared` / `relatedTopOut`: its first
 *   {@link TOP_LIST_SIZE} RELATED_TO relationships by weight desc, shared papers desc, other
 *   concept's id (the order of `relatedOfConcepts`), as aligned lists; `out` tells whether the
 *   relationship is stored from this concept (a pair stored both ways is two entries).
 * - `neighbourTopIds` / `neighbourTopWeights` / `neighbourTopOut`: the same relationships' first
 *   {@link TOP_LIST_SIZE} by weight desc, then other concept's id (the order a neighbourhood takes
 *   neighbours in). The two orders differ only among equal weights, which some hubs have by the
 *   hundred.
 * - `paperTopIds` / `paperTopConfidences`: its first {@link TOP_LIST_SIZE} mentioning papers by
 *   confidence desc, then paper id (the order of `papersOfConcept`).
 *
 * A list shorter than {@link TOP_LIST_SIZE} holds every entry. A replacement writes the lists it
 * computes from the whole graph with the concepts; a delta merges its own relationships into the
 * stored heads when that is provably exact ({@link mergeRelatedHead}, {@link mergePaperHead}) and
 * has the database recompute the rest.
 */

/** Entries kept per list: the largest page (100) plus one, which tells whether there is a next page. */
export const TOP_LIST_SIZE = 101;

export interface RelatedHead {
  ids: string[];
  weights: number[];
  shared: number[];
  out: boolean[];
}

export interface NeighbourHead {
  ids: string[];
  weights: number[];
  out: boolean[];
}

export interface PaperHead {
  ids: string[];
  confidences: number[];
}

interface RelatedEntry {
  other: string;
  weight: number;
  shared: number;
  /** Stored from this concept to `other`. */
  out: boolean;
}

interface PaperEntry {
  id: string;
  confidence: number;
}

// The last key (stored from this concept first) only orders the two relationships of a pair stored both ways.
const byRelatedOrder = (a: RelatedEntry, b: RelatedEntry) =>
  b.weight - a.weight || b.shared - a.shared || compareIds(a.other, b.other) || Number(b.out) - Number(a.out);
const byNeighbourOrder = (a: RelatedEntry, b: RelatedEntry) => b.weight - a.weight || compareIds(a.other, b.other) || Number(b.out) - Number(a.out);
const byPaperOrder = (a: PaperEntry, b: PaperEntry) => b.confidence - a.confidence || compareIds(a.id, b.id);

function relatedHead(entries: RelatedEntry[]): RelatedHead {
  const head = entries.sort(byRelatedOrder).slice(0, TOP_LIST_SIZE);
  return { ids: head.map((e) => e.other), weights: head.map((e) => e.weight), shared: head.map((e) => e.shared), out: head.map((e) => e.out) };
}

function neighbourHead(entries: RelatedEntry[]): NeighbourHead {
  const head = entries.sort(byNeighbourOrder).slice(0, TOP_LIST_SIZE);
  return { ids: head.map((e) => e.other), weights: head.map((e) => e.weight), out: head.map((e) => e.out) };
}

function paperHead(entries: PaperEntry[]): PaperHead {
  const head = entries.sort(byPaperOrder).slice(0, TOP_LIST_SIZE);
  return { ids: head.map((e) => e.id), confidences: head.map((e) => e.confidence) };
}

/**
 * The heads of every concept's lists in a whole graph, as the database would list the stored
 * relationships: a RELATED_TO relationship counts for both its ends (once for a loop).
 */
export interface ConceptHeads {
  related: RelatedHead;
  neighbours: NeighbourHead;
  papers: PaperHead;
}

export function graphHeads(graph: Pick<GraphData, 'concepts' | 'related' | 'mentions'>): Map<string, ConceptHeads> {
  const related = new Map<string, RelatedEntry[]>();
  const papers = new Map<string, PaperEntry[]>();
  for (const c of graph.concepts) {
    related.set(c.id, []);
    papers.set(c.id, []);
  }
  for (const r of graph.related) {
    related.get(r.source)?.push({ other: r.target, weight: r.weight, shared: r.sharedPapers, out: true });
    if (r.target !== r.source) related.get(r.target)?.push({ other: r.source, weight: r.weight, shared: r.sharedPapers, out: false });
  }
  for (const m of graph.mentions) papers.get(m.conceptId)?.push({ id: m.paperId, confidence: m.confidence });
  const heads = new Map<string, ConceptHeads>();
  for (const c of graph.concepts) {
    const entries = related.get(c.id)!;
    heads.set(c.id, { related: relatedHead([...entries]), neighbours: neighbourHead(entries), papers: paperHead(papers.get(c.id)!) });
  }
  return heads;
}

/**
 * The head of a list after a delta wrote `added` (entries keyed by `key`: an added entry replaces
 * the stored one of its key), from the head stored before; null when that cannot be told without
 * reading the whole list. It is exact when the stored head held every entry, or when at least
 * TOP_LIST_SIZE entries of the merged list rank at or above the stored head's last entry: every
 * entry the head left out ranks below that one, and a delta removes nothing.
 */
function mergeHead<E>(stored: E[], added: readonly E[], key: (e: E) => string, order: (a: E, b: E) => number): E[] | null {
  const replaced = new Set(added.map(key));
  const merged = [...stored.filter((e) => !replaced.has(key(e))), ...added].sort(order);
  if (stored.length >= TOP_LIST_SIZE) {
    const last = stored[stored.length - 1]!;
    if (merged.filter((e) => order(e, last) <= 0).length < TOP_LIST_SIZE) return null;
  }
  return merged.slice(0, TOP_LIST_SIZE);
}

/**
 * A concept's related head after a delta wrote `added` (its RELATED_TO relationships in the delta,
 * as seen from the concept), from the head stored before (null: none stored, or see mergeHead).
 * A relationship is known by its other end and direction: a delta rewrites the one stored in its
 * direction, and a pair stored both ways is two relationships.
 */
export function mergeRelatedHead(stored: RelatedHead | null, added: readonly RelatedEntry[]): RelatedHead | null {
  if (!stored) return null;
  const entries: RelatedEntry[] = stored.ids.map((other, i) => ({ other, weight: stored.weights[i]!, shared: stored.shared[i]!, out: stored.out[i]! }));
  const merged = mergeHead(entries, added, (e) => `${e.out ? '>' : '<'}${e.other}`, byRelatedOrder);
  return merged && relatedHead(merged);
}

/** A concept's neighbour head after a delta wrote `added`, as {@link mergeRelatedHead} merges the related head. */
export function mergeNeighbourHead(stored: NeighbourHead | null, added: readonly RelatedEntry[]): NeighbourHead | null {
  if (!stored) return null;
  // The neighbour order does not read shared papers, so the head does not keep them.
  const entries: RelatedEntry[] = stored.ids.map((other, i) => ({ other, weight: stored.weights[i]!, shared: 0, out: stored.out[i]! }));
  const merged = mergeHead(entries, added, (e) => `${e.out ? '>' : '<'}${e.other}`, byNeighbourOrder);
  return merged && neighbourHead(merged);
}

/**
 * A concept's paper head after a delta wrote `added` (its mentions of the concept), from the head
 * stored before (null: none stored, or see mergeHead). A paper mentions a concept once, so an added
 * mention replaces the listed one of its paper.
 */
export function mergePaperHead(stored: PaperHead | null, added: readonly PaperEntry[]): PaperHead | null {
  if (!stored) return null;
  const entries: PaperEntry[] = stored.ids.map((id, i) => ({ id, confidence: stored.confidences[i]! }));
  const merged = mergeHead(entries, added, (e) => e.id, byPaperOrder);
  return merged && paperHead(merged);
}

/** The entries a delta adds to each concept's lists, by concept id. */
export function deltaEntries(delta: Pick<GraphData, 'related' | 'mentions'>): {
  related: Map<string, RelatedEntry[]>;
  papers: Map<string, PaperEntry[]>;
} {
  const related = new Map<string, RelatedEntry[]>();
  const papers = new Map<string, PaperEntry[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const r of delta.related as readonly RelatedRecord[]) {
    push(related, r.source, { other: r.target, weight: r.weight, shared: r.sharedPapers, out: true });
    if (r.target !== r.source) push(related, r.target, { other: r.source, weight: r.weight, shared: r.sharedPapers, out: false });
  }
  for (const m of delta.mentions as readonly MentionRecord[]) push(papers, m.conceptId, { id: m.paperId, confidence: m.confidence });
  return { related, papers };
}
