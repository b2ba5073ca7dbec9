import { describe, expect, it } from 'vitest';
import { sameGraph } from '../../src/ingest/ingest-service.js';
import type { GraphData } from '../../src/model.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

/** `graph` with every list reversed and every record's keys in reverse order. */
function reordered(graph: GraphData): GraphData {
  const flip = <T extends object>(list: readonly T[]) => [...list].reverse().map((r) => Object.fromEntries(Object.entries(r).reverse()) as T);
  return {
    papers: flip(graph.papers),
    concepts: flip(graph.concepts),
    repositories: flip(graph.repositories),
    mentions: flip(graph.mentions),
    hasCode: flip(graph.hasCode),
    related: flip(graph.related),
    broader: flip(graph.broader),
  };
}

describe('sameGraph (the check that an unchanged re-ingest leaves the store as it is)', () => {
  it('holds for the same records in any order, whatever their key order or unset fields', () => {
    const graph = smallGraph();
    expect(sameGraph(graph, reordered(graph))).toBe(true);
    const withUnset = { ...graph, papers: graph.papers.map((p) => ({ ...p, extra: undefined })) };
    expect(sameGraph(graph, withUnset)).toBe(true);
  });

  it('fails on one record that differs, one missing, or one more', () => {
    const graph = smallGraph();
    const mention = graph.mentions[1]!;
    const changed = { ...graph, mentions: graph.mentions.map((m) => (m === mention ? { ...m, spans: [...m.spans, { field: 'title' as const, start: 0, end: 1 }] } : m)) };
    expect(sameGraph(graph, changed)).toBe(false);
    expect(sameGraph(graph, { ...graph, related: graph.related.slice(1) })).toBe(false);
    expect(sameGraph(graph, { ...graph, broader: [...graph.broader, { narrower: 'x', broader: 'y' }] })).toBe(false);
    expect(sameGraph(graph, { ...graph, concepts: graph.concepts.map((c, i) => (i === 0 ? { ...c, paperCount: c.paperCount + 1 } : c)) })).toBe(false);
  });
});
