/**
 * Mention confidence: how central a concept is to a paper, in [0, 1].
 *
 *   confidence = 0.20 * inTitle
 *              + 0.15 * min(1, ln(1 + count) / ln(6))      (saturates at 5 mentions)
 *              + 0.05 * definedHere                         (the paper defines its acronym)
 *              + 0.10 * specificity                         (multi-word terms, names, acronyms)
 *              + 0.30 * lengthPrior                         (key phrases are mostly 2-3 words)
 *              + 0.10 * idf                                 (rare in the corpus)
 *              + 0.10 * (1 - position)                      (introduced early in the abstract)
 *   halved when every mention sits inside a longer matched concept ("recurrent network" inside
 *   "bidirectional recurrent network"): the longer concept is what the paper is about.
 *
 * specificity = 1 for a name or acronym, else min(1, (words - 1) / 2).
 * lengthPrior = 0.7 for a name or acronym; else 0 for one word, 1 for two or three words and
 * 0.2 less for each word beyond three (0.8, 0.6, ...): a single word is rarely what a paper is
 * about, and a long phrase is usually a specific instance of a shorter concept.
 * idf = ln((N + 1) / df) / ln(N + 1), which is 1 for a concept in one paper and 0 for one in all.
 * Rounded to 4 decimals so equal inputs give byte-identical output.
 */

export interface ConfidenceInput {
  inTitle: boolean;
  count: number;
  definedHere: boolean;
  /** Words in the concept's name (1 for a single word). */
  words: number;
  /** Named system or acronym. */
  named: boolean;
  nestedOnly: boolean;
  /** Papers linked to the concept. */
  df: number;
  /** Papers in the corpus. */
  n: number;
  /**
   * Where the abstract first mentions the concept, as a share of its length (0 = first word);
   * 1 when the abstract never does. Authors name what a paper is about early.
   */
  position?: number;
}

export function mentionConfidence(x: ConfidenceInput): number {
  const countScore = Math.min(1, Math.log(1 + x.count) / Math.log(6));
  const specificity = x.named ? 1 : Math.min(1, (x.words - 1) / 2);
  const idf = x.n <= 1 ? 1 : Math.max(0, Math.min(1, Math.log((x.n + 1) / Math.max(1, x.df)) / Math.log(x.n + 1)));
  const early = 1 - Math.max(0, Math.min(1, x.position ?? 1));
  let score =
    0.2 * (x.inTitle ? 1 : 0) +
    0.15 * countScore +
    0.05 * (x.definedHere ? 1 : 0) +
    0.1 * specificity +
    0.3 * lengthPrior(x.words, x.named) +
    0.1 * idf +
    0.1 * early;
  if (x.nestedOnly) score *= 0.5;
  return round4(Math.max(0, Math.min(1, score)));
}

/**
 * How typical a concept's length is of what papers are about: 0 for a single word, 1 for two or
 * three words, 0.2 less for each further word; 0.7 for a name or acronym, whose word count says
 * little about it.
 */
function lengthPrior(words: number, named: boolean): number {
  if (named) return 0.7;
  if (words <= 1) return 0;
  return Math.max(0, 1 - 0.2 * Math.max(0, words - 3));
}

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
