/**
 * Corpus-level term statistics and concept selection: which candidates become concepts.
 *
 * Works on paper indices (papers already sorted by id), so the result does not depend on the
 * order papers were given in.
 */
import {
  acronymStem,
  isAcronymLike,
  isConceptKey,
  keyOf,
  keyTokens,
  maskDebris,
  normaliseTerm,
  singularise,
  termWords,
  tokenKey,
  wordTokens,
  type PaperExtraction,
} from '../extract/index.js';

/** One meaning of an acronym: the long-form key it was defined with, and where. */
export interface Sense {
  key: string;
  /** Indices of the papers that define the acronym with this long form. */
  papers: number[];
}

export interface AcronymTable {
  /** Senses of each acronym, most frequent first (ties by key). */
  senses: Map<string, Sense[]>;
  /** Per paper: acronym -> long-form key it defines there. */
  definedIn: Map<string, string>[];
  /** Per long-form key: acronym -> number of defining papers. */
  acronymsOfKey: Map<string, Map<string, number>>;
  /**
   * Long forms of one acronym that differ only in inflection ("support vector machine" /
   * "support vectors machine"): variant key -> the key they are merged into.
   */
  variantOf: Map<string, string>;
  /** Per long-form key: the long form as first written, head singular ("support vector machine"). */
  longForms: Map<string, string>;
}

/** Inflection-blind form of a key, to recognise variants of one long form. */
const stemKey = (key: string): string =>
  key
    .split(' ')
    .map((t) => (t.length > 4 ? t.replace(/(?:ing|ed|s)$/, '') : t))
    .join(' ');

/** What kind of evidence makes a draft a concept; decides matching and naming. */
export type DraftKind = 'term' | 'named' | 'acronym';

/** A concept before naming: identified by its key. */
export interface Draft {
  key: string;
  tokens: string[];
  kind: DraftKind;
  /** Acronyms defining this term, with the number of defining papers. */
  acronyms: Map<string, number>;
  /** For kind "acronym": the acronym as written ("SVM"). */
  written: string | null;
  /**
   * Token keys of other spellings matched as this draft: inflection variants of a long form, and
   * terms written with an acronym ("linear SVM" for "linear support vector machine").
   */
  variants: string[][];
  /** For a term found written with an acronym: the term with the acronym spelled out, as its name. */
  display: string | null;
  /**
   * Keys of wordings with a generic head ("gradient boosting approach"), also in
   * `variants`: aliases, never the name. Absent when there are none.
   */
  wordings?: Set<string>;
  /**
   * Papers that write the term only inside longer terms, but inside two or more with different
   * words in front ("deep / sparse metric learning objective"): the part they share is the
   * paper's own term. Absent when there are none.
   */
  sharedTailIn?: Set<number>;
}

/** Papers in which a single word must head a phrase of its own to be a concept (see selectDrafts). */
export const MIN_DF_SINGLE_WORD = 2;
/**
 * Share of a single word's occurrences in the corpus that must be the head of a noun phrase.
 * Below it the word is mostly a verb, adjective or modifier ("show", "robust", "leverage"), and
 * linking every occurrence of it would be wrong.
 */
export const MIN_HEAD_SHARE = 0.5;
/** A single word in more than this share of papers (as a candidate) says nothing about any of them. */
export const MAX_SINGLE_WORD_SHARE = 0.25;
/**
 * After linking: a plain single word (not a name, not an acronym's long form) linked to more than
 * this share of the papers is too common to be a concept. Applied from MIN_PAPERS_FOR_SHARE
 * papers on, below which shares mean little.
 */
export const MAX_LINKED_SINGLE_WORD_SHARE = 0.1;
export const MIN_PAPERS_FOR_SHARE = 20;

/** Whether a linked plain single word is too common in the corpus to be kept. */
export function tooCommonAfterLinking(draft: Draft, linkedPapers: number, n: number): boolean {
  return (
    draft.kind === 'term' &&
    draft.tokens.length === 1 &&
    draft.acronyms.size === 0 &&
    n >= MIN_PAPERS_FOR_SHARE &&
    linkedPapers > n * MAX_LINKED_SINGLE_WORD_SHARE
  );
}

