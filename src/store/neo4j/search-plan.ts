import type { ConceptRecord } from '../../model.js';
import {
  allowedEdits,
  conceptNameFuzzyKeys,
  conceptSearchDoc,
  deletionKeys,
  editDistance,
  MIN_PREFIX,
  queryFuzzyKeys,
  type SearchQuery,
} from '../search-scoring.js';

/**
 * How the Neo4j store turns a search into Lucene queries whose scores are upper bounds of the
 * shared scorers' scores (search-scoring.ts), so candidates can be read best bound first and the
 * reading stop once no unread candidate can reach the answer.
 *
 * Every leaf clause is constant-score (a regular expression matches a set of terms and scores its
 * boost, whatever the term statistics), and a document's score is the sum of its matching
 * clauses' boosts. The boosts are integers (the bound times a scale), so Lucene adds them exactly
 * and a bound is its score divided by the scale.
 *
 * - Papers (`kg_paper_search`: `titleTokens`, `abstractTokens`): per query token, a title prefix
 *   and a title exact clause of 2 each, an abstract prefix and exact clause of 1 each (exact only
 *   below MIN_PREFIX: 4 and 2), which sum to twice the token hits `paperScoreOfHits` counts; for a
 *   query of several tokens, the phrase bonus it can get: 6n when the title may hold the phrase,
 *   else 3n when the abstract may (see {@link phraseConditions}). Scale 6n (n: query tokens).
 * - Repositories (`kg_repository_search`: `searchText`): per token, prefix and exact clauses of 1
 *   each (exact 2 below MIN_PREFIX): twice the share `scoreRepository` counts (a repository the
 *   query names, score 2, is looked up by id, name and owner/name instead). Scale 2n.
 * - Concepts (`kg_concept_search`): `scoreConcept` is, for the best name N, 1.5/n per query token
 *   times its match (1 exact, 0.75 prefix, 0.5 typo) plus 0.5 times the share of N's tokens the
 *   query matches, or 3 when the query is a name. A name's bucket b (see {@link nameBucket}) is
 *   such that one query token matches at most 1/b of its tokens (for one that matches a token
 *   exactly or as a prefix; a smaller one for typos). `lengthText` holds each name token tagged
 *   with the smallest bucket of the names holding it ("2_bottleneck"), and the concept's smallest
 *   typo bucket alone ("1_"); `typoText` the typo keys of each token (conceptNameFuzzyKeys)
 *   tagged with the token's typo bucket and the fewest deletions that make the
 *   key ("21_pech": bucket 2, one deletion), so a query token allowed e edits only meets the keys
 *   of e deletions or fewer; `phraseText` each name whole (hex). Per
 *   query token: clauses scoring the bound of the best exact or prefix match among the buckets (in
 *   steps: see searchPlan); a group for a concept the token reaches by typo only (its typo keys on
 *   typoText, no prefix in lengthText) scoring the typo bound of the concept's smallest bucket;
 *   and, as a typo in a short name can outscore an exact match in a long one, per bucket b a group
 *   topping a prefix match in buckets 2 to 4 up to the typo bound of b when a token of bucket b
 *   is a typo away. The whole query as a name scores 3 more. Scale 24n.
 */

/** Lucene refuses queries of more than 1024 leaf clauses; a query is split into parts below that. */
const CLAUSES_PER_QUERY = 1000;

/**
 * Most typo keys in one regular expression (a token of up to about 19 characters). A longer
 * token's keys (hundreds, which Lucene is slow to compile into one automaton) are split over
 * several groups, each with the whole typo bound: a looser bound.
 */
const TYPO_KEYS_PER_CLAUSE = 200;

/** Name length buckets: a name of b tokens (at most 4) bounds the coverage share by 1/b. */
const BUCKETS = [1, 2, 3, 4] as const;

/** A leaf clause: a field whose terms one must match `pattern` (a Lucene regular expression), scoring `boost`. */
export interface LuceneTerm {
  field: string;
  pattern: string;
  boost: number;
}

/**
 * A group: every `must` term matches (scoring their boosts), at least one `should` term when there
 * are any (scoring those that match), and not every `mustNot` term (when there are any).
 */
export interface LuceneGroup {
  must: LuceneTerm[];
  should?: LuceneTerm[];
  mustNot?: LuceneTerm[];
}

export type LuceneClause = LuceneTerm | LuceneGroup;

/** The Lucene queries of one kind of node for a search, with the scale of their scores. */
export interface BoundQueries {
  /** One query, or several whose scores add up per node (a very long search). */
  queries: string[];
  /** The clauses the queries are made of. */
  clauses: LuceneClause[];
  scale: number;
}

