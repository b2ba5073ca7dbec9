import { describe, expect, it } from 'vitest';
import {
  conceptSearchText,
  luceneSyntax,
  mayShareMatch,
  nameBucket,
  phraseConditions,
  searchPlan,
  type LuceneClause,
  type LuceneTerm,
} from '../../src/store/neo4j/search-plan.js';
import { conceptSearchDoc, parseSearchQuery, scoreConcept } from '../../src/store/search-scoring.js';

/** A small deterministic generator (LCG), so every run draws the same cases. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every string of `alphabet` of length 1 to `max`. */
function strings(alphabet: string, max: number): string[] {
  let level = [''];
  const all: string[] = [];
  for (let n = 1; n <= max; n++) {
    level = level.flatMap((s) => [...alphabet].map((c) => s + c));
    all.push(...level);
  }
  return all;
}

/** Whether a one-token query `t` matches name token `w` at all (exact, prefix or typo), as scoreConcept sees it. */
const matches = (t: string, w: string) => scoreConcept(parseSearchQuery(t), conceptSearchDoc({ name: `${w} x9`, aliases: [] })) > 0;

/**
 * The Lucene score a document with `fields` (its terms per field) would get from `clauses`, as
 * Lucene scores constant-score clauses: a term matching some term of its field (the regular
 * expression anchored at both ends) scores its boost; a group scores its matching terms' boosts
 * when it matches.
 */
function luceneScore(clauses: readonly LuceneClause[], fields: Record<string, string[]>): number {
  const matches = (t: LuceneTerm) => (fields[t.field] ?? []).some((value) => new RegExp(`^(?:${t.pattern})$`).test(value));
  let score = 0;
  for (const c of clauses) {
    if ('field' in c) {
      if (matches(c)) score += c.boost;
      continue;
    }
    if (!c.must.every(matches)) continue;
    if (c.should && !c.should.some(matches)) continue;
    if (c.mustNot && c.mustNot.every(matches)) continue;
    score += c.must.reduce((x, t) => x + t.boost, 0) + (c.should ?? []).filter(matches).reduce((x, t) => x + t.boost, 0);
  }
  return score;
}

