import type { ConceptRecord, PaperRecord, RepositoryRecord } from '../model.js';

/**
 * Relevance scores for `search`, computed from a document's own text only (no corpus
 * statistics), so every store can rank the candidates it finds in exactly the same way.
 */

/** Lower-case word tokens (letters and digits), unique, in order of first appearance. */
export function searchTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const token of text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (token) seen.add(token);
  }
  return [...seen];
}

export interface SearchQuery {
  tokens: string[];
  /** The whole query, lower case, white space collapsed. */
  phrase: string;
}

export function parseSearchQuery(query: string): SearchQuery {
  return {
    tokens: searchTokens(query),
    phrase: query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim(),
  };
}

/** Share of query tokens found, title hits counting twice as much as abstract hits, plus a phrase bonus. */
export function scorePaper(q: SearchQuery, paper: Pick<PaperRecord, 'title' | 'abstract'>): number {
  if (q.tokens.length === 0) return 0;
  const title = new Set(searchTokens(paper.title));
  const abstract = new Set(searchTokens(paper.abstract));
  let hits = 0;
  for (const t of q.tokens) hits += (title.has(t) ? 2 : 0) + (abstract.has(t) ? 1 : 0);
  if (hits === 0) return 0;
  let score = hits / (3 * q.tokens.length);
  if (q.tokens.length > 1) {
    if (paper.title.toLowerCase().includes(q.phrase)) score += 1;
    else if (paper.abstract.toLowerCase().includes(q.phrase)) score += 0.5;
  }
  return score;
}

/** 3 for an exact name/alias/acronym match, otherwise up to 1.5 by share of query tokens in its names. */
export function scoreConcept(q: SearchQuery, concept: Pick<ConceptRecord, 'name' | 'aliases'>): number {
  if (q.tokens.length === 0) return 0;
  const names = [concept.name, ...concept.aliases];
  if (names.some((n) => n.toLowerCase() === q.phrase)) return 3;
  const tokens = new Set(names.flatMap(searchTokens));
  const found = q.tokens.filter((t) => tokens.has(t)).length;
  return found === 0 ? 0 : (1.5 * found) / q.tokens.length;
}

/** 2 when the query names the repository (owner/name or name), otherwise by share of tokens in its id. */
export function scoreRepository(q: SearchQuery, repo: Pick<RepositoryRecord, 'id' | 'owner' | 'name'>): number {
  if (q.tokens.length === 0) return 0;
  if (q.phrase === repo.name || q.phrase === `${repo.owner}/${repo.name}` || q.phrase === repo.id) return 2;
  const tokens = new Set(searchTokens(repo.id));
  const found = q.tokens.filter((t) => tokens.has(t)).length;
  return found === 0 ? 0 : found / q.tokens.length;
}
