import type { GraphData } from '../model.js';
import { nodeRows, PROPERTY_TYPES, relationshipRows, type NodeRow, type PropertyValue, type RelationshipRow } from './records.js';

/** Array delimiter inside CSV cells (neo4j-admin's default). */
export const CSV_ARRAY_DELIMITER = ';';

/**
 * CSV files in neo4j-admin's import format, one per label and relationship type:
 *
 *   neo4j-admin database import full --nodes=papers.csv --nodes=concepts.csv --nodes=repositories.csv \
 *     --relationships=mentions.csv --relationships=has_code.csv --relationships=related_to.csv \
 *     --relationships=broader.csv
 *
 * Headers carry the types (`year:int`, `aliases:string[]`); ids are scoped by label
 * (`id:ID(Paper)`), so a paper and a concept may share one. Files map names to their text.
 */
export function toCsvFiles(graph: GraphData): Map<string, string> {
  const nodes = nodeRows(graph);
  const rels = relationshipRows(graph);
  const files = new Map<string, string>();
  for (const [file, label] of [['papers.csv', 'Paper'], ['concepts.csv', 'Concept'], ['repositories.csv', 'Repository']] as const) {
    files.set(file, nodeCsv(label, nodes.filter((n) => n.label === label)));
  }
  const types = [
    ['mentions.csv', 'MENTIONS', 'Paper', 'Concept'],
    ['has_code.csv', 'HAS_CODE', 'Paper', 'Repository'],
    ['related_to.csv', 'RELATED_TO', 'Concept', 'Concept'],
    ['broader.csv', 'BROADER', 'Concept', 'Concept'],
  ] as const;
  for (const [file, type, from, to] of types) {
    files.set(file, relationshipCsv(type, from, to, rels.filter((r) => r.type === type)));
  }
  return files;
}

function nodeCsv(label: NodeRow['label'], rows: NodeRow[]): string {
  const columns = Object.entries(PROPERTY_TYPES[label]);
  const header = columns.map(([name, type]) => (name === 'id' ? `id:ID(${label})` : `${name}:${type}`));
  const lines = [[...header, ':LABEL'].map(cell)];
  for (const row of rows) lines.push([...columns.map(([name]) => value(row.properties[name])), label].map(cell));
  return lines.map((l) => l.join(',')).join('\n') + '\n';
}

function relationshipCsv(type: RelationshipRow['type'], from: string, to: string, rows: RelationshipRow[]): string {
  const columns = Object.entries(PROPERTY_TYPES[type]);
  const header = [`:START_ID(${from})`, `:END_ID(${to})`, ...columns.map(([name, t]) => `${name}:${t}`), ':TYPE'];
  const lines = [header.map(cell)];
  for (const row of rows) {
    const start = row.source.slice(row.source.indexOf(':') + 1);
    const end = row.target.slice(row.target.indexOf(':') + 1);
    lines.push([start, end, ...columns.map(([name]) => value(row.properties[name])), type].map(cell));
  }
  return lines.map((l) => l.join(',')).join('\n') + '\n';
}

function value(v: PropertyValue | null | undefined): string {
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join(CSV_ARRAY_DELIMITER) : String(v);
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