describe('Neo4j search plan', () => {
  it('tells two name tokens apart only when no query token can match both', () => {
    const queries = strings('ab', 9);
    const draw = random(7);
    const words = strings('ab', 9).filter((w) => w.length >= 2);
    for (let i = 0; i < 400; i++) {
      const a = words[Math.floor(draw() * words.length)]!;
      const b = words[Math.floor(draw() * words.length)]!;
      if (a === b) continue;
      const shared = queries.some((t) => matches(t, a) && matches(t, b));
      if (shared) expect(mayShareMatch(a, b), `${a} ${b}`).toBe(true);
      // Counted for a query token matching one of them exactly or as a prefix.
      const exactOrPrefix = (t: string, w: string) => t === w || (t.length >= 3 && w.startsWith(t));
      const sharedByPrefix = queries.some((t) => (exactOrPrefix(t, a) && matches(t, b)) || (exactOrPrefix(t, b) && matches(t, a)));
      if (sharedByPrefix) expect(mayShareMatch(a, b, false), `${a} ${b}`).toBe(true);
    }
    expect(mayShareMatch('neural', 'network')).toBe(false);
    // Two typos of one query token (8 letters or more) can match both; no exact or prefix match can.
    expect(mayShareMatch('question', 'attention')).toBe(true);
    expect(mayShareMatch('question', 'attention', false)).toBe(false);
    expect(nameBucket(['neural', 'network'])).toBe(2);
    expect(nameBucket(['model', 'modeling'])).toBe(1);
    expect(nameBucket(['big', 'fast', 'model', 'kind', 'x'])).toBe(4);
    // A token's bucket is the smallest of the names holding it; the concept's smallest is marked alone.
    expect(conceptSearchText({ name: 'large reward model', aliases: ['Reward models', 'RM'] }).lengthText).toBe(
      '1_ 1_rm 2_models 2_reward 3_large 3_model',
    );
  });

  it('meets every concept a typo reaches, at any length of token and name', () => {
    const draw = random(5);
    const words = strings('abc', 9).filter((w) => w.length >= 3);
    let typos = 0;
    for (let i = 0; i < 3000; i++) {
      const t = words[Math.floor(draw() * words.length)]!;
      const w = words[Math.floor(draw() * words.length)]!;
      const others = Array.from({ length: Math.floor(draw() * 4) }, () => words[Math.floor(draw() * words.length)]!);
      const concept = { name: [w, ...others].join(' '), aliases: [w] };
      const q = parseSearchQuery(t);
      const score = scoreConcept(q, conceptSearchDoc(concept));
      if (score > 0 && score < 1.125 + 0.5) typos++;
      const text = conceptSearchText(concept);
      const fields = { lengthText: text.lengthText.split(' '), typoText: text.typoText.split(' '), phraseText: text.phraseText.split(' ') };
      const plan = searchPlan(q).concepts;
      expect(luceneScore(plan.clauses, fields) / plan.scale + 1e-12, `${t} -> ${concept.name}`).toBeGreaterThanOrEqual(score);
    }
    expect(typos).toBeGreaterThan(50);
  });

  it('bounds every concept score from above with the Lucene score it plans', () => {
    const draw = random(11);
    const vocabulary = ['model', 'models', 'modle', 'reward', 'rewards', 'rewarding', 'mode', 'agent', 'ab', 'a', 'x9', 'informations', 'informatics'];
    const word = () => vocabulary[Math.floor(draw() * vocabulary.length)]!;
    const name = () => Array.from({ length: 1 + Math.floor(draw() * 5) }, word).join(draw() < 0.5 ? ' ' : '-');
    let positive = 0;
    // A typo in a one-word name outscores an exact match in a long name once the query has three words.
    const fixed = [{ name: 'model alpha beta gamma', aliases: ['modle', 'model alpha beta gamma'] }];
    for (let i = 0; i < 300 + fixed.length; i++) {
      const concept = fixed[i - 300] ?? { name: name(), aliases: Array.from({ length: Math.floor(draw() * 3) }, name) };
      if (i < 300) concept.aliases.push(concept.name);
      const text = conceptSearchText(concept);
      const fields = {
        lengthText: text.lengthText.split(' '),
        typoText: text.typoText.split(' '),
        phraseText: text.phraseText.split(' '),
      };
      for (let j = 0; j < 8; j++) {
        const query =
          i >= 300 ? ['model x1 y1', 'model', 'model x1', 'modle x1 y1 z1'][j % 4]!
          : j === 0 ? concept.aliases[0]!
          : Array.from({ length: 1 + Math.floor(draw() * 3) }, () => word().slice(0, 2 + Math.floor(draw() * 6))).join(' ');
        const q = parseSearchQuery(query);
        if (q.tokens.length === 0) continue;
        const plan = searchPlan(q).concepts;
        const score = scoreConcept(q, conceptSearchDoc(concept));
        if (score > 0) positive++;
        expect(luceneScore(plan.clauses, fields) / plan.scale + 1e-12, `${query} -> ${JSON.stringify(concept)}`).toBeGreaterThanOrEqual(score);
      }
    }
    expect(positive).toBeGreaterThan(500);
  });

  it('rules a text out for a phrase only by what the phrase itself fixes', () => {
    const syntax = (phrase: string) => phraseConditions(phrase, 't').map((c) => luceneSyntax(c));
    expect(syntax('reward model')).toEqual(['t:/model.*|mode[^a-z0-9].*/^0']);
    expect(syntax('large reward model')).toEqual(['t:/reward/^0', 't:/model.*|mode[^a-z0-9].*/^0']);
    expect(syntax('model a')).toEqual(['t:/a.*|[^a-z0-9].*/^0']);
    expect(syntax('(model)')).toEqual(['t:/model/^0']);
    expect(searchPlan(parseSearchQuery('model')).concepts.queries[0]).toContain(
      '(+typoText:/[1-4][01]_(mdel|mode|model|modl|moel|odel)/^0 +(lengthText:/1_/^30 lengthText:/2_/^24 lengthText:/3_/^22 lengthText:/4_/^21) -(+lengthText:/[1-4]_model.*/))',
    );
  });
});