export interface PaperQueries {
  /** The bound queries; null when the database cannot tell the phrase bonus (a phrase beyond printable ASCII). */
  queries: string[] | null;
  /** The queries without the phrase clauses: their scores are twice the token hits. */
  hitQueries: string[];
  scale: number;
  /**
   * The lower-cased phrase the database checks titles and abstracts for (printable ASCII, where
   * Cypher's and JavaScript's lower-casing agree), or null for a single-token query (no bonus).
   */
  phrase: string | null;
  /** Added to every paper's bound: the whole bonus when no token list can rule the phrase out. */
  everyBonus: number;
}

export interface SearchPlan {
  concepts: BoundQueries;
  repositories: BoundQueries;
  papers: PaperQueries;
}

const term = (field: string, pattern: string, boost: number): LuceneTerm => ({ field, pattern, boost });

/** The Lucene queries of a search (it has at least one token). */
export function searchPlan(q: SearchQuery): SearchPlan {
  const n = q.tokens.length;
  const concepts: LuceneClause[] = [];
  const repositories: LuceneClause[] = [];
  const papers: LuceneClause[] = [];
  for (const t of q.tokens) {
    const prefix = [...t].length >= MIN_PREFIX;
    // Papers: twice the hits.
    if (prefix) {
      papers.push(term('titleTokens', `${t}.*`, 2), term('titleTokens', t, 2), term('abstractTokens', `${t}.*`, 1), term('abstractTokens', t, 1));
    } else papers.push(term('titleTokens', t, 4), term('abstractTokens', t, 2));
    // Repositories: twice the share.
    if (prefix) repositories.push(term('searchText', `${t}.*`, 1), term('searchText', t, 1));
    else repositories.push(term('searchText', t, 2));
    // Concepts: 24n times the bound, 36 / 27 / 18 for an exact / prefix / typo match plus 12n/b.
    const bound = (level: number, b: number) => level + (12 * n) / b;
    // The exact and prefix matches in each bucket, best bound first; the k-th clause matches a
    // token of any of the first k and scores the k-th bound less the next one, so a concept scores
    // the bound of its best match alone.
    const matches = BUCKETS.flatMap((b) => [
      { pattern: `${b}_${t}`, bound: bound(36, b) },
      ...(prefix ? [{ pattern: `${b}_${t}.*`, bound: bound(27, b) }] : []),
    ]).sort((x, y) => y.bound - x.bound);
    matches.forEach((m, k) => {
      const step = m.bound - (matches[k + 1]?.bound ?? 0);
      if (step > 0) concepts.push(term('lengthText', matches.slice(0, k + 1).map((x) => x.pattern).join('|'), step));
    });
    if (allowedEdits(t) > 0) {
      const keys = queryFuzzyKeys(t);
      const deletions = allowedEdits(t) === 1 ? '[01]' : '[012]';
      for (let i = 0; i < keys.length; i += TYPO_KEYS_PER_CLAUSE) {
        const typo = keys.slice(i, i + TYPO_KEYS_PER_CLAUSE).join('|');
        concepts.push({
          must: [term('typoText', `[1-4]${deletions}_(${typo})`, 0)],
          should: BUCKETS.map((b) => term('lengthText', `${b}_`, bound(18, b))),
          mustNot: [term('lengthText', `[1-4]_${t}.*`, 0)],
        });
        // The prefix bound of bucket 4 is the least an exact or prefix match scores.
        for (const b of BUCKETS) {
          const topUp = bound(18, b) - bound(27, 4);
          if (topUp > 0) concepts.push({ must: [term('typoText', `${b}${deletions}_(${typo})`, topUp), term('lengthText', `[2-4]_${t}.*`, 0)] });
        }
      }
    }
  }
  concepts.push(term('phraseText', hexToken(q.phrase), 72 * n));
  const paperQueries: PaperQueries = { queries: null, hitQueries: toQueries(papers), scale: 6 * n, phrase: null, everyBonus: 0 };
  if (n === 1) paperQueries.queries = paperQueries.hitQueries;
  else if (/^[ -~]*$/.test(q.phrase)) {
    paperQueries.phrase = q.phrase;
    const title = phraseConditions(q.phrase, 'titleTokens');
    const abstract = phraseConditions(q.phrase, 'abstractTokens');
    if (title.length === 0) paperQueries.everyBonus = 1;
    else {
      papers.push({ must: title.map((c, i) => ({ ...c, boost: i === 0 ? 6 * n : 0 })) });
      papers.push({ must: abstract.map((c, i) => ({ ...c, boost: i === 0 ? 3 * n : 0 })), mustNot: title });
    }
    paperQueries.queries = toQueries(papers);
  }
  return {
    concepts: { queries: toQueries(concepts), clauses: concepts, scale: 24 * n },
    repositories: { queries: toQueries(repositories), clauses: repositories, scale: 2 * n },
    papers: paperQueries,
  };
}

