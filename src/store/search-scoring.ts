import type { ConceptRecord, PaperRecord, RepositoryRecord } from '../model.js';

/**
 * Relevance scores for `search`, computed from a document's own text only (no corpus
 * statistics), so every store can rank the candidates it finds in exactly the same way.
 *
 * Matching, per query token:
 * - exact: the token is one of the document's tokens;
 * - prefix: a query token of at least {@link MIN_PREFIX} characters starts a document token
 *   ("bottlen" finds "bottleneck");
 * - typo (concept names and aliases only): a document token within {@link allowedEdits} edits
 *   (insertions, deletions, substitutions, swaps of neighbours) of the query token
 *   ("bottlenck" finds "bottleneck").
 *
 * Note: a store fetches candidates any way it likes (an inverted index, a full-text index with
 * the keys of {@link conceptNameFuzzyKeys}) as long as it fetches every document these functions
 * score above zero; the scores alone decide the order.
 */

/** Shortest query token matched as a prefix. */
export const MIN_PREFIX = 3;

/** Lower-case word tokens (letters and digits), unique, in order of first appearance. */
export function searchTokens(text: string): string[] {
  return [...searchTokenSet(text)];
}

/** {@link searchTokens} as the set it is collected in (same tokens, same order). */
export function searchTokenSet(text: string): Set<string> {
  return asciiTokenSet(text) ?? unicodeTokenSet(text);
}

/** The general case: NFKC, lower case, split on what is neither a letter nor a digit. */
function unicodeTokenSet(text: string): Set<string> {
  const seen = new Set<string>();
  for (const token of text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (token) seen.add(token);
  }
  return seen;
}

/**
 * The tokens of a text made only of ASCII characters, in one scan of its character codes; null
 * as soon as it holds another character. For ASCII, NFKC changes nothing, lower case maps A-Z
 * only, and the letters and digits are [A-Za-z0-9], so the tokens are those of the general case;
 * most titles and abstracts take this path, which is several times faster than the regular
 * expression over a normalised copy (a start-up indexes every paper's text).
 */
function asciiTokenSet(text: string): Set<string> | null {
  const seen = new Set<string>();
  const lower = text.toLowerCase();
  let start = -1;
  // The original's codes are checked (a non-ASCII character such as the Kelvin sign may lower-case to ASCII).
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return null;
    const word = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      seen.add(lower.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) seen.add(lower.slice(start));
  return seen;
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

/** Edits a query token may be away from a concept-name token: 0 below 4 characters, 1 up to 7, then 2. */
export function allowedEdits(token: string): number {
  const n = [...token].length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus swaps of neighbouring characters),
 * or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[t.length]!, max + 1);
}

/** Every string made by deleting up to `edits` characters of `token` (the token itself included), sorted. */
export function deletionKeys(token: string, edits: number): string[] {
  const keys = new Set([token]);
  let level = [token];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const word of level) {
      const chars = [...word];
      for (let i = 0; i < chars.length; i++) {
        const shorter = chars.slice(0, i).join('') + chars.slice(i + 1).join('');
        if (shorter && !keys.has(shorter)) {
          keys.add(shorter);
          next.push(shorter);
        }
      }
    }
    level = next;
  }
  return [...keys].sort();
}

/**
 * Keys under which a concept-name token is indexed for typo matching. Two tokens within k edits
 * share a string reachable from each by at most k deletions, and a token that a query token of
 * `allowedEdits` k can reach has at least 3 (k = 1) or 6 (k = 2) characters; so indexing these
 * and looking up {@link queryFuzzyKeys} finds every concept a typo can reach.
 */
export function conceptNameFuzzyKeys(token: string): string[] {
  const n = [...token].length;
  return deletionKeys(token, n >= 6 ? 2 : n >= 3 ? 1 : 0);
}

/** Keys to look up for a query token's typo matches (empty when it is too short for typos). */
export function queryFuzzyKeys(token: string): string[] {
  const edits = allowedEdits(token);
  return edits === 0 ? [] : deletionKeys(token, edits);
}

/** A paper's text with its token sets, as the scorer reads it. */
export interface PaperSearchDoc {
  title: string;
  abstract: string;
  titleTokens: ReadonlySet<string>;
  abstractTokens: ReadonlySet<string>;
}

export function paperSearchDoc(paper: Pick<PaperRecord, 'title' | 'abstract'>): PaperSearchDoc {
  return {
    title: paper.title,
    abstract: paper.abstract,
    titleTokens: searchTokenSet(paper.title),
    abstractTokens: searchTokenSet(paper.abstract),
  };
}

/** A concept's names with their token lists, as the scorer reads them. */
export interface ConceptSearchDoc {
  /** Lower-cased name and aliases. */
  names: string[];
  /** Tokens of each name, aligned with `names`. */
  nameTokens: string[][];
}

export function conceptSearchDoc(concept: Pick<ConceptRecord, 'name' | 'aliases'>): ConceptSearchDoc {
  const names = [...new Set([concept.name, ...concept.aliases].map((n) => n.toLowerCase()))];
  return { names, nameTokens: names.map(searchTokens) };
}