/** Collects acronym definitions across the corpus. */
export function collectAcronyms(extractions: readonly PaperExtraction[]): AcronymTable {
  const papersBySense = new Map<string, Map<string, Set<number>>>();
  const definedIn: Map<string, string>[] = [];
  const longForms = new Map<string, string>();
  extractions.forEach((ex, paper) => {
    const here = new Map<string, string>();
    for (const d of ex.definitions) {
      const key = normaliseTerm(d.longForm);
      if (key === null || here.has(d.acronym)) continue;
      here.set(d.acronym, key);
      if (!longForms.has(key)) longForms.set(key, writtenLongForm(d.longForm));
      const byKey = papersBySense.get(d.acronym) ?? new Map<string, Set<number>>();
      const papers = byKey.get(key) ?? new Set<number>();
      papers.add(paper);
      byKey.set(key, papers);
      papersBySense.set(d.acronym, byKey);
    }
    definedIn.push(here);
  });
  const senses = new Map<string, Sense[]>();
  const acronymsOfKey = new Map<string, Map<string, number>>();
  const variantOf = new Map<string, string>();
  for (const acronym of [...papersBySense.keys()].sort()) {
    const byKey = papersBySense.get(acronym) as Map<string, Set<number>>;
    mergeVariants(byKey, variantOf);
    const list = [...byKey.entries()]
      .map(([key, papers]) => ({ key, papers: [...papers].sort((a, b) => a - b) }))
      .sort((a, b) => b.papers.length - a.papers.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    senses.set(acronym, list);
    for (const s of list) {
      const counts = acronymsOfKey.get(s.key) ?? new Map<string, number>();
      counts.set(acronym, s.papers.length);
      acronymsOfKey.set(s.key, counts);
    }
  }
  for (const here of definedIn) {
    for (const [acronym, key] of here) {
      const canonical = variantOf.get(key);
      if (canonical !== undefined) here.set(acronym, canonical);
    }
  }
  return { senses, definedIn, acronymsOfKey, variantOf, longForms };
}

/** A long form as written, lower case except name-like words, last word singular. */
function writtenLongForm(longForm: string): string {
  const words = longForm.trim().split(/\s+/);
  return words
    .map((w, i) => {
      const shown = /\p{Ll}\p{Lu}|\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase();
      if (i < words.length - 1) return shown;
      const singular = singularise(shown.toLowerCase());
      return shown.toLowerCase().startsWith(singular) ? shown.slice(0, singular.length) : singular;
    })
    .join(' ');
}

/**
 * A multi-word term written with an acronym the paper defines, or the corpus defines, spelled
 * out: "linear SVMs" -> key "linear support vector machine". Null when nothing is spelled out.
 */
export function expandAcronyms(
  surface: string,
  acronyms: AcronymTable,
  paper: number,
): { key: string; display: string } | null {
  const words = termWords(surface);
  if (!words || words.length < 2) return null;
  const tokens: string[] = [];
  const display: string[] = [];
  let expanded = false;
  for (const w of words) {
    const stem = acronymStem(w);
    const sense = isAcronymLike(w) && !/[-‐‑]/u.test(w)
      ? acronyms.definedIn[paper]?.get(stem) ?? acronyms.senses.get(stem)?.[0]?.key
      : undefined;
    if (sense !== undefined) {
      tokens.push(...sense.split(' '));
      display.push(acronyms.longForms.get(sense) ?? sense);
      expanded = true;
    } else {
      tokens.push(...keyTokens([w]));
      display.push(w);
    }
  }
  if (!expanded || !isConceptKey(tokens)) return null;
  return { key: keyOf(tokens), display: display.join(' ') };
}

/** Folds long forms of one acronym that differ only in inflection into the most used one. */
function mergeVariants(byKey: Map<string, Set<number>>, variantOf: Map<string, string>): void {
  const groups = new Map<string, string[]>();
  for (const key of [...byKey.keys()].sort()) {
    const stem = stemKey(key);
    groups.set(stem, [...(groups.get(stem) ?? []), key]);
  }
  for (const keys of groups.values()) {
    if (keys.length < 2) continue;
    const ranked = [...keys].sort((a, b) => (byKey.get(b)?.size ?? 0) - (byKey.get(a)?.size ?? 0) || (a < b ? -1 : 1));
    const canonical = ranked[0] as string;
    const papers = byKey.get(canonical) as Set<number>;
    for (const variant of ranked.slice(1)) {
      for (const p of byKey.get(variant) ?? []) papers.add(p);
      byKey.delete(variant);
      variantOf.set(variant, canonical);
    }
  }
}

interface TermStat {
  tokens: string[];
  /** Papers with the term as a candidate of its own. */
  papers: Set<number>;
  /** Papers with the term as the tail of a longer candidate ("recurrent network" in "bidirectional recurrent network"). */
  nested: Set<number>;
  /** Words seen right before the term when nested: a real term combines with several. */
  leftWords: Set<string>;
  /** Per paper, the words seen right before the term when nested there. */
  leftWordsIn: Map<number, Set<string>>;
  named: boolean;
  hyphenated: boolean;
  inTitle: boolean;
  /** Most occurrences in one paper. */
  maxCount: number;
  /** Keys of the spellings with an acronym that were spelled out into this term. */
  written: Set<string>;
  /**
   * Keys of longer wordings: with a generic head ("gradient boosting approach"), or with an ad hoc
   * modifier or generic last noun (see adHocPlain).
   */
  longer: Set<string>;
  display: string | null;
}

/** adHocPlain's answer for a descriptive modifier in front of a generic noun ("noisy input"): no term at all. */
const AD_HOC_PHRASE = '';

/**
 * The term a candidate names once an ad hoc part is dropped, or null when the candidate stays as
 * it is. The wording must be written once, in the abstract of one paper only, as a plain noun
 * phrase: a wording that recurs, names a title or defines an acronym is the paper's own term.
 * Then a leading descriptive modifier is dropped ("sharp decision boundary" -> "decision
 * boundary"), and a generic last noun when the term without it is a phrase of its own in this
 * paper or in two papers ("speaker verification system" beside "speaker verification"). A descriptive modifier
 * in front of a generic noun ("noisy inputs") names nothing: AD_HOC_PHRASE.
 * `own`: the keys of the paper's candidates; `singleWord`: also drop a modifier in front of a
 * single word the paper writes alone ("heavy weight decay" beside "weight decay").
 */
function adHocPlain(
  c: PaperExtraction['candidates'][number],
  candidatePapers: ReadonlyMap<string, number>,
  own: ReadonlySet<string>,
  singleWord = false,
): string | null {
  if (c.source !== 'noun-phrase' || c.spans.length !== 1) return null;
  if (c.spans[0]?.field !== 'abstract' || (candidatePapers.get(c.key) ?? 0) > 1) return null;
  if (c.plain !== undefined) {
    const tokens = c.plain.split(' ');
    // A gerund head makes a method's name ("metric learning", "adversarial training").
    if (!isConceptKey(tokens)) return /ing$/.test(c.plain) ? null : AD_HOC_PHRASE;
    if (tokens.length >= 2 || (singleWord && own.has(c.plain))) return c.plain;
  }
  if (c.withoutHead !== undefined && (own.has(c.withoutHead) || (candidatePapers.get(c.withoutHead) ?? 0) >= 2)) return c.withoutHead;
  return null;
}

/** Sorted keys of a map, for deterministic iteration. */
const sortedKeys = <K extends string, V>(m: Map<K, V>): K[] => [...m.keys()].sort();

/**
 * Chooses the concepts:
 * - every defined acronym's long form (merged with the acronym);
 * - named systems (CamelCase, code names, "Name:" title prefixes);
 * - acronyms used but defined nowhere, when used in two papers, in a title, or twice in a paper;
 * - every multi-word term that is a phrase of its own somewhere (normaliseTerm has already
 *   refused generic ones such as "extensive experiments"); one written with a defined acronym is
 *   spelled out ("linear SVMs" -> "linear support vector machine"); a term seen only as the tail
 *   of longer terms needs two papers and two different words in front of it;
 * - single words only with corpus support: a phrase of their own in one paper and a head in at
 *   least MIN_DF_SINGLE_WORD papers (or in a title, or three times in one paper), a noun-phrase
 *   head in at least MIN_HEAD_SHARE of all their occurrences (so verbs and adjectives such as
 *   "show" or "robust" stay out: linking cannot tell parts of speech apart), in at most
 *   MAX_SINGLE_WORD_SHARE of the papers, and not a generic noun (normaliseTerm already refuses
 *   those). Consolidation later links a single word only to papers that name it in the title or
 *   use it as a phrase of its own more than once.
 * - a wording written once in one paper with an ad hoc part (a descriptive modifier, a generic
 *   last noun) counts as the term without it, the wording an alias (see adHocPlain);
 * `tokenCounts` / `lowerCase`: occurrences of each token key in the corpus, all and lower-case (see countTokens).
 * `rejected`, when given, receives the reason each term key that did not become a draft was left out.
 */
export function selectDrafts(
  extractions: readonly PaperExtraction[],
  acronyms: AcronymTable,
  tokenCounts: ReadonlyMap<string, number>,
  lowerCase: ReadonlyMap<string, number>,
  rejected?: Map<string, string>,
): Draft[] {
  const n = extractions.length;
  const headOccurrences = new Map<string, number>();
  const stats = new Map<string, TermStat>();
  const headPapers = new Map<string, Set<number>>();
  const undefinedAcronyms = new Map<string, { papers: Set<number>; inTitle: boolean; maxCount: number }>();
  const stat = (key: string): TermStat => {
    let s = stats.get(key);
    if (!s) {
      s = {
        tokens: key.split(' '),
        papers: new Set(),
        nested: new Set(),
        leftWords: new Set(),
        leftWordsIn: new Map(),
        named: false,
        hyphenated: false,
        inTitle: false,
        maxCount: 0,
        written: new Set(),
        longer: new Set(),
        display: null,
      };
      stats.set(key, s);
    }
    return s;
  };
  const addTo = (m: Map<string, Set<number>>, k: string, paper: number): void => {
    const set = m.get(k) ?? new Set<number>();
    set.add(paper);
    m.set(k, set);
  };

  // Papers with each key as a candidate: a wording several papers use is lexicalised.
  const candidatePapers = new Map<string, number>();
  for (const ex of extractions) for (const c of ex.candidates) candidatePapers.set(c.key, (candidatePapers.get(c.key) ?? 0) + 1);

  extractions.forEach((ex, paper) => {
    const acronymCounts = new Map<string, { count: number; inTitle: boolean }>();
    for (const use of ex.acronymUses) {
      if (acronyms.senses.has(use.acronym)) continue;
      const c = acronymCounts.get(use.acronym) ?? { count: 0, inTitle: false };
      c.count++;
      c.inTitle ||= use.span.field === 'title';
      acronymCounts.set(use.acronym, c);
    }
    for (const [acronym, c] of acronymCounts) {
      const u = undefinedAcronyms.get(acronym) ?? { papers: new Set<number>(), inTitle: false, maxCount: 0 };
      u.papers.add(paper);
      u.inTitle ||= c.inTitle;
      u.maxCount = Math.max(u.maxCount, c.count);
      undefinedAcronyms.set(acronym, u);
    }
    const own = new Set(ex.candidates.map((c) => c.key));
    for (const c of ex.candidates) {
      // A bare acronym is evidence for its long form or for itself as an acronym, not a term.
      if (!/[\s‐‑-]/u.test(c.surface) && isAcronymLike(c.surface)) continue;
      if (acronyms.senses.has(acronymStem(c.surface))) continue;
      const expansion = expandAcronyms(c.surface, acronyms, paper);
      const plain = expansion === null ? adHocPlain(c, candidatePapers, own) : null;
      if (plain === AD_HOC_PHRASE) {
        rejected?.set(c.key, 'a descriptive modifier in front of a generic noun, written once');
        continue;
      }
      // "noisy gradient" beside "gradient": one concept if the single word becomes one.
      if (plain === null && c.plain !== undefined && adHocPlain(c, candidatePapers, own, true) === c.plain) stat(c.plain).longer.add(c.key);
      const s = stat(expansion?.key ?? plain ?? c.key);
      if (expansion) {
        s.written.add(c.key);
        s.display ??= expansion.display;
      }
      if (plain !== null) s.longer.add(c.key);
      s.papers.add(paper);
      for (const l of c.longer ?? []) s.longer.add(l);
      // A capitalised ordinary word ("... compared to Horizon") is a name only if the corpus
      // never writes it in lower case; otherwise it is the common word and must earn its place.
      s.named ||= c.source === 'named' && !(/^\p{Lu}\p{Ll}+$/u.test(c.surface) && (lowerCase.get(c.key) ?? 0) > 0);
      s.hyphenated ||= c.source === 'hyphenated';
      s.inTitle ||= c.spans.some((sp) => sp.field === 'title');
      s.maxCount = Math.max(s.maxCount, c.spans.length);
      const head = s.tokens[s.tokens.length - 1] as string;
      addTo(headPapers, head, paper);
      headOccurrences.set(head, (headOccurrences.get(head) ?? 0) + c.spans.length);
      // Tails are taken at word boundaries: "multi-scale feature pyramid" has the tail
      // "feature pyramid", never "scale feature pyramid".
      const words = termWords(c.surface) ?? [];
      for (let k = 1; k < words.length; k++) {
        const tail = keyTokens(words.slice(k));
        if (!isConceptKey(tail, words.slice(k))) continue;
        const t = stat(keyOf(tail));
        t.nested.add(paper);
        const left = tokenKey(words[k - 1] ?? '');
        t.leftWords.add(left);
        const here = t.leftWordsIn.get(paper) ?? new Set<string>();
        here.add(left);
        t.leftWordsIn.set(paper, here);
      }
    }
  });

  const drafts = new Map<string, Draft>();
  for (const key of sortedKeys(acronyms.acronymsOfKey)) {
    drafts.set(key, {
      key,
      tokens: key.split(' '),
      kind: 'term',
      acronyms: new Map(acronyms.acronymsOfKey.get(key)),
      written: null,
      variants: [],
      display: null,
    });
  }
  for (const [variant, canonical] of [...acronyms.variantOf.entries()].sort()) {
    drafts.get(canonical)?.variants.push(variant.split(' '));
  }
  for (const key of sortedKeys(stats)) {
    const s = stats.get(key) as TermStat;
    const existing = drafts.get(key);
    if (existing) {
      existing.variants.push(...[...s.written, ...s.longer].sort().map((w) => w.split(' ')));
      if (s.longer.size > 0) existing.wordings = new Set(s.longer);
    }
    if (existing || acronyms.variantOf.has(key)) continue;
    const df = new Set([...s.papers, ...s.nested]).size;
    const sharedTailIn = new Set(s.tokens.length > 1 ? [...s.leftWordsIn].filter(([, w]) => w.size >= 2).map(([p]) => p) : []);
    let reason: string | null = null;
    if (s.papers.size === 0) {
      // Only ever inside longer terms: a term of its own if it combines with several words
      // ("recurrent network" in "bidirectional / gated recurrent network"), in the corpus or in
      // one paper, not if it is always the tail of one longer term ("vector machine" only in
      // "support vector machine").
      if (!(s.tokens.length > 1 && ((df >= 2 && s.leftWords.size >= 2) || sharedTailIn.size > 0))) reason = 'only seen inside one longer term';
    } else if (!s.named && s.tokens.length === 1) {
      const word = s.tokens[0] as string;
      const heads = headPapers.get(word)?.size ?? 0;
      const headShare = (headOccurrences.get(word) ?? 0) / Math.max(1, tokenCounts.get(word) ?? 0);
      // A word the paper names in its title, or repeats as a phrase of its own, needs no second paper.
      if (heads < MIN_DF_SINGLE_WORD && !(s.inTitle || s.maxCount >= 3)) reason = `single word: a phrase head in fewer than ${MIN_DF_SINGLE_WORD} papers, not in a title or repeated`;
      else if (headShare < MIN_HEAD_SHARE) reason = 'single word: mostly used as a verb or modifier in the corpus';
      else if (df > Math.max(MIN_DF_SINGLE_WORD, n * MAX_SINGLE_WORD_SHARE)) reason = `single word: in more than ${MAX_SINGLE_WORD_SHARE * 100}% of the papers`;
    }
    const keep = reason === null;
    if (!keep) rejected?.set(key, reason as string);
    if (keep) {
      drafts.set(key, {
        key,
        tokens: s.tokens,
        kind: s.named ? 'named' : 'term',
        acronyms: new Map(),
        written: null,
        variants: [...s.written, ...s.longer].sort().map((w) => w.split(' ')),
        display: s.display,
        ...(s.longer.size > 0 ? { wordings: new Set(s.longer) } : {}),
        ...(sharedTailIn.size > 0 ? { sharedTailIn } : {}),
      });
    }
  }
  // A wording with a generic head that some paper chunked whole ("ranking task") is the
  // term without it wherever that term is a concept: one concept, the wording an alias.
  for (const key of sortedKeys(stats)) {
    for (const l of (stats.get(key) as TermStat).longer) {
      const whole = drafts.get(l);
      if (!drafts.has(key) || !whole || whole.acronyms.size > 0 || whole.kind === 'named') continue;
      drafts.delete(l);
      rejected?.set(l, `a wording of "${key}" with a generic head`);
    }
  }
  for (const acronym of sortedKeys(undefinedAcronyms)) {
    const u = undefinedAcronyms.get(acronym) as { papers: Set<number>; inTitle: boolean; maxCount: number };
    if (u.papers.size < 2 && !u.inTitle && u.maxCount < 2) {
      rejected?.set(`\u0000${acronym}`, 'acronym defined nowhere and used once');
      continue;
    }
    const key = `\u0000${acronym}`; // acronyms are case-sensitive: keep them apart from word keys
    drafts.set(key, { key, tokens: [acronym.toLowerCase()], kind: 'acronym', acronyms: new Map(), written: acronym, variants: [], display: null });
  }
  return [...drafts.values()];
}

/** Corpus-wide token statistics, by token key (see tokenKey). */
export interface TokenCounts {
  /** All occurrences. */
  all: Map<string, number>;
  /** Occurrences written in lower case. */
  lowerCase: Map<string, number>;
  /** Occurrences capitalised inside an abstract sentence, standing alone (see standaloneCapitals). */
  capitalisedInSentence: Map<string, number>;
  /** Every word as written, lower-cased (before singularisation). */
  words: Set<string>;
}

/** True when offset `start` of text begins a sentence (or the text). */
export function sentenceInitial(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start).trimEnd();
  return before.length === 0 || /[.!?:;]["'”’)]?$/u.test(before);
}

/**
 * Start offsets of the tokens of capitalised words standing alone inside abstract sentences:
 * the word (hyphenated parts included) starts with a capital, is not sentence-initial, and the
 * words before and after it are not capitalised. "a Hilbert space", "the Bellman-Ford
 * algorithm" qualify; a Title-Cased run such as "Sparse Token Routing (STR)" does not.
 */
function standaloneCapitals(text: string): Set<number> {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0].replace(/^[^\p{L}\p{N}]+/u, ''), start: m.index + (m[0].length - m[0].replace(/^[^\p{L}\p{N}]+/u, '').length), raw: m[0] }));
  const capital = (w: { text: string } | undefined): boolean => w !== undefined && /^\p{Lu}/u.test(w.text);
  const out = new Set<number>();
  words.forEach((w, i) => {
    if (!/^\p{Lu}\p{Ll}/u.test(w.text) || sentenceInitial(text, w.start)) return;
    const prev = words[i - 1];
    if (capital(prev) && !/[,;:.!?)]$/u.test(prev?.raw ?? '')) return;
    if (capital(words[i + 1]) && !/[,;:.!?(]$/u.test(w.raw)) return;
    for (const t of wordTokens(w.text)) if (/^\p{Lu}\p{Ll}/u.test(t.text)) out.add(w.start + t.start);
  });
  return out;
}

/** Counts token occurrences over the corpus's titles and abstracts (markup and URLs skipped). */
export function countTokens(papers: ReadonlyArray<{ title: string; abstract: string }>): TokenCounts {
  const counts: TokenCounts = { all: new Map(), lowerCase: new Map(), capitalisedInSentence: new Map(), words: new Set() };
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const p of papers) {
    for (const field of ['title', 'abstract'] as const) {
      const text = maskDebris(p[field]);
      const capitals = field === 'abstract' ? standaloneCapitals(text) : new Set<number>();
      for (const t of wordTokens(text)) {
        const k = tokenKey(t.text);
        bump(counts.all, k);
        counts.words.add(t.text.toLowerCase());
        if (/^\p{Ll}/u.test(t.text)) bump(counts.lowerCase, k);
        else if (capitals.has(t.start)) bump(counts.capitalisedInSentence, k);
      }
    }
  }
  return counts;
}
