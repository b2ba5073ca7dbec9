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
  it('finds the path breadth-first search finds, reading only meeting nodes at the last level', async () => {
    let restrictedCalls = 0;
    let betweenCalls = 0;
    let commonCalls = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const graph = randomGraph(seed, 300, 420);
      const ids = [...graph.keys()];
      const random = seededRandom(seed * 101);
      const restricted = async (frontier: string[], within?: readonly string[]) => {
        const allowed = within ? new Set(within) : null;
        if (allowed) restrictedCalls++;
        return new Map(frontier.map((id) => [id, (graph.get(id) ?? []).filter((n) => !allowed || allowed.has(n))]));
      };
      const between = async (frontier: string[], within: readonly string[]) => {
        betweenCalls++;
        return restricted(frontier, within);
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
          expect(await bidirectionalShortestPath(from, to, maxHops, restricted), `${from} -> ${to} in ${maxHops}`).toEqual(expected);
          expect(await bidirectionalShortestPath(from, to, maxHops, restricted, { linksBetween: between }), `${from} -> ${to} in ${maxHops}, pair checks`).toEqual(expected);
          expect(await bidirectionalShortestPath(from, to, maxHops, restricted, { linksBetween: between, degreesOf }), `${from} -> ${to} in ${maxHops}, by degree`).toEqual(expected);
          // Every node a hub, so the common neighbour is always asked for.
          const allHubs = async (frontier: string[]) => new Map(frontier.map((id) => [id, COMMON_NEIGHBOUR_DEGREE + (graph.get(id)?.length ?? 0)]));
          expect(await bidirectionalShortestPath(from, to, maxHops, restricted, { linksBetween: between, degreesOf: allHubs, commonNeighbour }), `${from} -> ${to} in ${maxHops}, common neighbour`).toEqual(expected);
        }
      }
    }
    // The restriction was used: the last levels asked only for the other side's frontier.
    expect(restrictedCalls).toBeGreaterThan(100);
    expect(betweenCalls).toBeGreaterThan(100);
    expect(commonCalls).toBeGreaterThan(100);
  });

  it('asks for the whole neighbourhood below the last level and only the meeting nodes at it', async () => {
    // a - b - c - d - e, plus a hub h next to b and d with many leaves.
    const edges: [string, string][] = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['b', 'h'], ['d', 'h']];
    for (let i = 0; i < 50; i++) edges.push(['h', `leaf${String(i).padStart(2, '0')}`]);
    const graph = new Map<string, string[]>();
    for (const [x, y] of edges) {
      graph.set(x, [...(graph.get(x) ?? []), y]);
      graph.set(y, [...(graph.get(y) ?? []), x]);
    }
    const calls: { ids: string[]; within?: readonly string[] }[] = [];
    const neighboursOf = async (ids: string[], within?: readonly string[]) => {
      calls.push({ ids, ...(within ? { within } : {}) });
      return new Map(ids.map((id) => [id, (graph.get(id) ?? []).filter((n) => !within || within.includes(n))]));
    };
    expect(await bidirectionalShortestPath('a', 'e', 4, neighboursOf)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.slice(0, -1).every((c) => c.within === undefined)).toBe(true);
    expect(calls[calls.length - 1]!.within).toBeDefined();
    expect(await bidirectionalShortestPath('a', 'e', 3, neighboursOf)).toBeNull();
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
