import type { GraphData } from '../model.js';

/** Raised by `applyDelta` for a delta it refuses; nothing has been written when it is thrown. */
export class InvalidDeltaError extends Error {
  override readonly name = 'InvalidDeltaError';
}

/** Node ids a delta's edges end at but whose nodes the delta does not hold: they must be stored already. */
export interface DeltaEnds {
  papers: string[];
  concepts: string[];
  repositories: string[];
}

/** Which nodes the store holds (only asked about the ids of {@link deltaEndsOutside}). */
export interface StoredNodes {
  paper(id: string): boolean;
  concept(id: string): boolean;
  repository(id: string): boolean;
}

/**
 * Checks what can be checked on a delta alone: one record per node id and per edge key
 * (RELATED_TO by its unordered pair, which must be stored as source < target), then returns the
 * ids its edges need from the store, each once.
 */
export function deltaEndsOutside(delta: GraphData): DeltaEnds {
  const nodes = (label: string, records: readonly { id: string }[]) => {
    const set = new Set<string>();
    for (const { id } of records) {
      if (set.has(id)) throw new InvalidDeltaError(`applyDelta: two ${label} nodes have the id "${id}"`);
      set.add(id);
    }
    return set;
  };
  const papers = nodes('paper', delta.papers);
  const concepts = nodes('concept', delta.concepts);
  const repositories = nodes('repository', delta.repositories);
  const outside: { papers: Set<string>; concepts: Set<string>; repositories: Set<string> } = {
    papers: new Set(),
    concepts: new Set(),
    repositories: new Set(),
  };
  const need = (id: string, inDelta: Set<string>, into: Set<string>) => {
    if (!inDelta.has(id)) into.add(id);
  };
  // RELATED_TO is checked to be source < target first, so its ordered pair is its key too.
  const once = <E>(type: string, list: readonly E[], ends: (e: E) => [string, string]) => {
    const seen = new Set<string>();
    for (const e of list) {
      const [from, to] = ends(e);
      const k = JSON.stringify([from, to]);
      if (seen.has(k)) throw new InvalidDeltaError(`applyDelta: ${type} edge ${from} -> ${to} appears twice`);
      seen.add(k);
    }
  };
  for (const r of delta.related) {
    if (!(r.source < r.target)) {
      throw new InvalidDeltaError(`applyDelta: RELATED_TO edge ${r.source} -> ${r.target} is not stored as source < target`);
    }
  }
  once('MENTIONS', delta.mentions, (m) => [m.paperId, m.conceptId]);
  once('HAS_CODE', delta.hasCode, (h) => [h.paperId, h.repositoryId]);
  once('RELATED_TO', delta.related, (r) => [r.source, r.target]);
  once('BROADER', delta.broader, (b) => [b.narrower, b.broader]);
  for (const m of delta.mentions) {
    need(m.paperId, papers, outside.papers);
    need(m.conceptId, concepts, outside.concepts);
  }
  for (const h of delta.hasCode) {
    need(h.paperId, papers, outside.papers);
    need(h.repositoryId, repositories, outside.repositories);
  }
  for (const r of delta.related) {
    need(r.source, concepts, outside.concepts);
    need(r.target, concepts, outside.concepts);
  }
  for (const b of delta.broader) {
    need(b.narrower, concepts, outside.concepts);
    need(b.broader, concepts, outside.concepts);
  }
  return { papers: [...outside.papers], concepts: [...outside.concepts], repositories: [...outside.repositories] };
}

/**
 * Refuses a delta with an edge to a node that is neither in the delta nor stored, naming the
 * first such edge. Runs {@link deltaEndsOutside}'s checks too.
 */
export function checkDelta(delta: GraphData, stored: StoredNodes): void {
  deltaEndsOutside(delta);
  const papers = new Set(delta.papers.map((p) => p.id));
  const concepts = new Set(delta.concepts.map((c) => c.id));
  const repositories = new Set(delta.repositories.map((r) => r.id));
  const paper = (id: string) => papers.has(id) || stored.paper(id);
  const concept = (id: string) => concepts.has(id) || stored.concept(id);
  const repository = (id: string) => repositories.has(id) || stored.repository(id);
  const edges = <E>(type: string, list: readonly E[], ends: (e: E) => [string, boolean, string, boolean]) => {
    for (const e of list) {
      const [from, fromKnown, to, toKnown] = ends(e);
      if (!fromKnown || !toKnown) {
        const missing = fromKnown ? to : from;
        throw new InvalidDeltaError(
          `applyDelta: ${type} edge ${from} -> ${to} refers to ${missing}, a node neither stored nor in the delta; nothing was written`,
        );
      }
    }
  };
  edges('MENTIONS', delta.mentions, (m) => [m.paperId, paper(m.paperId), m.conceptId, concept(m.conceptId)]);
  edges('HAS_CODE', delta.hasCode, (h) => [h.paperId, paper(h.paperId), h.repositoryId, repository(h.repositoryId)]);
  edges('RELATED_TO', delta.related, (r) => [r.source, concept(r.source), r.target, concept(r.target)]);
  edges('BROADER', delta.broader, (b) => [b.narrower, concept(b.narrower), b.broader, concept(b.broader)]);
}
