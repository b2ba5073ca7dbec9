/**
 * Word tokens with character offsets, shared by acronym detection and lexicon matching.
 *
 * A token is a maximal run of letters and digits; everything else (spaces, hyphens, slashes,
 * punctuation) separates tokens, which is what makes matching hyphen/space-insensitive.
 * A possessive "'s" is not a token of its own.
 */

import { singularise } from './inflect.js';

export interface WordToken {
  /** The token as written. */
  text: string;
  start: number;
  /** Exclusive. */
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits text into word tokens, dropping the "s" of a possessive ("model's" -> "model"). */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const word = m[0];
    if ((word === 's' || word === 'S') && start > 0 && /['’]/.test(text[start - 1] ?? '')) {
      const prev = out[out.length - 1];
      if (prev && prev.end === start - 1) continue;
    }
    out.push({ text: word, start, end: start + word.length });
  }
  return out;
}

/**
 * True for a token written like an acronym or short code name: at least two capitals, and no
 * more lower-case letters than capitals ("NLP", "SVM", "NeRF", "BiGRU", "3DCNN").
 * An optional trailing plural "s" is ignored ("SVMs").
 */
export function isAcronymLike(token: string): boolean {
  const stem = acronymStem(token);
  if (stem.length < 2 || stem.length > 12) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(stem)) return false;
  const upper = (stem.match(/\p{Lu}/gu) ?? []).length;
  const lower = (stem.match(/\p{Ll}/gu) ?? []).length;
  return upper >= 2 && lower <= upper;
}

/** Removes a plural "s" written after a capital or digit: "SVMs" -> "SVM", "GANs" -> "GAN". */
export function acronymStem(token: string): string {
  return /[\p{Lu}\p{N}]s$/u.test(token) && token.length > 2 ? token.slice(0, -1) : token;
}

/** Roman numerals (as in "Part II", "GPT-IV") look like acronyms but never are. */
export function isRomanNumeral(token: string): boolean {
  return /^(?=[IVXLCDM]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(token);
}

/**
 * The matching key of one token: lower case and singular, so that "Models" and "model" or
 * "SVMs" and "SVM" compare equal. Acronym-like tokens only lose a plural "s" written after a
 * capital (an upper-case final "S" stays: "MPS" -> "mps").
 */
export function tokenKey(token: string): string {
  if (isAcronymLike(token)) return acronymStem(token).toLowerCase();
  return singularise(token.toLowerCase());
}
