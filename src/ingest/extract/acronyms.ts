/**
 * Acronym definitions in the Schwartz–Hearst style ("long form (LF)" and "LF (long form)") and
 * acronym uses.
 *
 * The short form's letters and digits are matched in order against the candidate long form, the
 * first one at the start of a word (a hyphen starts a word too, so "Cross-modal Retrieval Head
 * (CRH)" works); alignments that hit word starts and leave no word uncovered are preferred (see
 * matchLongForm). Extra checks reject long forms that are too long, start with a function word,
 * or leave more than one content word without a matched letter.
 */
import type { Span } from '../../model.js';
import { acronymStem, isAcronymLike, isRomanNumeral, wordTokens } from './tokenize.js';
import { DETERMINERS, EVALUATIVE_MODIFIERS, FUNCTION_WORDS, PRONOUNS } from './words.js';

export interface AcronymDefinition {
  /** The acronym as written, without a plural "s": "SVM" for "(SVMs)". */
  acronym: string;
  /** The long form as written, without leading determiners: "support vector machines". */
  longForm: string;
  /** From the start of the definition (long form, or acronym in reversed order) to the closing parenthesis. */
  span: Span;
}

/** Parenthesised text that introduces an aside, not an acronym. */
const CUE = /^(?:e\.?g|i\.?e|cf|see|viz|fig|figs|figure|table|tab|eq|eqs|equation|sec|section|appendix|app|ref|refs|resp|respectively|etc|and|or|also|called|aka|a\.k\.a)\b/i;

