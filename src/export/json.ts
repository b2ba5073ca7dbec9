import type { GraphData } from '../model.js';
import { canonicalGraph } from '../store/canonical.js';

/** The `format` field of a JSON export. */
export const JSON_EXPORT_FORMAT = 'paper-kg-export';
export const JSON_EXPORT_VERSION = 1;

/** A file that is not an export this version can import, or whose graph is inconsistent. */
export class ExportFormatError extends Error {
  override readonly name = 'ExportFormatError';
}

/**
 * The whole graph as JSON: every record exactly as the stores hold it, in canonical order, so
 * exporting the same graph twice gives the same text and `import` restores it exactly.
 */
export function toJsonExport(graph: GraphData): string {
  return `${JSON.stringify({ format: JSON_EXPORT_FORMAT, version: JSON_EXPORT_VERSION, graph: canonicalGraph(graph) })}\n`;
}

const LISTS = ['papers', 'concepts', 'repositories', 'mentions', 'hasCode', 'related', 'broader'] as const;

/** Reads a JSON export back; throws ExportFormatError naming what is wrong. */
export function parseJsonExport(text: string, source = 'input'): GraphData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExportFormatError(`${source} is not valid JSON (${(error as Error).message})`);
  }
  const header = parsed as { format?: unknown; version?: unknown; graph?: Record<string, unknown> };
  if (header?.format !== JSON_EXPORT_FORMAT || header.version !== JSON_EXPORT_VERSION) {
    throw new ExportFormatError(`${source} is not a version ${JSON_EXPORT_VERSION} ${JSON_EXPORT_FORMAT} file (make one with: kg export --format json)`);
  }
  const graph = header.graph;
  if (typeof graph !== 'object' || graph === null) throw new ExportFormatError(`${source}: "graph" is missing`);
  for (const key of LISTS) {
    if (!Array.isArray(graph[key])) throw new ExportFormatError(`${source}: graph.${key} must be a list`);
  }
  const data = graph as unknown as GraphData;
  checkGraph(data, source);
  return data;
}

/** Refuses duplicate node ids, edges to missing nodes and repeated edges. */
export function checkGraph(graph: GraphData, source: string): void {
  const ids = (label: string, records: readonly { id?: unknown }[]) => {
    const set = new Set<string>();
    records.forEach((r, i) => {
      if (typeof r?.id !== 'string' || r.id === '') throw new ExportFormatError(`${source}: ${label}[${i}] has no id`);
      if (set.has(r.id)) throw new ExportFormatError(`${source}: two ${label} have the id "${r.id}"`);
      set.add(r.id);
    });
    return set;
  };
  const papers = ids('papers', graph.papers);
  const concepts = ids('concepts', graph.concepts);
  const repositories = ids('repositories', graph.repositories);
  const edges = <E>(label: string, list: readonly E[], ends: (e: E) => [unknown, Set<string>, unknown, Set<string>]) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      const [from, fromSet, to, toSet] = ends(e);
      if (typeof from !== 'string' || typeof to !== 'string' || !fromSet.has(from) || !toSet.has(to)) {
        throw new ExportFormatError(`${source}: ${label}[${i}] (${String(from)} -> ${String(to)}) refers to a node the graph does not hold`);
      }
      const key = `${from}\u0000${to}`;
      if (seen.has(key)) throw new ExportFormatError(`${source}: ${label} ${from} -> ${to} appears twice`);
      seen.add(key);
    });
  };
  edges('mentions', graph.mentions, (m) => [m.paperId, papers, m.conceptId, concepts]);
  edges('hasCode', graph.hasCode, (h) => [h.paperId, papers, h.repositoryId, repositories]);
  edges('related', graph.related, (r) => [r.source, concepts, r.target, concepts]);
  edges('broader', graph.broader, (b) => [b.narrower, concepts, b.broader, concepts]);
}
