import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import type { Subgraph } from '../store/graph-store.js';
import { commonJsDefault } from './interop.js';

const forceAtlas2 = commonJsDefault(forceAtlas2Module);

/** Parameters of the layout; the same subgraph always gets the same coordinates. */
export const LAYOUT_PARAMETERS = {
  iterations: 150,
  /** Decimals kept of each coordinate. */
  decimals: 3,
} as const;

/** Node count from which repulsion is approximated (Barnes-Hut) instead of computed pair by pair. */
const BARNES_HUT_FROM = 300;

export interface Point {
  x: number;
  y: number;
}

/** Key of a node in a layout: kind and id, since a paper and a concept may share an id. */
export function layoutKey(node: { kind: string; id: string }): string {
  return `${node.kind}:${node.id}`;
}

/**
 * ForceAtlas2 coordinates for a subgraph's nodes, keyed by {@link layoutKey}. Deterministic:
 * nodes start on a spiral in the subgraph's node order (its centre first, in the middle) and
 * the layout runs a fixed number of iterations, so both stores' answers get the same picture.
 * Edges pull by their weight (1 when they have none).
 */
export function layoutSubgraph(subgraph: Subgraph): Map<string, Point> {
  const graph = new UndirectedGraph<Point, { weight: number }>();
  subgraph.nodes.forEach((node, i) => {
    // A sunflower spiral: evenly spread, no two nodes on one spot, the first node at the centre.
    const radius = Math.sqrt(i);
    const angle = i * 2.399963229728653;
    graph.addNode(layoutKey(node), { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  });
  for (const edge of subgraph.edges) {
    const sourceKind = edge.kind === 'MENTIONS' || edge.kind === 'HAS_CODE' ? 'PAPER' : 'CONCEPT';
    const targetKind = edge.kind === 'MENTIONS' ? 'CONCEPT' : edge.kind === 'HAS_CODE' ? 'REPOSITORY' : 'CONCEPT';
    const source = `${sourceKind}:${edge.source}`;
    const target = `${targetKind}:${edge.target}`;
    if (!graph.hasNode(source) || !graph.hasNode(target) || source === target) continue;
    const weight = edge.weight ?? 1;
    graph.updateEdge(source, target, (attrs) => ({ weight: (attrs.weight ?? 0) + weight }));
  }
  if (graph.order > 1) {
    forceAtlas2.assign(graph, {
      iterations: LAYOUT_PARAMETERS.iterations,
      getEdgeWeight: 'weight',
      // Barnes-Hut (deterministic too) keeps big subgraphs fast; small ones get the exact forces.
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > BARNES_HUT_FROM },
    });
  }
  const scale = 10 ** LAYOUT_PARAMETERS.decimals;
  const round = (v: number) => Math.round(v * scale) / scale || 0;
  const points = new Map<string, Point>();
  graph.forEachNode((key, attrs) => points.set(key, { x: round(attrs.x), y: round(attrs.y) }));
  return points;
}
