import { describe, expect, it } from 'vitest';
import { MAX_CONCEPTS_PER_PAPER_FOR_PAIRS, npmi, relatedRecords } from '../../src/ingest/consolidate/related.js';
import { round4 } from '../../src/ingest/consolidate/scores.js';

/** The definition, written plainly: every pair of distinct concepts of a paper, string keys. */
function reference(paperConcepts: string[][], df: Map<string, number>, n: number) {
  const shared = new Map<string, number>();
  for (const concepts of paperConcepts) {
    const ids = [...new Set(concepts)].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const k = `${ids[i]}\u0000${ids[j]}`;
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
    }
  }
  return [...shared.keys()].sort().map((k) => {
    const [source, target] = k.split('\u0000') as [string, string];
    const s = shared.get(k)!;
    return { source, target, sharedPapers: s, weight: round4(npmi(s, df.get(source)!, df.get(target)!, n)) };
  });
}

describe('relatedRecords', () => {
  it('counts shared papers per pair, in (source, target) id order, as the plain definition does', () => {
    // ids that are prefixes of one another and mixed case test the ordering
    const vocabulary = ['a', 'ab', 'abc', 'B', 'b', 'concept-10', 'concept-2', 'z', 'Z9', 'é'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const papers = Array.from({ length: 200 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 6) }, () => vocabulary[Math.floor(random() * vocabulary.length)]!),
    );
    const df = new Map<string, number>();
    for (const p of papers) for (const id of new Set(p)) df.set(id, (df.get(id) ?? 0) + 1);
    const got = relatedRecords(papers, df, papers.length);
    expect(got.length).toBeGreaterThan(20);
    expect(got).toEqual(reference(papers, df, papers.length));
  });

  it('pairs only the first MAX_CONCEPTS_PER_PAPER_FOR_PAIRS concepts of a longer list', () => {
    const long = Array.from({ length: MAX_CONCEPTS_PER_PAPER_FOR_PAIRS + 15 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const papers = [long, [...long].reverse(), ['c000', 'c070', 'x']];
    const df = new Map<string, number>();
    for (const p of papers) for (const id of new Set(p)) df.set(id, (df.get(id) ?? 0) + 1);
    const got = relatedRecords(papers, df, papers.length);
    expect(got).toEqual(reference(papers.map((p) => p.slice(0, MAX_CONCEPTS_PER_PAPER_FOR_PAIRS)), df, papers.length));
    expect(got.find((r) => r.source === 'c000' && r.target === 'c070')?.sharedPapers).toBe(1);
  });

  it('gives weight 1 to concepts that always occur together and 0 to independent ones', () => {
    const got = relatedRecords([['x', 'y'], ['x', 'y'], ['u'], ['u', 'v'], ['v']], new Map([['x', 2], ['y', 2], ['u', 2], ['v', 2]]), 5);
    expect(got.find((r) => r.source === 'x' && r.target === 'y')).toMatchObject({ sharedPapers: 2, weight: 1 });
    expect(got.find((r) => r.source === 'u' && r.target === 'v')?.weight).toBeLessThan(0.5);
  });
});