/** A clause in Lucene's query syntax. */
export function luceneSyntax(clause: LuceneClause): string {
  const leaf = (t: LuceneTerm, boost = true) => `${t.field}:/${t.pattern}/${boost ? `^${t.boost}` : ''}`;
  if ('field' in clause) return leaf(clause);
  const parts = clause.must.map((t) => `+${leaf(t)}`);
  if (clause.should) parts.push(`+(${clause.should.map((t) => leaf(t)).join(' ')})`);
  if (clause.mustNot) parts.push(`-(${clause.mustNot.map((t) => `+${leaf(t, false)}`).join(' ')})`);
  return `(${parts.join(' ')})`;
}

function leaves(clause: LuceneClause): number {
  return 'field' in clause ? 1 : clause.must.length + (clause.should?.length ?? 0) + (clause.mustNot?.length ?? 0);
}

/** Clauses as queries of at most CLAUSES_PER_QUERY leaves each. */
function toQueries(clauses: readonly LuceneClause[]): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const c of clauses) {
    if (size + leaves(c) > CLAUSES_PER_QUERY && part.length > 0) {
      out.push(part.join(' '));
      part = [];
      size = 0;
    }
    part.push(luceneSyntax(c));
    size += leaves(c);
  }
  if (part.length > 0) out.push(part.join(' '));
  return out;
}

/**
 * Terms a text field's token list must all match for the text to hold `phrase` (printable ASCII,
 * lower case) once lower-cased: every run of letters and digits with a separator of the phrase on
 * each side is a token of the text; the last run, with a separator before it only, begins a
 * token, or all but its last character does, followed by a character beyond ASCII (a combining
 * mark after the run joins its last character into one); the first run, with a separator after it
 * only, ends one (not checked: Lucene would have to scan every term of the field). Empty when
 * nothing can be checked.
 */
export function phraseConditions(phrase: string, field: string): LuceneTerm[] {
  const runs = phrase.split(/[^a-z0-9]+/);
  const leading = runs[0] === '';
  const trailing = runs[runs.length - 1] === '';
  const words = runs.filter((r) => r.length > 0);
  const conditions: LuceneTerm[] = [];
  words.forEach((word, i) => {
    const before = i > 0 || leading;
    const after = i < words.length - 1 || trailing;
    if (before && after) conditions.push(term(field, word, 0));
    else if (before) conditions.push(term(field, `${word}.*|${word.slice(0, -1)}[^a-z0-9].*`, 0));
  });
  return conditions;
}

/**
 * The bucket of a name of `tokens` (its distinct search tokens): b such that one query token
 * matches at most 1/b of them, from 1 to 4. Two tokens one query token could both match (see
 * {@link mayShareMatch}) are counted together, so b is the name's length over its largest group
 * of such tokens. With `typos` false, only for a query token that matches one of the tokens
 * exactly or as a prefix (two typos of one query token are not counted together).
 */
export function nameBucket(tokens: readonly string[], typos = true): number {
  if (tokens.length === 0) return 1;
  // Groups of tokens linked by pairs that may share a match (union-find over a few tokens).
  const parent = tokens.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      const [a, b] = tokens[i]! < tokens[j]! ? [tokens[i]!, tokens[j]!] : [tokens[j]!, tokens[i]!];
      if (pairMemo(`${typos ? 1 : 0} ${a} ${b}`, () => mayShareMatch(a, b, typos))) parent[find(i)] = find(j);
    }
  }
  const sizes = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
  const largest = Math.max(...sizes.values());
  return Math.min(4, Math.floor(tokens.length / largest));
}

/**
 * Whether some query token could match both name tokens (search-scoring's singleMatch: exact,
 * prefix from MIN_PREFIX characters, typo within allowedEdits): a common prefix of MIN_PREFIX
 * characters (both prefixes, or one exact); a prefix of one (the whole of it included) a typo
 * away from the other; or, when `typos`, both typos of one query token: two tokens within twice
 * its edits of each other (restricted edit distance allows no triangle inequality, so the
 * unrestricted one is used).
 */
