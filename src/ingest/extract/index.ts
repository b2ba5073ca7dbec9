/**
 * Per-paper concept candidate extraction: the "extract" stage of the ingest pipeline.
 * Pure: same paper in, same extraction out; no I/O.
 */
import type { Span } from '../../model.js';
import { findAcronymDefinitions, findAcronymUses, type AcronymDefinition } from './acronyms.js';
import { fieldCandidates, type CandidateSource, type RawCandidate } from './candidates.js';
import { keyOf, keyTokens, isConceptKey, termWords } from './normalise.js';
import { singularise } from './inflect.js';
import { FILLER_NOUNS } from './words.js';

export type { AcronymDefinition } from './acronyms.js';
export type { CandidateSource } from './candidates.js';
export { maskDebris, fieldCandidates, type RawCandidate } from './candidates.js';
export { findAcronymDefinitions, findAcronymUses, matchLongForm } from './acronyms.js';
export { normaliseTerm, explainTerm, termWords, keyTokens, isConceptKey, keyOf } from './normalise.js';
export { singularise } from './inflect.js';
export { isStopWord } from './words.js';
export { wordTokens, tokenKey, isAcronymLike, acronymStem, type WordToken } from './tokenize.js';
export { LexiconMatcher, type LexiconMatch } from './lexicon.js';

/** A term found in one paper, with every place it occurs. */
export interface Candidate {
  /** The first occurrence as written (noise words such as "the", "novel" removed). */
  surface: string;
  /** Normalised form (see normaliseTerm); candidates of a paper are unique by key. */
  key: string;
  /** Every occurrence, sorted (title first, then by offset). */
  spans: Span[];
  /** The strongest evidence that this is a term: acronym-definition > named > hyphenated > noun-phrase. */
  source: CandidateSource;
  /**
   * Keys of longer wordings that end in a generic head cut off from this term ("kernel smoothing
   * approach" for "kernel smoothing"); sorted, absent when there are none.
   */
  longer?: string[];
  /**
   * Key of the term without its leading descriptive modifiers ("sharp decision boundary" ->
   * "decision boundary", "noisy input" -> "input"), which may name nothing on its own;
   * consolidation decides whether the modifier was ad hoc (see selectDrafts).
   */
  plain?: string;
  /**
   * Key of the term without its last word when that word is a generic noun ("speaker verification
   * system" -> "speaker verification"), when what is left has two words or more; consolidation
   * keeps the longer wording as an alias of it when the shorter term is a phrase of its own.
   */
  withoutHead?: string;
}

export interface PaperExtraction {
  /** Sorted by key. */
  candidates: Candidate[];
  /** In text order, title first. */
  definitions: AcronymDefinition[];
  /** Every acronym-like token (plural "s" removed), in text order, title first. */
  acronymUses: { acronym: string; span: Span }[];
}

const SOURCE_RANK: Record<CandidateSource, number> = {
  'acronym-definition': 0,
  named: 1,
  hyphenated: 2,
  'noun-phrase': 3,
};

/** Orders spans: title before abstract, then by start, then by end. */
export function compareSpans(a: Span, b: Span): number {
  if (a.field !== b.field) return a.field === 'title' ? -1 : 1;
  return a.start - b.start || a.end - b.end;
}

/**
 * The occurrence narrowed to what normalisation keeps ("the novel graph attention networks"
 * -> "graph attention networks"), so spans point at the term itself; null if nothing is left.
 */
function trimmed(r: RawCandidate): RawCandidate | null {
  const words = termWords(r.surface);
  if (!words || words.length === 0) return null;
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  const from = r.surface.indexOf(first);
  const to = r.surface.lastIndexOf(last);
  if (from < 0 || to < from) return null;
  const end = to + last.length;
  return { ...r, surface: r.surface.slice(from, end), span: { ...r.span, start: r.span.start + from, end: r.span.start + end } };
}

/** Key of the longer wording of a candidate whose generic head was cut off, or null. */
function longerKey(r: RawCandidate, text: string): string | null {
  if (!r.longer) return null;
  const surface = text.slice(r.span.start, r.longer.end);
  const words = termWords(surface);
  if (!words) return null;
  const tokens = keyTokens(words);
  return isConceptKey(tokens, words) ? keyOf(tokens) : null;
}

