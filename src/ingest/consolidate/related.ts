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
 * `df` is the number of papers linked to each concept.
 */
export function relatedRecords(paperConcepts: ReadonlyArray<readonly string[]>, df: ReadonlyMap<string, number>, n: number): RelatedRecord[] {
  // Concepts are numbered in id order, so a pair is one number (i * count + j, i < j) and the
  // numeric order of pairs is the order of (source, target) ids.
  const idSet = new Set<string>();
  for (const concepts of paperConcepts) for (const id of concepts.slice(0, MAX_CONCEPTS_PER_PAPER_FOR_PAIRS)) idSet.add(id);
  const ids = [...idSet].sort();
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const count = ids.length;
  const shared = new Map<number, number>();
  for (const concepts of paperConcepts) {
    const own = [...new Set(concepts.slice(0, MAX_CONCEPTS_PER_PAPER_FOR_PAIRS))].map((id) => indexOf.get(id) as number).sort((x, y) => x - y);
    for (let i = 0; i < own.length; i++) {
      const base = (own[i] as number) * count;
      for (let j = i + 1; j < own.length; j++) {
        const k = base + (own[j] as number);
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
    }
  }
  const keys = Float64Array.from(shared.keys()).sort();
  const out: RelatedRecord[] = new Array(keys.length);
  for (let x = 0; x < keys.length; x++) {
    const k = keys[x] as number;
    const source = ids[Math.floor(k / count)] as string;
    const target = ids[k % count] as string;
    const s = shared.get(k) as number;
    out[x] = { source, target, sharedPapers: s, weight: round4(npmi(s, df.get(source) ?? s, df.get(target) ?? s, n)) };
  }
  return out;
}