export function mayShareMatch(a: string, b: string, typos = true): boolean {
  const x = [...a];
  const y = [...b];
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  if (common >= MIN_PREFIX) return true;
  for (const [p, other, length] of [
    [x, b, y.length],
    [y, a, x.length],
  ] as const) {
    // A prefix more than 2 characters longer or shorter than the other token is more than 2 edits away.
    for (let end = Math.max(4, length - 2); end <= Math.min(p.length, length + 2); end++) {
      const head = p.slice(0, end).join('');
      const edits = allowedEdits(head);
      if (editDistance(head, other, edits) <= edits) return true;
    }
  }
  if (!typos) return false;
  // A query token of 8 characters or more (2 edits) is within 2 of both only if both have 6 or more.
  const edits = Math.min(x.length, y.length) >= 6 ? 2 : 1;
  return Math.abs(x.length - y.length) <= 2 * edits && damerauLevenshtein(x, y) <= 2 * edits;
}

/** Unrestricted Damerau-Levenshtein distance (a metric: adjacent swaps of any substring). */
function damerauLevenshtein(s: readonly string[], t: readonly string[]): number {
  const max = s.length + t.length;
  const last = new Map<string, number>();
  const d: number[][] = Array.from({ length: s.length + 2 }, () => new Array<number>(t.length + 2).fill(0));
  d[0]![0] = max;
  for (let i = 0; i <= s.length; i++) {
    d[i + 1]![0] = max;
    d[i + 1]![1] = i;
  }
  for (let j = 0; j <= t.length; j++) {
    d[0]![j + 1] = max;
    d[1]![j + 1] = j;
  }
  for (let i = 1; i <= s.length; i++) {
    let lastMatch = 0;
    for (let j = 1; j <= t.length; j++) {
      const k = last.get(t[j - 1]!) ?? 0;
      const l = lastMatch;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatch = j;
      d[i + 1]![j + 1] = Math.min(
        d[i]![j]! + cost,
        d[i + 1]![j]! + 1,
        d[i]![j + 1]! + 1,
        d[k]![l]! + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    last.set(s[i - 1]!, i);
  }
  return d[s.length + 1]![t.length + 1]!;
}

/**
 * Results remembered across concepts, which share most of their tokens: a cache cleared whole
 * when it grows past `limit` entries.
 */
function memo<T>(limit: number): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  return (key, compute) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = compute();
      cache.set(key, value);
    }
    return value;
  };
}

const typoKeysMemo = memo<string[]>(50_000);

/** A token's typo keys (conceptNameFuzzyKeys), each after the fewest deletions that make it ("1_pech"). */
function taggedTypoKeys(token: string): string[] {
  return typoKeysMemo(token, () => {
    const one = new Set(deletionKeys(token, 1));
    return conceptNameFuzzyKeys(token).map((k) => `${k === token ? 0 : one.has(k) ? 1 : 2}_${k}`);
  });
}

const bucketMemo = memo<number>(50_000);

const pairMemo = memo<boolean>(200_000);

/** A whole name as one whitespace-free, case-stable token of `phraseText`: its UTF-8 in hex. */
export function hexToken(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** The search fields a concept is written with (see the module comment). */
export function conceptSearchText(concept: Pick<ConceptRecord, 'name' | 'aliases'>): { lengthText: string; typoText: string; phraseText: string } {
  const doc = conceptSearchDoc(concept);
  // Exact and prefix matches use the buckets of names counted for them; typos the smaller ones
  // counting two typos of one query token together.
  const bucketOf = new Map<string, number>();
  const typoBucketOf = new Map<string, number>();
  let smallest = 5;
  for (const tokens of doc.nameTokens) {
    if (tokens.length === 0) continue;
    const key = tokens.join(' ');
    const b = bucketMemo(`0 ${key}`, () => nameBucket(tokens, false));
    const typoBucket = bucketMemo(`1 ${key}`, () => nameBucket(tokens));
    smallest = Math.min(smallest, typoBucket);
    for (const t of tokens) {
      bucketOf.set(t, Math.min(b, bucketOf.get(t) ?? 5));
      typoBucketOf.set(t, Math.min(typoBucket, typoBucketOf.get(t) ?? 5));
    }
  }
  const tagged = [...bucketOf].map(([t, b]) => `${b}_${t}`);
  if (smallest <= 4) tagged.push(`${smallest}_`);
  const typo = new Set([...typoBucketOf].flatMap(([t, b]) => taggedTypoKeys(t).map((k) => `${b}${k}`)));
  return { lengthText: tagged.sort().join(' '), typoText: [...typo].sort().join(' '), phraseText: doc.names.map(hexToken).sort().join(' ') };
}
