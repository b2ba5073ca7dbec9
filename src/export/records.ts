import type { GraphData } from '../model.js';

/**
 * The graph as typed property rows, the common ground of the GraphML, GEXF and CSV writers:
 * one row per node and per relationship, with Neo4j's labels and types.
 */

export type PropertyValue = string | number | boolean | string[];

export interface NodeRow {
  /** Unique across kinds: "paper:ID", "concept:ID", "repository:ID". */
  key: string;
  label: 'Paper' | 'Concept' | 'Repository';
  id: string;
  /** What a viewer shows: title, name, or owner/name. */
  caption: string;
  properties: Record<string, PropertyValue | null>;
}

export interface RelationshipRow {
  type: 'MENTIONS' | 'HAS_CODE' | 'RELATED_TO' | 'BROADER';
  source: string;
  target: string;
  properties: Record<string, PropertyValue | null>;
}

export const nodeKey = (label: NodeRow['label'], id: string) => `${label.toLowerCase()}:${id}`;

/** Property types of each label's and type's columns (for typed formats). */
export const PROPERTY_TYPES = {
  Paper: { id: 'string', title: 'string', abstract: 'string', url: 'string', year: 'int', source: 'string', contentHash: 'string', links: 'string' },
  Concept: { id: 'string', name: 'string', acronym: 'string', aliases: 'string[]', paperCount: 'int', rank: 'double', community: 'int' },
  Repository: { id: 'string', url: 'string', host: 'string', owner: 'string', name: 'string' },
  MENTIONS: { count: 'int', confidence: 'double', inTitle: 'boolean', spans: 'string' },
  HAS_CODE: {},
  RELATED_TO: { sharedPapers: 'int', weight: 'double' },
  BROADER: {},
} as const;

export type PropertyType = 'string' | 'int' | 'double' | 'boolean' | 'string[]';

export function nodeRows(graph: GraphData): NodeRow[] {
  return [
    ...graph.papers.map(
      (p): NodeRow => ({
        key: nodeKey('Paper', p.id),
        label: 'Paper',
        id: p.id,
        caption: p.title,
        properties: {
          id: p.id,
          title: p.title,
          abstract: p.abstract,
          url: p.url,
          year: p.year,
          source: p.source,
          contentHash: p.contentHash,
          links: JSON.stringify(p.links),
        },
      }),
    ),
    ...graph.concepts.map(
      (c): NodeRow => ({
        key: nodeKey('Concept', c.id),
        label: 'Concept',
        id: c.id,
        caption: c.name,
        properties: {
          id: c.id,
          name: c.name,
          acronym: c.acronym,
          aliases: c.aliases,
          paperCount: c.paperCount,
          rank: c.rank ?? null,
          community: c.community ?? null,
        },
      }),
    ),
    ...graph.repositories.map(
      (r): NodeRow => ({
        key: nodeKey('Repository', r.id),
        label: 'Repository',
        id: r.id,
        caption: `${r.owner}/${r.name}`,
        properties: { id: r.id, url: r.url, host: r.host, owner: r.owner, name: r.name },
      }),
    ),
  ];
}

export function relationshipRows(graph: GraphData): RelationshipRow[] {
  return [
    ...graph.mentions.map(
      (m): RelationshipRow => ({
        type: 'MENTIONS',
        source: nodeKey('Paper', m.paperId),
        target: nodeKey('Concept', m.conceptId),
        properties: { count: m.count, confidence: m.confidence, inTitle: m.inTitle, spans: JSON.stringify(m.spans) },
      }),
    ),
    ...graph.hasCode.map(
      (h): RelationshipRow => ({
        type: 'HAS_CODE',
        source: nodeKey('Paper', h.paperId),
        target: nodeKey('Repository', h.repositoryId),
        properties: {},
      }),
    ),
    ...graph.related.map(
      (r): RelationshipRow => ({
        type: 'RELATED_TO',
        source: nodeKey('Concept', r.source),
        target: nodeKey('Concept', r.target),
        properties: { sharedPapers: r.sharedPapers, weight: r.weight },
      }),
    ),
    ...graph.broader.map(
      (b): RelationshipRow => ({
        type: 'BROADER',
        source: nodeKey('Concept', b.narrower),
        target: nodeKey('Concept', b.broader),
        properties: {},
      }),
    ),
  ];
}
