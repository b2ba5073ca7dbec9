/**
 * Term normalisation: from a surface phrase to the key under which its variants merge.
 *
 * key = tokens lower-cased and singular (see tokenKey), hyphens read as spaces, leading
 * determiners / pronouns / numbers / evaluative modifiers dropped, a possessive owner dropped.
 * "The proposed Graph-Attention Networks" -> "graph attention network".
 */
import { singularise } from './inflect.js';
import { isRomanNumeral, tokenKey, wordTokens } from './tokenize.js';
import {
  DISCOURSE_NOUNS,
  EVALUATIVE_MODIFIERS,
  FILLER_NOUNS,
  GENERIC_ADJECTIVES,
  isStopWord,
} from './words.js';

const NUMBER_WORDS: ReadonlySet<string> = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'twenty', 'thirty', 'fifty', 'hundred', 'hundreds', 'thousand', 'thousands', 'million',
  'millions', 'billion', 'billions', 'trillion', 'dozen', 'dozens', 'single', 'double', 'triple',
  'twice', 'half',
]);

/** Longest phrase taken as a term; longer runs are almost always chunking accidents. */
export const MAX_TERM_WORDS = 6;

/** Markup, URLs, e-mail, citations, maths: text that is never part of a term. */
const DEBRIS = /(?:https?:|www\.|\w@\w|[\\$^_{}<>|=~#*]|\[\s*\d|\bet al\b|\.(?:com|org|io|net)\b)/i;

/** A word of a term: letters/digits, inner hyphens, apostrophes, dots between digits, "+" at the end. */
const TERM_WORD = /^[\p{L}\p{N}](?:[\p{L}\p{N}'’]|-(?=[\p{L}\p{N}])|\.(?=\p{N}))*\+*$/u;

const EDGE_PUNCTUATION = /^[\s"'“”‘’«»()[\]{},;:.!?]+|[\s"'“”‘’«»()[\]{},;:.!?]+$/gu;

const isNumeric = (w: string): boolean => /^[\p{N}.,%+-]+(?:st|nd|rd|th|s|x|k|m|b)?$/iu.test(w);

/** Lower-case without the possessive: "Model's" -> "model". */
const bare = (w: string): string => w.toLowerCase().replace(/['’]s?$/u, '');

/** A word that can be dropped from the front of a phrase without changing what it names. */
export function isLeadingNoise(word: string): boolean {
  const w = bare(word);
  const singular = singularise(w);
  return (
    EVALUATIVE_MODIFIERS.has(singular) ||
    isStopWord(w) ||
    EVALUATIVE_MODIFIERS.has(w) ||
    NUMBER_WORDS.has(w) ||
    isNumeric(w) ||
    w.length === 0
  );
}

/**
 * The words of a term as written, with the phrase's noise removed: edge punctuation,
 * leading determiners, pronouns, numbers, evaluative modifiers, a possessive owner in front
 * ("OpenAI's reward model" -> "reward model"), and trailing function words.
 * Returns null when the phrase contains markup/URL/citation debris or nothing is left.
 */
export function termWords(surface: string): string[] | null {
  const text = surface.replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
  if (text.length === 0 || DEBRIS.test(text)) return null;
  // An acronym in parentheses inside a phrase ("conditional random field (CRF) layer") is not a word of it.
  const parts = text.split(' ');
  let words = parts
    .filter((w, i) => !(i > 0 && i < parts.length - 1 && /^\([^()\s]+\)$/u.test(w)))
    .map((w) => w.replace(EDGE_PUNCTUATION, ''))
    .filter((w) => w.length > 0);
  if (!words.every((w) => TERM_WORD.test(w))) return null;
  // A possessive before the head names the owner, not the term: keep what follows it.
  for (let i = words.length - 2; i >= 0; i--) {
    if (/['’]s?$/u.test(words[i] ?? '')) {
      words = words.slice(i + 1);
      break;
    }
  }
  let start = 0;
  while (start < words.length && isLeadingNoise(words[start] ?? '')) start++;
  let end = words.length;
  // Trailing function words, and single-letter variables ("the loss L", "matrix A").
  while (end > start && (isStopWord(bare(words[end - 1] ?? '')) || [...(words[end - 1] ?? '')].length === 1)) end--;
  words = words.slice(start, end);
  if (words.length === 0 || words.length > MAX_TERM_WORDS) return null;
  const last = words[words.length - 1] ?? '';
  words[words.length - 1] = last.replace(/['’]s?$/u, '');
  return words;
}

/**
 * Key tokens of a term: the same tokens and token keys the lexicon matcher uses on running
 * text (hyphens and other punctuation split words; every token lower case and singular), so a
 * key always matches the text it came from.
 */
export function keyTokens(words: readonly string[]): string[] {
  return wordTokens(words.join(' ')).map((t) => tokenKey(t.text));
}

/**
 * Whether lower-case key tokens can name a concept: not a single letter, number, stop word or
 * generic noun, and not made only of discourse words ("extensive experiments",
 * "large number", "model performance"). `words`, the words as written, tells hyphenated
 * compounds apart: a stop word may open or close one ("out-of-distribution", "trade-off").
 */
export function isConceptKey(tokens: readonly string[], words?: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  if (!tokens.some((t) => /\p{L}/u.test(t))) return false;
  const last = tokens[tokens.length - 1] ?? '';
  const compound = (w: string | undefined): boolean => w !== undefined && /\p{L}[-‐‑]\p{L}/u.test(w);
  if (isStopWord(last) && !compound(words?.[words.length - 1])) return false;
  if (isStopWord(tokens[0] ?? '') && !compound(words?.[0])) return false;
  if (tokens.length === 1) {
    return (
      last.length >= 2 &&
      !isNumeric(last) &&
      !FILLER_NOUNS.has(last) &&
      !EVALUATIVE_MODIFIERS.has(last) &&
      !GENERIC_ADJECTIVES.has(last) &&
      !(last.length <= 4 && isRomanNumeral(last.toUpperCase()))
    );
  }
  // A compound joined around a function word is lexicalised: "in-context learning" and
  // "out-of-core training" are terms even though each part is an everyday word.
  if (words?.some((w) => compound(w) && wordTokens(w).slice(0, -1).some((t) => isStopWord(t.text.toLowerCase())))) return true;
  const generic = (t: string): boolean =>
    DISCOURSE_NOUNS.has(t) ||
    EVALUATIVE_MODIFIERS.has(t) ||
    GENERIC_ADJECTIVES.has(t) ||
    isStopWord(t) ||
    NUMBER_WORDS.has(t) ||
    isNumeric(t) ||
    t.length === 1;
  return !tokens.every(generic);
}

/**
 * normaliseTerm with the reason when a phrase is refused, for explanations:
 * `{ key, reason: null }` or `{ key: null, reason }`.
 */
export function explainTerm(surface: string): { key: string | null; reason: string | null } {
  const text = surface.replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
  if (text.length === 0) return { key: null, reason: 'punctuation only' };
  if (DEBRIS.test(text)) return { key: null, reason: 'markup, URL, citation or maths' };
  const words = termWords(surface);
  if (!words) {
    const count = text.split(' ').length;
    return { key: null, reason: count > MAX_TERM_WORDS ? `longer than ${MAX_TERM_WORDS} words` : 'only determiners, pronouns, numbers or evaluative words' };
  }
  const tokens = keyTokens(words);
  if (isConceptKey(tokens, words)) return { key: keyOf(tokens), reason: null };
  return {
    key: null,
    reason: tokens.length === 1 ? 'a generic word, stop word or number on its own' : 'only generic or discourse words ("extensive experiments")',
  };
}

/** Joins key tokens into the key string. */
export const keyOf = (tokens: readonly string[]): string => tokens.join(' ');

/**
 * The normalised key of a term ("Multi-scale Feature Pyramids" -> "multi scale feature pyramid"),
 * or null when the phrase can never be a concept (pronoun, number, citation, URL, markup, single
 * letter, stop words only, generic academic filler such as "this paper" or "extensive experiments").
 */
export function normaliseTerm(surface: string): string | null {
  const words = termWords(surface);
  if (!words) return null;
  const tokens = keyTokens(words);
  return isConceptKey(tokens, words) ? keyOf(tokens) : null;
}
