import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/graph/random.js';
import { COMMON_NEIGHBOUR_DEGREE, bidirectionalShortestPath, shortestPath } from '../../src/store/algorithms.js';

/** A random undirected graph: hubs with many neighbours and a long tail of rare nodes. */
function randomGraph(seed: number, nodes: number, edges: number): Map<string, string[]> {
  const random = seededRandom(seed);
  const id = (i: number) => `c${String(i).padStart(4, '0')}`;
  const adjacency = new Map<string, Set<string>>();
  for (let i = 0; i < nodes; i++) adjacency.set(id(i), new Set());
  for (let e = 0; e < edges; e++) {
    // Skewed ends: low ordinals are hubs.
    const a = id(Math.floor(nodes * random() ** 3));
    const b = id(Math.floor(nodes * random()));
    if (a === b) continue;
    adjacency.get(a)!.add(b);
    adjacency.get(b)!.add(a);
  }
  return new Map([...adjacency].map(([k, v]) => [k, [...v].sort()]));
}

describe('bidirectionalShortestPath', () => {
  it('finds the path breadth-first search finds, with and without each probe', async () => {
    let betweenCalls = 0;
    let commonCalls = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const graph = randomGraph(seed, 300, 420);
      const ids = [...graph.keys()];
      const random = seededRandom(seed * 101);
      const between = async (frontier: string[], within: readonly string[]) => {
        betweenCalls++;
        const allowed = new Set(within);
        return new Map(frontier.map((id) => [id, (graph.get(id) ?? []).filter((n) => allowed.has(n))]));
      };
      const commonNeighbour = async (a: string, b: string) => {
        commonCalls++;
        const near = new Set(graph.get(a) ?? []);
        return (graph.get(b) ?? []).filter((m) => near.has(m) && m !== a && m !== b).sort()[0] ?? null;
      };
      const degreesOf = async (frontier: string[]) => new Map(frontier.map((id) => [id, graph.get(id)?.length ?? 0]));
      const full = async (frontier: string[]) => new Map(frontier.map((id) => [id, graph.get(id) ?? []]));
      for (let k = 0; k < 40; k++) {
        const from = ids[Math.floor(random() * ids.length)]!;
        const to = ids[Math.floor(random() * ids.length)]!;
        for (const maxHops of [1, 2, 3, 4, 5]) {
          const expected = await shortestPath(from, to, maxHops, full);
          expect(await bidirectionalShortestPath(from, to, maxHops, full), `${from} -> ${to} in ${maxHops}`).toEqual(expected);
          expect(await bidirectionalShortestPath(from, to, maxHops, full, { linksBetween: between }), `${from} -> ${to} in ${maxHops}, pair checks`).toEqual(expected);
          expect(await bidirectionalShortestPath(from, to, maxHops, full, { linksBetween: between, degreesOf }), `${from} -> ${to} in ${maxHops}, by degree`).toEqual(expected);
          // Every node a hub, so the common neighbour is always asked for.
          const allHubs = async (frontier: string[]) => new Map(frontier.map((id) => [id, COMMON_NEIGHBOUR_DEGREE + (graph.get(id)?.length ?? 0)]));
          expect(await bidirectionalShortestPath(from, to, maxHops, full, { linksBetween: between, degreesOf: allHubs, commonNeighbour }), `${from} -> ${to} in ${maxHops}, common neighbour`).toEqual(expected);
        }
      }
    }
    expect(betweenCalls).toBeGreaterThan(100);
    expect(commonCalls).toBeGreaterThan(100);
  });

  it('expands below the last level and only asks whether the frontiers meet at it', async () => {
    // a - b - c - d - e, plus a hub h next to b and d with many leaves.
    const edges: [string, string][] = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['b', 'h'], ['d', 'h']];
    for (let i = 0; i < 50; i++) edges.push(['h', `leaf${String(i).padStart(2, '0')}`]);
    const graph = new Map<string, string[]>();
    for (const [x, y] of edges) {
      graph.set(x, [...(graph.get(x) ?? []), y]);
      graph.set(y, [...(graph.get(y) ?? []), x]);
    }
    const calls: string[] = [];
    const neighboursOf = async (ids: string[]) => {
      calls.push('expand');
      return new Map(ids.map((id) => [id, graph.get(id) ?? []]));
    };
    // Frontiers too large to be asked pair by pair below the last level: only 1 pair allowed.
    const linksBetween = async (ids: string[], within: readonly string[]) => {
      calls.push(ids.length * within.length <= 1 ? 'pairs' : 'meet');
      return new Map(ids.map((id) => [id, (graph.get(id) ?? []).filter((n) => within.includes(n))]));
    };
    expect(await bidirectionalShortestPath('a', 'e', 4, neighboursOf, { linksBetween })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls[calls.length - 1]).not.toBe('expand');
    expect(calls).toContain('expand');
    calls.length = 0;
    expect(await bidirectionalShortestPath('a', 'e', 3, neighboursOf, { linksBetween })).toBeNull();
    expect(calls[calls.length - 1]).not.toBe('expand');
    // Two stars of 50 leaves each, not joined: at the last of three hops the frontiers make 2,500
    // pairs, more than are asked about below the last level, and still no frontier is expanded there.
    const stars = new Map<string, string[]>([['s', []], ['t', []]]);
    for (let i = 0; i < 50; i++) {
      const [x, y] = [`x${String(i).padStart(2, '0')}`, `y${String(i).padStart(2, '0')}`];
      stars.get('s')!.push(x);
      stars.get('t')!.push(y);
      stars.set(x, ['s']);
      stars.set(y, ['t']);
    }
    const steps: string[] = [];
    const expandStar = async (ids: string[]) => {
      steps.push(`expand ${ids.length}`);
      return new Map(ids.map((id) => [id, stars.get(id) ?? []]));
    };
    const meetStar = async (ids: string[], within: readonly string[]) => {
      steps.push(`meet ${ids.length * within.length}`);
      return new Map(ids.map((id) => [id, (stars.get(id) ?? []).filter((n) => within.includes(n))]));
    };
    expect(await bidirectionalShortestPath('s', 't', 3, expandStar, { linksBetween: meetStar })).toBeNull();
    expect(steps[steps.length - 1]).toBe('meet 2500');
  });

  it('expands the side with fewer neighbours and asks small frontiers whether they meet', async () => {
    // The hub h is two hops from c (through b or d): c is expanded, then {h} meets {b, d}.
    const graph = new Map<string, string[]>([['c', ['b', 'd']], ['b', ['a', 'c', 'h']], ['d', ['c', 'e', 'h']]]);
    graph.set('h', ['b', 'd', ...Array.from({ length: 50 }, (_, i) => `leaf${String(i).padStart(2, '0')}`)]);
    const expanded: string[] = [];
    const neighboursOf = async (ids: string[]) => {
      expanded.push(...ids);
      return new Map(ids.map((id) => [id, graph.get(id) ?? []]));
    };
    const linksBetween = async (ids: string[], within: readonly string[]) =>
      new Map(ids.map((id) => [id, (graph.get(id) ?? []).filter((n) => within.includes(n))]));
    const degreesOf = async (ids: string[]) => new Map(ids.map((id) => [id, graph.get(id)?.length ?? 0]));
    expect(await bidirectionalShortestPath('h', 'c', 4, neighboursOf, { linksBetween, degreesOf })).toEqual(['h', 'b', 'c']);
    expect(expanded).toEqual(['c']);
    expanded.length = 0;
    // Without the probes the hub's side is expanded first (frontiers of one each, source first).
    expect(await bidirectionalShortestPath('h', 'c', 4, neighboursOf)).toEqual(['h', 'b', 'c']);
    expect(expanded).toContain('h');
  });
});
