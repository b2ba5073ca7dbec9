/**
 * Co-occurrence relations between concepts.
 *
 * For concepts a and b over N papers, with df(a), df(b) papers each and n(a,b) papers shared:
 *   p(a) = df(a)/N, p(b) = df(b)/N, p(a,b) = n(a,b)/N
 *   NPMI = ln(p(a,b) / (p(a) p(b))) / -ln(p(a,b))      (1 when p(a,b) = 1)
 *   weight = clamp(NPMI, 0, 1)
 * NPMI is 1 when the two always occur together, 0 when they are independent, negative when they
 * avoid each other (clamped to 0). Only pairs sharing at least one paper are produced, so the
 * cost follows the papers' concept lists, not the square of the concept count.
 */
import type { RelatedRecord } from '../../model.js';
import { round4 } from './scores.js';

/** A paper's concept list longer than this contributes pairs among its most confident concepts only. */
export const MAX_CONCEPTS_PER_PAPER_FOR_PAIRS = 60;

export function npmi(shared: number, dfA: number, dfB: number, n: number): number {
  if (shared <= 0 || n <= 0) return 0;
  const pab = shared / n;
  if (pab >= 1) return 1;
  const value = Math.log(pab / ((dfA / n) * (dfB / n))) / -Math.log(pab);
  return Math.max(0, Math.min(1, value));
}

/**
 * Related records from each paper's concept ids (ordered most confident first).
 * `df` is the number of papers linked to each concept. Records come by source id, then target id
 * (source before target).
 *
 * Pairs are counted concept by concept, as a sparse matrix product: for concept `i`, each of its
 * papers adds one to every concept after `i` in that paper's (numbered, sorted) list, in a dense
 * counter by concept number. No map of pairs (tens of millions at 100,000 papers, more than a
 * Map may hold) is made, and no pair is hashed.
 */
export function relatedRecords(paperConcepts: ReadonlyArray<readonly string[]>, df: ReadonlyMap<string, number>, n: number): RelatedRecord[] {
  // Concepts are numbered in id order, so numeric order is id order.
  const idSet = new Set<string>();
  for (const concepts of paperConcepts) for (const id of concepts.slice(0, MAX_CONCEPTS_PER_PAPER_FOR_PAIRS)) idSet.add(id);
  const ids = [...idSet].sort();
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const count = ids.length;
  // Each paper's concept numbers, unique and ascending, one after another (paper p at starts[p]..starts[p + 1]).
  const lists = paperConcepts.map((concepts) => Int32Array.from(new Set(concepts.slice(0, MAX_CONCEPTS_PER_PAPER_FOR_PAIRS)), (id) => indexOf.get(id)!).sort());
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((list, p) => (starts[p + 1] = starts[p]! + list.length));
  const numbers = new Int32Array(starts[lists.length]!);
  lists.forEach((list, p) => numbers.set(list, starts[p]!));
  // Where each concept sits in the papers holding it (positions into `numbers`), by concept.
  const at = new Int32Array(count + 1);
  for (let k = 0; k < numbers.length; k++) at[numbers[k]! + 1]!++;
  for (let c = 0; c < count; c++) at[c + 1]! += at[c]!;
  const places = new Int32Array(numbers.length);
  const ends = new Int32Array(numbers.length);
  const next = at.slice(0, count);
  for (let p = 0; p < lists.length; p++) {
    for (let k = starts[p]!; k < starts[p + 1]!; k++) {
      const slot = next[numbers[k]!]!++;
      places[slot] = k;
      ends[slot] = starts[p + 1]!;
    }
  }
  const shared = new Int32Array(count);
  const touched = new Int32Array(count);
  const out: RelatedRecord[] = [];
  for (let i = 0; i < count; i++) {
    let size = 0;
    for (let slot = at[i]!; slot < at[i + 1]!; slot++) {
      for (let k = places[slot]! + 1; k < ends[slot]!; k++) {
        const j = numbers[k]!;
        if (shared[j]!++ === 0) touched[size++] = j;
      }
    }
    const others = touched.subarray(0, size).sort();
    const source = ids[i]!;
    for (let x = 0; x < size; x++) {
      const j = others[x]!;
      const s = shared[j]!;
      shared[j] = 0;
      const target = ids[j]!;
      out.push({ source, target, sharedPapers: s, weight: round4(npmi(s, df.get(source) ?? s, df.get(target) ?? s, n)) });
    }
  }
  return out;
}