/** Characters that end the clause a long form can come from. */
const CLAUSE_BREAK = /[.;:!?()[\]{},"“”]/u;

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

const isFunction = (w: string): boolean => {
  const l = w.toLowerCase();
  return FUNCTION_WORDS.has(l) || DETERMINERS.has(l) || PRONOUNS.has(l);
};

/**
 * Best long form for a short form inside `text`: an alignment of the short form's letters and
 * digits, in order, onto `text`, the first at a word start. Plain Schwartz–Hearst takes the
 * right-most letters, which goes wrong when a letter also occurs inside a later word
 * ("proximal policy optimization (PPO)" would lose "proximal"). Here every word start that can
 * begin the long form is tried, and alignments are scored: +1 per letter matched at a word start,
 * -1 per content word left without a matched letter. The best score wins; ties go to the shorter
 * long form. Returns the start offset and the offsets of the matched letters, or null.
 * With `fixedStart`, only that start is tried (for "LF (long form)", where the long form is the
 * whole parenthesis).
 */
export function matchLongForm(
  shortForm: string,
  text: string,
  fixedStart?: number,
): { start: number; matched: number[] } | null {
  const sf = [...shortForm].filter((c) => isAlnum(c)).map((c) => c.toLowerCase());
  if (sf.length < 2) return null;
  const lower = text.toLowerCase();
  const n = lower.length;
  // Word index of every character, and whether each word is a content word.
  const wordOf = new Array<number>(n).fill(-1);
  const content: boolean[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = content.length;
    content.push(!isFunction(m[0]));
    for (let i = m.index; i < m.index + m[0].length; i++) wordOf[i] = w;
  }
  const words = content.length;
  const isStart = (i: number): boolean => isAlnum(lower[i]) && !isAlnum(lower[i - 1]);
  // A digit may stand for a word: "2" for "to" (T2M, text-to-motion), "4" for "for".
  const matches = (c: string, i: number): boolean => {
    if (lower[i] === c) return true;
    const word = DIGIT_WORDS[c];
    return word !== undefined && isStart(i) && lower.startsWith(word, i) && !isAlnum(lower[i + word.length]);
  };
  const uncoveredBetween = (fromWord: number, toWord: number): number => {
    let c = 0;
    for (let w = fromWord + 1; w < toWord; w++) if (content[w]) c++;
    return c;
  };
  // best[k][i]: best score for matching sf[k..] given sf[k] matched at position i.
  const memo = new Map<number, { score: number; next: number }>();
  const best = (k: number, i: number): { score: number; next: number } => {
    const key = k * (n + 1) + i;
    const cached = memo.get(key);
    if (cached) return cached;
    const here = isStart(i) ? 1 : 0;
    let result: { score: number; next: number };
    if (k === sf.length - 1) {
      result = { score: here - uncoveredBetween(wordOf[i] ?? 0, words), next: -1 };
    } else {
      result = { score: Number.NEGATIVE_INFINITY, next: -1 };
      for (let j = i + 1; j < n; j++) {
        if (!matches(sf[k + 1] as string, j)) continue;
        const rest = best(k + 1, j);
        const score = here + rest.score - uncoveredBetween(wordOf[i] ?? 0, wordOf[j] ?? 0);
        if (score > result.score) result = { score, next: j };
      }
    }
    memo.set(key, result);
    return result;
  };
  let chosen: { start: number; score: number } | null = null;
  for (let i = 0; i < n; i++) {
    if (fixedStart !== undefined && i !== fixedStart) continue;
    if (!matches(sf[0] as string, i) || !isStart(i)) continue;
    const r = best(0, i);
    if (r.score === Number.NEGATIVE_INFINITY) continue;
    // Later starts are shorter long forms: they win ties.
    if (!chosen || r.score >= chosen.score) chosen = { start: i, score: r.score };
  }
  if (!chosen) return null;
  const matched: number[] = [];
  for (let k = 0, i = chosen.start; k < sf.length && i >= 0; k++) {
    matched.push(i);
    i = best(k, i).next;
  }
  return matched.length === sf.length ? { start: chosen.start, matched } : null;
}

const DIGIT_WORDS: Record<string, string> = { '2': 'to', '4': 'for' };

interface WordRange {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated words of text[from, to) with absolute offsets. */
function wordsIn(text: string, from: number, to: number): WordRange[] {
  const out: WordRange[] = [];
  for (const m of text.slice(from, to).matchAll(/\S+/g)) {
    out.push({ text: m[0], start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}


/**
 * Checks a candidate long form (absolute offsets start..end in `text`) against the short form
 * and returns it trimmed, or null. Rejects long forms that are too long for the short form,
 * that start with a function word, or that leave more than one content word without a letter.
 */
function acceptLongForm(
  text: string,
  start: number,
  end: number,
  matched: readonly number[],
  shortForm: string,
): { start: number; end: number } | null {
  const words = wordsIn(text, start, end);
  if (words.length === 0) return null;
  const letters = [...shortForm].filter((c) => isAlnum(c)).length;
  if (words.length > Math.min(letters + 5, letters * 2)) return null;
  const firstWord = words[0]?.text ?? '';
  if (isFunction(firstWord) || EVALUATIVE_MODIFIERS.has(firstWord.toLowerCase())) return null;
  const longText = text.slice(start, end);
  if (longText.length <= shortForm.length) return null;
  if (longText.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase() === shortForm.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()) {
    return null;
  }
  if (/\p{N}/u.test(longText) && !/\p{N}/u.test(shortForm)) return null;
  const uncovered = words.filter(
    (w) => !isFunction(w.text.replace(/[^\p{L}]/gu, '')) && !matched.some((i) => i >= w.start && i < w.end),
  );
  if (uncovered.length > 1) return null;
  return { start, end };
}

/** The short form inside "(...)": the part before a ";" or ",", one token, acronym-like. */
function shortFormIn(inner: string): string | null {
  const head = (inner.split(/[;,]/)[0] ?? '').trim();
  if (head.length < 2 || /\s/.test(head) || CUE.test(head)) return null;
  if (!/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u.test(head)) return null;
  const stem = acronymStem(head);
  // "Glocal-IB", "Sparse-CBM": a hyphenated short form with an acronym part counts as one.
  const compound = /-/.test(stem) && stem.split('-').some((p) => isAcronymLike(p));
  if ((!isAcronymLike(stem) && !compound) || isRomanNumeral(stem)) return null;
  if (!/\p{L}/u.test(stem)) return null;
  return head;
}

/**
 * Finds acronym definitions in one field of a paper: "long form (LF)", "long forms (LFs)",
 * "Hyphen-ated Long Form (HLF)", mixed case ("Neural Radiance Field (NeRF)") and the reversed
 * "LF (long form)". Asides such as "(see Fig. 2)", "(2019)" or "(e.g. ...)" are ignored.
 */
export function findAcronymDefinitions(text: string, field: Span['field']): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const m of text.matchAll(/\(([^()]{1,160})\)/g)) {
    const open = m.index;
    const close = open + m[0].length;
    const inner = m[1] ?? '';
    const sf = shortFormIn(inner);
    if (sf) {
      const def = forwardDefinition(text, open, close, sf, field);
      if (def) out.push(def);
      continue;
    }
    const rev = reversedDefinition(text, open, close, inner, field);
    if (rev) out.push(rev);
  }
  return out;
}

/** "long form (LF)": the long form is taken from the clause before the parenthesis. */
function forwardDefinition(text: string, open: number, close: number, sf: string, field: Span['field']): AcronymDefinition | null {
  let from = open;
  while (from > 0 && !CLAUSE_BREAK.test(text[from - 1] ?? '')) from--;
  const words = wordsIn(text, from, open);
  const stem = acronymStem(sf);
  const letters = [...stem].filter((c) => isAlnum(c)).length;
  const window = words.slice(-Math.min(letters + 5, letters * 2));
  const first = window[0];
  const last = window[window.length - 1];
  if (!first || !last) return null;
  const candidate = text.slice(first.start, last.end);
  const match = matchLongForm(stem, candidate);
  if (!match) return null;
  const start = first.start + match.start;
  const matched = match.matched.map((i) => i + first.start);
  const accepted = acceptLongForm(text, start, last.end, matched, stem);
  if (!accepted) return null;
  return {
    acronym: stem,
    longForm: text.slice(accepted.start, accepted.end),
    span: { field, start: accepted.start, end: close },
  };
}

/** "LF (long form)": the token before the parenthesis is the acronym, the whole inside its long form. */
function reversedDefinition(
  text: string,
  open: number,
  close: number,
  inner: string,
  field: Span['field'],
): AcronymDefinition | null {
  if (CUE.test(inner.trim())) return null;
  const before = wordTokens(text.slice(Math.max(0, open - 40), open));
  const token = before[before.length - 1];
  if (!token) return null;
  const tokenEnd = Math.max(0, open - 40) + token.end;
  if (text.slice(tokenEnd, open).trim() !== '') return null;
  const stem = acronymStem(token.text);
  if (!isAcronymLike(stem) || isRomanNumeral(stem)) return null;
  const innerStart = open + 1 + (inner.length - inner.trimStart().length);
  const innerText = inner.trim().split(/[;,]/)[0]?.trim() ?? '';
  if (!/\s/.test(innerText)) return null;
  const match = matchLongForm(stem, innerText, 0);
  if (!match) return null;
  const accepted = acceptLongForm(
    text,
    innerStart,
    innerStart + innerText.length,
    match.matched.map((i) => i + innerStart),
    stem,
  );
  if (!accepted) return null;
  return {
    acronym: stem,
    longForm: text.slice(accepted.start, accepted.end),
    span: { field, start: Math.max(0, open - 40) + token.start, end: close },
  };
}

/** Every acronym-like token of a text, plural "s" removed ("SVMs" -> "SVM"). */
export function findAcronymUses(text: string, field: Span['field']): { acronym: string; span: Span }[] {
  const out: { acronym: string; span: Span }[] = [];
  for (const t of wordTokens(text)) {
    if (!isAcronymLike(t.text) || isRomanNumeral(acronymStem(t.text))) continue;
    out.push({ acronym: acronymStem(t.text), span: { field, start: t.start, end: t.end } });
  }
  return out;
}
