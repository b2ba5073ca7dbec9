import { describe, expect, it } from 'vitest';
import { layoutKey, layoutSubgraph } from '../../src/graph/layout.js';
import { rankConcepts, withRanking } from '../../src/graph/ranking.js';
import type { RelatedRecord } from '../../src/model.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

const edge = (source: string, target: string, weight: number): RelatedRecord => ({ source, target, sharedPapers: 1, weight });

/** Two triangles joined by one light edge. */
const TWO_CLUSTERS = [
  edge('a1', 'a2', 0.9), edge('a1', 'a3', 0.8), edge('a2', 'a3', 0.9),
  edge('b1', 'b2', 0.9), edge('b1', 'b3', 0.8), edge('b2', 'b3', 0.7), edge('b1', 'b4', 0.6),
  edge('a3', 'b1', 0.05),
];
const IDS = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'lonely'];

describe('concept ranking', () => {
  it('gives the fixture the ranks and communities it declares', () => {
    const unranked = { ...smallGraph(), concepts: smallGraph().concepts.map(({ rank: _r, community: _c, ...c }) => c) };
    expect(withRanking(unranked).concepts).toEqual(smallGraph().concepts);
  });

  it('ranks sum to 1, the best-connected concept highest, with a fixed number of digits', () => {
    const ranks = rankConcepts(IDS, TWO_CLUSTERS);
    const total = [...ranks.values()].reduce((sum, r) => sum + r.rank, 0);
    expect(total).toBeCloseTo(1, 4);
    const best = [...ranks.entries()].sort((x, y) => y[1].rank - x[1].rank)[0]![0];
    expect(best).toBe('b1');
    for (const r of ranks.values()) expect(String(r.rank).replace(/^0\.0*/, '').length).toBeLessThanOrEqual(6);
  });

  it('finds the clusters, numbers them by size, and keeps an isolated concept alone', () => {
    const ranks = rankConcepts(IDS, TWO_CLUSTERS);
    const community = (id: string) => ranks.get(id)!.community;
    expect(['b1', 'b2', 'b3', 'b4'].map(community)).toEqual([1, 1, 1, 1]);
    expect(['a1', 'a2', 'a3'].map(community)).toEqual([2, 2, 2]);
    expect(community('lonely')).toBe(3);
  });

  it('gives the same answer whatever the input order, run after run', () => {
    const first = rankConcepts(IDS, TWO_CLUSTERS);
    const shuffled = rankConcepts([...IDS].reverse(), [...TWO_CLUSTERS].reverse().map((e) => ({ ...e, source: e.target, target: e.source })));
    expect(shuffled).toEqual(first);
    expect(rankConcepts(IDS, TWO_CLUSTERS)).toEqual(first);
  });

  it('handles a graph without edges and an empty one', () => {
    const ranks = rankConcepts(['x', 'y'], [edge('x', 'y', 0)]);
    expect(ranks.get('x')).toEqual({ rank: 0.5, community: 1 });
    expect(ranks.get('y')).toEqual({ rank: 0.5, community: 2 });
    expect(rankConcepts([], []).size).toBe(0);
  });
});

describe('subgraph layout', () => {
  const subgraph = {
    nodes: [
      { id: 'a', kind: 'CONCEPT' as const, label: 'a' },
      { id: 'b', kind: 'CONCEPT' as const, label: 'b' },
      { id: 'a', kind: 'PAPER' as const, label: 'paper a' },
    ],
    edges: [
      { source: 'a', target: 'b', kind: 'RELATED_TO' as const, weight: 0.5 },
      { source: 'a', target: 'a', kind: 'MENTIONS' as const, weight: 0.9 },
    ],
  };

  it('places every node, a paper and a concept with one id apart, the same way every time', () => {
    const points = layoutSubgraph(subgraph);
    expect([...points.keys()]).toEqual(['CONCEPT:a', 'CONCEPT:b', 'PAPER:a']);
    expect(points.get('CONCEPT:a')).not.toEqual(points.get('PAPER:a'));
    for (const p of points.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    expect(layoutSubgraph(subgraph)).toEqual(points);
    expect(layoutKey(subgraph.nodes[2]!)).toBe('PAPER:a');
  });

  it('puts a single node at the origin', () => {
    expect([...layoutSubgraph({ nodes: [subgraph.nodes[0]!], edges: [] }).values()]).toEqual([{ x: 0, y: 0 }]);
  });
});
