import type { GraphData } from '../model.js';
import { compareIds } from './ordering.js';

const by =
  <T>(...keys: ((item: T) => string)[]) =>
  (a: T, b: T) => {
    for (const key of keys) {
      const c = compareIds(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };

/**
 * A graph with every list in canonical order (nodes by id, edges by their end ids), so two
 * stores holding the same graph export the same text.
 */
export function canonicalGraph(graph: GraphData): GraphData {
  return {
    papers: [...graph.papers].sort(by((p) => p.id)),
    concepts: [...graph.concepts].sort(by((c) => c.id)),
    repositories: [...graph.repositories].sort(by((r) => r.id)),
    mentions: [...graph.mentions].sort(by((m) => m.paperId, (m) => m.conceptId)),
    hasCode: [...graph.hasCode].sort(by((h) => h.paperId, (h) => h.repositoryId)),
    related: [...graph.related].sort(by((r) => r.source, (r) => r.target)),
    broader: [...graph.broader].sort(by((b) => b.narrower, (b) => b.broader)),
  };
}
