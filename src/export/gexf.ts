import { MultiDirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import type { GraphData } from '../model.js';
import { nodeRows, relationshipRows, type PropertyValue } from './records.js';

/**
 * GEXF 1.3 for Gephi: node ids "paper:ID", "concept:ID", "repository:ID", the title, name or
 * owner/name as label, every property as an attribute (with `kind`), edges labelled with their
 * relationship type and weighted by their weight (RELATED_TO), confidence (MENTIONS) or 1.
 */
export function toGexf(graph: GraphData): string {
  const g = new MultiDirectedGraph();
  for (const node of nodeRows(graph)) {
    g.addNode(node.key, { label: node.caption, kind: node.label, ...flatten(node.properties) });
  }
  for (const rel of relationshipRows(graph)) {
    const weight = rel.properties.weight ?? rel.properties.confidence ?? 1;
    g.addEdge(rel.source, rel.target, { label: rel.type, kind: rel.type, weight, ...flatten(rel.properties) });
  }
  return write(g, {
    version: '1.3',
    formatNode: (_key, attrs) => {
      const { label, ...attributes } = attrs;
      return { label: String(label), attributes };
    },
    formatEdge: (_key, attrs) => {
      const { label, weight, ...attributes } = attrs;
      return { label: String(label), weight: Number(weight), attributes };
    },
  });
}

/** GEXF attributes are scalars: lists become JSON text, absent values are left out. */
function flatten(properties: Record<string, PropertyValue | null>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value === null) continue;
    out[name] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return out;
}