/**
 * Key of a candidate without its leading descriptive modifiers, or null (see Candidate.plain).
 * The key may name nothing on its own ("input" of "noisy input").
 */
function plainKey(r: RawCandidate, text: string): string | null {
  if (!r.plain) return null;
  const words = termWords(text.slice(r.plain.start, r.plain.end));
  if (!words) return null;
  const tokens = keyTokens(words);
  return tokens.length > 0 ? keyOf(tokens) : null;
}

/** Key of a term without its generic last word, or null (see Candidate.withoutHead). */
function withoutHeadKey(words: readonly string[]): string | null {
  if (words.length < 3) return null;
  const last = words[words.length - 1] as string;
  if (/[-‐‑]/u.test(last) || !FILLER_NOUNS.has(singularise(last.toLowerCase()))) return null;
  const rest = words.slice(0, -1);
  const tokens = keyTokens(rest);
  return isConceptKey(tokens, rest) ? keyOf(tokens) : null;
}

/**
 * Extracts a paper's term candidates (noun phrases, acronym long forms, hyphenated terms,
 * named systems), its acronym definitions and its acronym uses.
 */
export function extractPaper(paper: { title: string; abstract: string }): PaperExtraction {
  const definitions: AcronymDefinition[] = [];
  const acronymUses: { acronym: string; span: Span }[] = [];
  const raw: RawCandidate[] = [];
  for (const field of ['title', 'abstract'] as const) {
    const text = paper[field];
    const defs = findAcronymDefinitions(text, field);
    definitions.push(...defs);
    acronymUses.push(...findAcronymUses(text, field));
    for (const d of defs) {
      const start = text.indexOf(d.longForm, d.span.start);
      raw.push({ surface: d.longForm, span: { field, start, end: start + d.longForm.length }, source: 'acronym-definition' });
    }
    const phrases = fieldCandidates(text, field);
    raw.push(...phrases);
    for (const d of defs) {
      // "conditional random field (CRF) layer": the phrase goes on after the acronym.
      const start = text.indexOf(d.longForm, d.span.start);
      if (start < 0 || !text.slice(start + d.longForm.length).trimStart().startsWith('(')) continue;
      const head = phrases.find((p) => p.span.start > d.span.end && /^[ \t]+$/.test(text.slice(d.span.end, p.span.start)));
      if (head) raw.push({ surface: text.slice(start, head.span.end), span: { field, start, end: head.span.end }, source: 'noun-phrase' });
    }
  }

  const byKey = new Map<string, Candidate>();
  for (const occurrence of raw) {
    const r = trimmed(occurrence);
    if (!r) continue;
    const words = termWords(r.surface) ?? [];
    const tokens = keyTokens(words);
    if (!isConceptKey(tokens, words)) continue;
    const key = keyOf(tokens);
    const longer = longerKey(r, paper[r.span.field]);
    const plain = plainKey(r, paper[r.span.field]);
    let existing = byKey.get(key);
    if (!existing) {
      existing = { surface: r.surface, key, spans: [r.span], source: r.source };
      byKey.set(key, existing);
      if (longer !== null && longer !== key) existing.longer = [longer];
      if (plain !== null && plain !== key) existing.plain = plain;
      const shorter = withoutHeadKey(words);
      if (shorter !== null) existing.withoutHead = shorter;
      continue;
    }

    if (longer !== null && longer !== key && !existing.longer?.includes(longer)) existing.longer = [...(existing.longer ?? []), longer].sort();
    if (!existing.spans.some((s) => compareSpans(s, r.span) === 0)) existing.spans.push(r.span);
    if (SOURCE_RANK[r.source] < SOURCE_RANK[existing.source]) existing.source = r.source;
  }
  const candidates = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const c of candidates) {
    c.spans.sort(compareSpans);
    const first = c.spans[0];
    if (first) c.surface = paper[first.field].slice(first.start, first.end);
  }
  return { candidates, definitions, acronymUses };
}
