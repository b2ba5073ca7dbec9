import { describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/model.js';
import { deltaEntries, graphHeads, mergeNeighbourHead, mergePaperHead, mergeRelatedHead, TOP_LIST_SIZE } from '../../src/store/neo4j/top-lists.js';

/** A small deterministic generator (LCG), so every run draws the same cases. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const concept = (id: string) => ({ id, name: id, acronym: null, aliases: [id], paperCount: 0 });

/** One concept `c` with the given mentions and RELATED_TO pairs to concepts named by `others`. */
function graphOf(papers: Map<string, number>, related: Map<string, { weight: number; shared: number }>): Pick<GraphData, 'concepts' | 'related' | 'mentions'> {
  return {
    concepts: [concept('c'), ...[...related.keys()].map(concept)],
    mentions: [...papers].map(([paperId, confidence]) => ({ paperId, conceptId: 'c', count: 1, confidence, inTitle: false, spans: [] })),
    related: [...related].map(([other, r]) => ({ source: 'c', target: other, sharedPapers: r.shared, weight: r.weight })),
  };
}

describe('concept head lists (Neo4j store)', () => {
  it('lists the first entries of a concept in the orders of its reads, a loop once', () => {
    const heads = graphHeads({
      concepts: ['a', 'b', 'c', 'd'].map(concept),
      mentions: [
        { paperId: 'p2', conceptId: 'a', count: 1, confidence: 0.5, inTitle: false, spans: [] },
        { paperId: 'p1', conceptId: 'a', count: 1, confidence: 0.5, inTitle: false, spans: [] },
        { paperId: 'p3', conceptId: 'a', count: 1, confidence: 0.9, inTitle: false, spans: [] },
      ],
      related: [
        { source: 'a', target: 'c', sharedPapers: 1, weight: 0.5 },
        { source: 'a', target: 'b', sharedPapers: 1, weight: 0.5 },
        { source: 'a', target: 'd', sharedPapers: 2, weight: 0.5 },
        { source: 'a', target: 'a', sharedPapers: 1, weight: 0.1 },
      ],
    });
    expect(heads.get('a')).toEqual({
      related: { ids: ['d', 'b', 'c', 'a'], weights: [0.5, 0.5, 0.5, 0.1], shared: [2, 1, 1, 1], out: [true, true, true, true] },
      neighbours: { ids: ['b', 'c', 'd', 'a'], weights: [0.5, 0.5, 0.5, 0.1], out: [true, true, true, true] },
      papers: { ids: ['p3', 'p1', 'p2'], confidences: [0.9, 0.5, 0.5] },
    });
    expect(heads.get('b')).toEqual({
      related: { ids: ['a'], weights: [0.5], shared: [1], out: [false] },
      neighbours: { ids: ['a'], weights: [0.5], out: [false] },
      papers: { ids: [], confidences: [] },
    });
  });

  it('merges a delta into a stored head only when the result is the head of the whole list', () => {
    const draw = random(42);
    const pick = <T>(items: readonly T[]) => items[Math.floor(draw() * items.length)]!;
    let merged = 0;
    let refused = 0;
    for (let round = 0; round < 300; round++) {
      const size = pick([20, 90, 150, 260]);
      const papers = new Map<string, number>();
      const related = new Map<string, { weight: number; shared: number }>();
      for (let i = 0; i < size; i++) {
        papers.set(`p${i}`, pick([0.9, 0.7, 0.5, 0.5, 0.3]));
        related.set(`o${i}`, { weight: pick([0.8, 0.6, 0.6, 0.2]), shared: pick([1, 2, 3]) });
      }
      const before = graphHeads(graphOf(papers, related)).get('c')!;
      // The delta: new papers and neighbours, and some stored ones rewritten (listed or not, up or down).
      const delta = { papers: new Map<string, number>(), related: new Map<string, { weight: number; shared: number }>() };
      const rewrites = pick([0, 0, 1, 5]);
      for (let i = 0; i < rewrites; i++) {
        delta.papers.set(`p${Math.floor(draw() * size)}`, pick([0.95, 0.5, 0.1]));
        delta.related.set(`o${Math.floor(draw() * size)}`, { weight: pick([0.9, 0.6, 0.1]), shared: pick([1, 4]) });
      }
      for (let i = 0; i < pick([0, 3, 30]); i++) {
        delta.papers.set(`new${i}`, pick([0.95, 0.5, 0.1]));
        delta.related.set(`new${i}`, { weight: pick([0.9, 0.6, 0.1]), shared: pick([1, 4]) });
      }
      const after = graphHeads(graphOf(new Map([...papers, ...delta.papers]), new Map([...related, ...delta.related]))).get('c')!;
      const added = deltaEntries(graphOf(delta.papers, delta.related));
      const paperHead = mergePaperHead(before.papers, added.papers.get('c') ?? []);
      const relatedHead = mergeRelatedHead(before.related, added.related.get('c') ?? []);
      const neighbourHead = mergeNeighbourHead(before.neighbours, added.related.get('c') ?? []);
      for (const head of [paperHead, relatedHead, neighbourHead]) {
        if (head) merged++;
        else refused++;
      }
      if (paperHead) expect(paperHead).toEqual(after.papers);
      if (relatedHead) expect(relatedHead).toEqual(after.related);
      if (neighbourHead) expect(neighbourHead).toEqual(after.neighbours);
      // Only new entries: always merged.
      if (rewrites === 0) expect([paperHead, relatedHead, neighbourHead]).toEqual([after.papers, after.related, after.neighbours]);
      // A rewritten mention that stays at or above the stored head's last entry, or a complete head: merged too.
      if (before.papers.ids.length < TOP_LIST_SIZE) expect(paperHead).toEqual(after.papers);
    }
    expect(merged).toBeGreaterThan(450);
    expect(refused).toBeGreaterThan(20);
  });

  it('cannot merge without a stored head', () => {
    expect(mergePaperHead(null, [])).toBeNull();
    expect(mergeRelatedHead(null, [])).toBeNull();
    expect(mergeNeighbourHead(null, [])).toBeNull();
  });
});
