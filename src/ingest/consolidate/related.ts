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
  const shared = new Map<string, number>();
  for (const concepts of paperConcepts) {
    const ids = [...new Set(concepts.slice(0, MAX_CONCEPTS_PER_PAPER_FOR_PAIRS))].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const k = `${ids[i]}\u0000${ids[j]}`;
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
    }
  }
  const out: RelatedRecord[] = [];
  for (const k of [...shared.keys()].sort()) {
    const [source, target] = k.split('\u0000') as [string, string];
    const s = shared.get(k) as number;
    out.push({ source, target, sharedPapers: s, weight: round4(npmi(s, df.get(source) ?? s, df.get(target) ?? s, n)) });
  }
  return out;
}
