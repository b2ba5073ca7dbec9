import type { GraphData } from '../model.js';
import { nodeRows, PROPERTY_TYPES, relationshipRows, type PropertyType, type PropertyValue } from './records.js';
import { xmlText } from './xml.js';

/**
 * GraphML (http://graphml.graphdrawing.org/), readable by Gephi, yEd, NetworkX and Neo4j's
 * `apoc.import.graphml` (with `readLabels: true`): every node has `labels` (":Paper") and
 * `label` (its title, name or owner/name); every edge has `label` (its relationship type).
 * Node ids are "paper:ID", "concept:ID", "repository:ID"; lists (aliases) are JSON text.
 */
export function toGraphml(graph: GraphData): string {
  const nodeKeys = propertyKeys(['Paper', 'Concept', 'Repository']);
  const edgeKeys = propertyKeys(['MENTIONS', 'HAS_CODE', 'RELATED_TO', 'BROADER']);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="labels" for="node" attr.name="labels" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    ...[...nodeKeys].map(([name, type]) => `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${graphmlType(type)}"/>`),
    '  <key id="e_label" for="edge" attr.name="label" attr.type="string"/>',
    ...[...edgeKeys].map(([name, type]) => `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${graphmlType(type)}"/>`),
    '  <graph id="paper-knowledge-graph" edgedefault="directed">',
  ];
  for (const node of nodeRows(graph)) {
    lines.push(`    <node id="${xmlText(node.key)}">`);
    lines.push(`      <data key="labels">:${node.label}</data>`);
    lines.push(`      <data key="label">${xmlText(node.caption)}</data>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (value !== null) lines.push(`      <data key="n_${name}">${xmlText(formatValue(value))}</data>`);
    }
    lines.push('    </node>');
  }
  relationshipRows(graph).forEach((rel, i) => {
    lines.push(`    <edge id="e${i}" source="${xmlText(rel.source)}" target="${xmlText(rel.target)}">`);
    lines.push(`      <data key="e_label">${rel.type}</data>`);
    for (const [name, value] of Object.entries(rel.properties)) {
      if (value !== null) lines.push(`      <data key="e_${name}">${xmlText(formatValue(value))}</data>`);
    }
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** Every property name of the given labels or types, with its type (the first declaration wins). */
function propertyKeys(kinds: (keyof typeof PROPERTY_TYPES)[]): Map<string, PropertyType> {
  const keys = new Map<string, PropertyType>();
  for (const kind of kinds) {
    for (const [name, type] of Object.entries(PROPERTY_TYPES[kind])) if (!keys.has(name)) keys.set(name, type);
  }
  return keys;
}

function graphmlType(type: PropertyType): string {
  return type === 'string[]' ? 'string' : type;
}

function formatValue(value: PropertyValue): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}
