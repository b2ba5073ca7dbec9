/**
 * Term comparison for evaluation, as the evaluation data README defines it. Deliberately
 * independent of the extractor's own normaliser, so the extractor cannot grade itself.
 */
import { stemmer } from 'stemmer';
import { singularise } from '../ingest/extract/inflect.js';

const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;

/** The words of a term, lower case; hyphens, slashes and other punctuation separate words. */
function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/**
 * Matching key of a term: lower case, hyphens as spaces, white space collapsed, plural nouns
 * singular ("Multi-Head Attentions" -> "multi head attention"). "" for a term without words.
 */
export function matchKey(text: string): string {
  return words(text).map(singularise).join(' ');
}

/** Porter-stemmed key, as keyphrase benchmarks compare phrases ("Neural Networks" -> "neural network"). */
export function stemKey(text: string): string {
  return words(text).map((w) => stemmer(w)).join(' ');
}

/** An acronym without a plural "s" ("CBMs" -> "CBM"), for comparing acronyms with gold terms. */
export function acronymKey(text: string): string {
  const t = text.trim();
  return /[\p{Lu}\p{N}]s$/u.test(t) && t.length > 2 ? t.slice(0, -1) : t;
}

/** What a predicted concept can be matched by: its name, its aliases and its acronym. */
export interface ConceptForms {
  /** matchKey of the name and of every alias. */
  keys: ReadonlySet<string>;
  /** The acronym as written, if any. */
  acronym: string | null;
}

export function conceptForms(concept: { name: string; acronym: string | null; aliases: readonly string[] }): ConceptForms {
  const keys = new Set<string>();
  for (const n of [concept.name, ...concept.aliases]) {
    const k = matchKey(n);
    if (k.length > 0) keys.add(k);
  }
  return { keys, acronym: concept.acronym };
}

/** A concept matches a gold term when both normalise alike, or when its acronym is the gold term. */
export function matchesGold(forms: ConceptForms, goldText: string, goldKey: string = matchKey(goldText)): boolean {
  if (goldKey.length > 0 && forms.keys.has(goldKey)) return true;
  return forms.acronym !== null && acronymKey(goldText) === forms.acronym;
}