const hasPrefix = (tokens: Iterable<string>, prefix: string) => {
  if ([...prefix].length < MIN_PREFIX) return false;
  for (const t of tokens) if (t.startsWith(prefix)) return true;
  return false;
};

/**
 * Share of query tokens found, title hits counting twice as much as abstract hits and prefix
 * hits half as much as whole words, plus a bonus when the whole query appears as a phrase.
 */
export function scorePaper(q: SearchQuery, doc: PaperSearchDoc): number {
  if (q.tokens.length === 0) return 0;
  let hits = 0;
  for (const t of q.tokens) {
    hits += doc.titleTokens.has(t) ? 2 : hasPrefix(doc.titleTokens, t) ? 1 : 0;
    hits += doc.abstractTokens.has(t) ? 1 : hasPrefix(doc.abstractTokens, t) ? 0.5 : 0;
  }
  return paperScoreOfHits(q, doc, hits);
}

/**
 * `scorePaper` from the token hits already counted (title 2 exact, 1 prefix; abstract 1 exact,
 * 0.5 prefix; summed over the query's tokens), as an inverted index counts them.
 */
export function paperScoreOfHits(q: SearchQuery, doc: Pick<PaperSearchDoc, 'title' | 'abstract'>, hits: number): number {
  if (hits === 0 || q.tokens.length === 0) return 0;
  let score = hits / (3 * q.tokens.length);
  if (q.tokens.length > 1) {
    if (doc.title.toLowerCase().includes(q.phrase)) score += 1;
    else if (doc.abstract.toLowerCase().includes(q.phrase)) score += 0.5;
  }
  return score;
}

/** The most the phrase bonus of {@link paperScoreOfHits} can add. */
export function maxPhraseBonus(q: SearchQuery): number {
  return q.tokens.length > 1 ? 1 : 0;
}

/** How well one query token matches one name token: 1 exact, 0.75 prefix, 0.5 typo, else 0. */
function singleMatch(token: string, name: string): number {
  if (token === name) return 1;
  if ([...token].length >= MIN_PREFIX && name.startsWith(token)) return 0.75;
  const edits = allowedEdits(token);
  return edits > 0 && editDistance(token, name, edits) <= edits ? 0.5 : 0;
}

/**
 * How well each query token matches a name token (see {@link singleMatch}), remembered per name
 * token for the query: a search scores thousands of concepts whose names share a few hundred
 * distinct tokens.
 */
const matchMemo = new WeakMap<SearchQuery, Map<string, Float64Array>>();

function matchesOf(q: SearchQuery, name: string): Float64Array {
  let byName = matchMemo.get(q);
  if (!byName) matchMemo.set(q, (byName = new Map()));
  let row = byName.get(name);
  if (!row) {
    row = new Float64Array(q.tokens.length);
    for (let t = 0; t < q.tokens.length; t++) row[t] = singleMatch(q.tokens[t]!, name);
    byName.set(name, row);
  }
  return row;
}

/**
 * 3 for an exact name/alias/acronym match. Otherwise, for the best-matching name: up to 1.5 by
 * the query tokens it matches (exact, prefix or typo), plus up to 0.5 by the share of the name's
 * tokens the query covers, so "bottlenck" ranks "bottleneck" above "information bottleneck".
 */
export function scoreConcept(q: SearchQuery, doc: ConceptSearchDoc): number {
  const count = q.tokens.length;
  if (count === 0) return 0;
  if (doc.names.includes(q.phrase)) return 3;
  let best = 0;
  const bestOfToken = new Float64Array(count);
  for (const tokens of doc.nameTokens) {
    if (tokens.length === 0) continue;
    bestOfToken.fill(0);
    let covered = 0;
    for (const n of tokens) {
      const row = matchesOf(q, n);
      let any = false;
      for (let t = 0; t < count; t++) {
        const m = row[t]!;
        if (m > 0) any = true;
        if (m > bestOfToken[t]!) bestOfToken[t] = m;
      }
      if (any) covered++;
    }
    let matched = 0;
    for (let t = 0; t < count; t++) matched += bestOfToken[t]!;
    if (matched === 0) continue;
    best = Math.max(best, (1.5 * matched) / count + (0.5 * covered) / tokens.length);
  }
  return best;
}

/** 2 when the query names the repository (owner/name or name), otherwise by share of tokens (or prefixes) in its id. */
export function scoreRepository(q: SearchQuery, repo: Pick<RepositoryRecord, 'id' | 'owner' | 'name'>): number {
  if (q.tokens.length === 0) return 0;
  if (q.phrase === repo.name || q.phrase === `${repo.owner}/${repo.name}` || q.phrase === repo.id) return 2;
  const tokens = repositoryTokens(repo);
  let found = 0;
  for (const t of q.tokens) found += tokens.includes(t) ? 1 : hasPrefix(tokens, t) ? 0.5 : 0;
  return found === 0 ? 0 : found / q.tokens.length;
}

/** Tokens of a repository's id, owner and name. */
export function repositoryTokens(repo: Pick<RepositoryRecord, 'id' | 'owner' | 'name'>): string[] {
  return [...new Set([repo.id, repo.owner, repo.name, `${repo.owner}/${repo.name}`].flatMap(searchTokens))];
}
