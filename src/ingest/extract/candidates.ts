/**
 * Per-field term candidates: noun phrases chunked from compromise's part-of-speech tags,
 * hyphenated technical terms, and named systems (CamelCase / code names, a title's "Name:" prefix,
 * capitalised names in running text).
 */
import nlp from 'compromise';
import type { Span } from '../../model.js';
import { MAX_TERM_WORDS, isLeadingNoise } from './normalise.js';
import { isAcronymLike } from './tokenize.js';
import { singularise } from './inflect.js';
import { DETERMINERS, FUNCTION_WORDS, GENERIC_HEADS, PRONOUNS } from './words.js';

export type CandidateSource = 'noun-phrase' | 'acronym-definition' | 'hyphenated' | 'named';

/** One occurrence of a candidate term in a field. */
export interface RawCandidate {
  surface: string;
  span: Span;
  source: CandidateSource;
  /**
   * The phrase as written when a generic head was cut off ("gradient boosting approach"
   * for the candidate "gradient boosting"; see GENERIC_HEADS).
   */
  longer?: Span;
  /**
   * The term without its leading descriptive modifiers ("sharp decision boundary" ->
   * "decision boundary"); consolidation decides whether the modifier was ad hoc.
   */
  plain?: Span;
}

interface TermJson {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * A word of the text: one compromise term, or several joined by hyphens without spaces
 * ("multi-scale", "text-to-speech"). Tags are those of the last part, which carries the
 * compound's part of speech.
 */
interface Unit {
  text: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
  /** Punctuation before the unit (an opening parenthesis or quote starts a new phrase). */
  pre: string;
  /** What follows the unit: a phrase continues only over plain whitespace. */
  post: string;
  sentenceStart: boolean;
  hyphenated: boolean;
}

/** URLs, e-mail addresses, LaTeX commands and maths: blanked out (same length) before tagging. */
const MASK = /https?:\/\/\S+|www\.\S+|\S+@\S+\.\w+|\$[^$]{0,200}\$|\\[a-zA-Z]+(?:\{[^}]*\})?|[{}\\]/g;

/** Replaces markup and URLs by spaces so offsets stay valid and the tagger never sees them. */
export function maskDebris(text: string): string {
  return text.replace(MASK, (m) => ' '.repeat(m.length));
}

/**
 * Titles are usually in Title Case, which makes every word look like a proper noun to the
 * tagger. Words written with only their first letter capitalised are lower-cased for tagging;
 * acronyms and CamelCase names keep their case. Same length, so offsets are unchanged.
 */
export function untitle(text: string): string {
  const words = text.match(/[\p{L}][\p{L}'’]*/gu) ?? [];
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words.length < 3 || capitalised < words.length * 0.6) return text;
  return text.replace(/[\p{L}][\p{L}'’]*/gu, (w) => (/^\p{Lu}[\p{Ll}'’]*$/u.test(w) ? w.toLowerCase() : w));
}

/**
 * compromise's steps up to its first-pass tagger (lexicon, suffixes, patterns, neighbours), without
 * the hundreds of match rules of its second pass and its chunker: a fifth of the time of `nlp()`.
 */
const TAGGING_STEPS = ['alias', 'machine', 'index', 'id', 'freeze', 'lexicon', 'preTagger', 'contractionTwo'];

function tagged(text: string): { terms: TermJson[] }[] {
  const doc = nlp.tokenize(text);
  doc.compute(TAGGING_STEPS);
  return doc.json({ offset: true }) as { terms: TermJson[] }[];
}

function unitsOf(text: string): Unit[] {
  const units: Unit[] = [];
  const doc = tagged(text);
  let cursor = 0;
  for (const sentence of doc) {
    let first = true;
    let open: Unit | null = null;
    for (const term of sentence.terms) {
      if (term.text.length === 0) continue; // the silent half of a contraction
      let start = term.offset.start;
      if (text.slice(start, start + term.text.length) !== term.text) {
        // Offsets can drift after characters outside the BMP; find the term again nearby.
        const found = text.indexOf(term.text, cursor);
        if (found < 0 || found - cursor > 64) continue;
        start = found;
      }
      const end = start + term.text.length;
      cursor = end;
      if (open && /^[-‐‑]$/u.test(open.post) && start === open.end + 1) {
        open.text = text.slice(open.start, end);
        open.end = end;
        open.tags = new Set(term.tags);
        open.post = term.post;
        open.hyphenated = true;
        continue;
      }
      open = {
        text: term.text,
        start,
        end,
        tags: new Set(term.tags),
        pre: term.pre,
        post: term.post,
        sentenceStart: first,
        hyphenated: term.text.includes('-'),
      };
      units.push(open);
      first = false;
    }
  }
  return units;
}

const lower = (u: Unit): string => u.text.toLowerCase();

/**
 * Reporting and result verbs of academic prose. The tagger often reads them as nouns after a
 * plural subject ("experiments show that ..."); they are never a term's head.
 */
const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'show', 'shows', 'demonstrate', 'demonstrates', 'reveal', 'reveals', 'suggest', 'suggests',
  'indicate', 'indicates', 'achieve', 'achieves', 'outperform', 'outperforms', 'improve',
  'improves', 'enable', 'enables', 'yield', 'yields', 'confirm', 'confirms', 'highlight',
  'highlights', 'verify', 'verifies', 'surpass', 'surpasses', 'exhibit', 'exhibits', 'remain',
  'remains', 'require', 'requires', 'allow', 'allows', 'lead', 'leads', 'provide', 'provides',
]);

const isNounish = (u: Unit): boolean =>
  !REPORTING_VERBS.has(lower(u)) &&
  (u.tags.has('Noun') || u.tags.has('Acronym') || u.tags.has('ProperNoun')) &&
  !u.tags.has('Pronoun') &&
  !u.tags.has('Possessive') &&
  !DETERMINERS.has(lower(u)) &&
  !FUNCTION_WORDS.has(lower(u));

/** Adjectives, and hyphenated compounds ending in a participle ("population-based", "user-defined"). */
const isAdjectival = (u: Unit): boolean =>
  (u.tags.has('Adjective') || u.tags.has('Comparable') || (u.hyphenated && (u.tags.has('PastTense') || u.tags.has('Participle')))) &&
  !DETERMINERS.has(lower(u));

/** A break in the phrase after this unit: any punctuation other than a plain space. */
const breaksAfter = (u: Unit): boolean => u.post.trim().length > 0 || u.post.length === 0;
const breaksBefore = (u: Unit): boolean => /[(["“'‘]/u.test(u.pre);

/**
 * Chunks units into maximal noun phrases: modifiers (adjectives, nouns, gerunds and participles
 * used attributively, numbers inside a compound) followed by a noun head.
 *
 * The tagger's usual slips around "-s" words are corrected from the context: after a noun, an
 * "-s" word followed directly by a determiner, adjective, pronoun or noun is a verb ("the model
 * leverages an ...", "SVM employs a kernel ..."); otherwise it is a plural head even when tagged
 * as a verb ("vector machines (...)", "decision trees such as ..."). A plural closes its phrase
 * (English compounds take singular modifiers), so the verb after a plural subject stays out.
 * `title`: the units are a title, which is a noun phrase rather than a sentence.
 */
function nounPhrases(units: readonly Unit[], title: boolean): Unit[][] {
  const phrases: Unit[][] = [];
  let current: Unit[] = [];
  let afterSubject = false;
  const flush = (): void => {
    if (current.length > 0) phrases.push(current);
    current = [];
  };
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    const before = units[i - 1];
    const next = units[i + 1];
    const nextInPhrase = next !== undefined && !breaksAfter(u) && !breaksBefore(next) ? next : undefined;
    if (breaksBefore(u)) flush();
    const prev = current[current.length - 1];
    const word = lower(u);
    if (u.tags.has('Possessive') || /['’]s$/u.test(u.text)) {
      // The owner in "OpenAI's reward model" is not part of the term.
      flush();
      continue;
    }
    if (SUBJECT_PRONOUNS.has(word)) {
      afterSubject = true;
      flush();
      continue;
    }
    if (DETERMINERS.has(word) || PRONOUNS.has(word) || FUNCTION_WORDS.has(word) || NAMING_VERBS.has(word)) {
      flush();
      continue;
    }
    if (afterSubject) {
      // After "we" / "they" (and adverbs such as "first", "also") comes a verb, whatever the
      // tagger says ("we first query ...").
      afterSubject = !breaksAfter(u) && (u.tags.has('Adverb') || u.tags.has('Ordinal') || u.tags.has('Auxiliary'));
      flush();
      continue;
    }
    if (next && lower(next) === 'to' && !breaksAfter(u) && PREPOSITION_HEADS.has(word)) {
      // "relative to", "due to", "compared to": a complex preposition, not a noun.
      flush();
      continue;
    }
    if (before && lower(before) === 'to' && !breaksAfter(before) && looksLikeInfinitive(u, nextInPhrase, next)) {
      // "to prune the graph", "Learning to Rank:": an infinitive, whatever the tag.
      flush();
      continue;
    }
    if (prev !== undefined && isRegularPlural(prev) && !/s$/.test(word) && !u.hyphenated && !isAcronymLike(u.text)) {
      // A plural closes its phrase: "model checking games employ ...", "the results lie in ...".
      // English compounds take singular modifiers, so a bare word right after a plural is
      // almost always the verb, whatever the tagger says.
      flush();
      continue;
    }
    let fits: boolean;
    if (
      /s$/.test(word) && !u.hyphenated && prev === undefined && nextInPhrase !== undefined &&
      (u.tags.has('Plural') || u.tags.has('PresentTense')) && startsObject(nextInPhrase) &&
      !(before && !breaksAfter(before) && (DETERMINERS.has(lower(before)) || isAdjectival(before) || POSSESSIVE_PRONOUNS.has(lower(before))))
    ) {
      // ", prunes redundant edges", "or beats strong baselines": a verb opening the
      // predicate; a plural noun at the start of a phrase is rarely followed by its object.
      fits = false;
    } else if (/s$/.test(word) && !u.hyphenated && prev !== undefined && isNounish(prev) && (u.tags.has('Plural') || u.tags.has('PresentTense'))) {
      // "the essence lies in", "this paper deals with": read as a verb when the tagger says so.
      // Only for the subject of an abstract's sentence followed by a preposition: elsewhere, and
      // in titles, which are noun phrases, the tagger's verb reading of a plural ("Latent
      // Diffusion Models at Scale") is usually wrong.
      const subject = !title && isSentenceSubject(units, i - current.length);
      const verb = subject && u.tags.has('Verb') && !u.tags.has('Noun') && nextInPhrase !== undefined && FUNCTION_WORDS.has(lower(nextInPhrase));
      // "decision trees overfit noisy labels": a bare verb form after the -s word, itself
      // followed by its object, makes the -s word the plural subject.
      const after = units[i + 2];
      const beforeVerb =
        singularise(word) !== word && /^\p{Ll}/u.test(prev.text) && nextInPhrase !== undefined && isBareVerb(nextInPhrase) && after !== undefined && !breaksAfter(nextInPhrase) &&
        (startsObject(after) || FUNCTION_WORDS.has(lower(after)));
      fits = !verb && (nextInPhrase === undefined || beforeVerb || !startsObject(nextInPhrase));
    } else if (
      /ing$/.test(word) && !u.hyphenated && prev === undefined && nextInPhrase !== undefined &&
      isAdjectival(nextInPhrase) && !isNounish(nextInPhrase) && (before === undefined || breaksAfter(before) || FUNCTION_WORDS.has(lower(before)))
    ) {
      // "Enabling continuous control", "by recovering numerical values": an -ing word opening a
      // clause before an adjective is a verb taking an object, whatever the tagger says.
      fits = false;
    } else if (isNounish(u) || isAdjectival(u)) {
      fits = true;
    } else if (u.tags.has('Gerund')) {
      // "gradient boosting", "the learning rate"; a gerund opening a sentence or clause or
      // taking an object is a verb ("Improving X ...", "without sacrificing quality").
      // After a plural noun a gerund with a complement is a reduced relative clause ("systems
      // running on GPUs"); elsewhere it heads a compound ("population-based training to ...").
      const takesObject = nextInPhrase !== undefined && !isNounish(nextInPhrase) && startsObject(nextInPhrase);
      const takesComplement = takesObject || (nextInPhrase !== undefined && FUNCTION_WORDS.has(lower(nextInPhrase)));
      fits = prev !== undefined
        ? !(takesObject || (takesComplement && prev.tags.has('Plural')))
        : nextInPhrase !== undefined && isNounish(nextInPhrase) && before !== undefined && !breaksAfter(before) &&
          (isAttributiveContext(before) || isAttributiveParticiple(before, units[i - 2]));
    } else if (u.tags.has('PastTense') || u.tags.has('Participle')) {
      // "stacked encoders": attributive only when a noun follows and no subject precedes.
      fits = nextInPhrase !== undefined && (isNounish(nextInPhrase) || isAdjectival(nextInPhrase)) &&
        (prev === undefined
          ? isAttributiveContext(before) || (before !== undefined && FUNCTION_WORDS.has(lower(before)) && !AUXILIARIES.has(lower(before)))
          : isAdjectival(prev));
    } else if (u.tags.has('Value') && (u.hyphenated || DIMENSIONAL.test(u.text))) {
      fits = true;
    } else {
      fits = false;
    }
    if (!fits) {
      flush();
      continue;
    }
    current.push(u);
    if (breaksAfter(u)) flush();
  }
  flush();
  return phrases;
}

/** A word that can be a verb's base form: plain lower-case letters, no -s / -ed / -ing / -ly ending. */
function isBareVerb(u: Unit): boolean {
  const w = lower(u);
  return (
    /^[a-z]{3,}$/.test(w) && !/(?:s|ed|ing|ly)$/.test(w) && !u.hyphenated &&
    u.tags.has('Verb') && !u.tags.has('Adjective') && !u.tags.has('ProperNoun') &&
    !DETERMINERS.has(w) && !FUNCTION_WORDS.has(w) && !PRONOUNS.has(w)
  );
}

/** A regular plural noun ("games", "systems"), not an acronym and not a word that only ends in -s. */
function isRegularPlural(u: Unit): boolean {
  const w = lower(u);
  return (u.tags.has('Plural') || u.tags.has('PresentTense')) && !u.hyphenated && !isAcronymLike(u.text) && /[^s]s$/.test(w) && singularise(w) !== w;
}

/** "2D", "3D", "3DGS": a dimension prefix is a word of the term, not a number in front of it. */
const DIMENSIONAL = /^[1-9]D(?:\p{Lu}[\p{L}\p{N}]*)?$/u;

/** Whether the phrase starting at unit `start` opens its sentence (after at most a determiner or possessive). */
function isSentenceSubject(units: readonly Unit[], start: number): boolean {
  const first = units[start];
  if (!first) return false;
  if (first.sentenceStart) return true;
  const before = units[start - 1];
  return before !== undefined && before.sentenceStart && (DETERMINERS.has(lower(before)) || POSSESSIVE_PRONOUNS.has(lower(before)));
}

/** Words that form a complex preposition with a following "to". */
const PREPOSITION_HEADS: ReadonlySet<string> = new Set(['relative', 'due', 'according', 'prior', 'compared', 'close', 'next', 'thanks', 'owing', 'up']);

const POSSESSIVE_PRONOUNS: ReadonlySet<string> = new Set(['our', 'their', 'its', 'his', 'her', 'your', 'my']);

/**
 * After "to": a singular word that is not an acronym and is followed by an object, a
 * conjunction or the end of the clause is a verb ("to prune the ...", "to Prune or ...").
 * "to speaker classification" keeps its noun because a noun follows.
 */
function looksLikeInfinitive(u: Unit, nextInPhrase: Unit | undefined, next: Unit | undefined): boolean {
  if (isAcronymLike(u.text) || /[^s]s$/i.test(u.text) || u.tags.has('ProperNoun') && !/^\p{Lu}\p{Ll}+$/u.test(u.text)) return false;
  if (!u.tags.has('Verb') && !u.tags.has('Noun')) return false;
  if (nextInPhrase === undefined) return true;
  const w = lower(nextInPhrase);
  return DETERMINERS.has(w) || PRONOUNS.has(w) || w === 'or' || w === 'and' || (next !== undefined && AUXILIARY_OR_PREP.has(w));
}

const AUXILIARY_OR_PREP: ReadonlySet<string> = new Set(['into', 'from', 'with', 'by', 'for', 'in', 'on', 'across', 'through']);

/** Verbs that introduce a name ("a method called X"); what follows them is a new phrase. */
const NAMING_VERBS: ReadonlySet<string> = new Set(['called', 'named', 'termed', 'dubbed', 'coined', 'so-called']);

const AUXILIARIES: ReadonlySet<string> = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did',
  'can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'would',
]);

const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['we', 'they', 'i', 'he', 'she']);

/** A unit that can start the object of a verb: determiner, pronoun, adjective, noun, number. */
function startsObject(u: Unit): boolean {
  const w = lower(u);
  return DETERMINERS.has(w) || PRONOUNS.has(w) || isAdjectival(u) || isNounish(u) || u.tags.has('Value') || u.tags.has('Adverb');
}

/** Before an attributive participle or gerund: a phrase start, determiner or adjective. */
/** A participle right after an article or possessive is attributive: "a learned", "their proposed". */
function isAttributiveParticiple(u: Unit, before: Unit | undefined): boolean {
  return (
    (u.tags.has('PastTense') || u.tags.has('Participle')) && before !== undefined && !breaksAfter(before) &&
    (DETERMINERS.has(lower(before)) || POSSESSIVE_PRONOUNS.has(lower(before)))
  );
}

function isAttributiveContext(u: Unit | undefined): boolean {
  if (!u || breaksAfter(u)) return true;
  const w = lower(u);
  return DETERMINERS.has(w) || POSSESSIVE_PRONOUNS.has(w) || isAdjectival(u);
}

/** Trims a phrase to a term: leading noise off, trailing non-nouns off, at most MAX_TERM_WORDS. */
function trimPhrase(phrase: readonly Unit[]): Unit[] {
  let start = 0;
  let end = phrase.length;
  while (start < end) {
    const u = phrase[start] as Unit;
    if ((isLeadingNoise(u.text) && !DIMENSIONAL.test(u.text)) || u.tags.has('Adverb') || (u.tags.has('Value') && !u.hyphenated && !DIMENSIONAL.test(u.text))) start++;
    else break;
  }
  while (end > start) {
    const u = phrase[end - 1] as Unit;
    if (isNounish(u) || u.tags.has('Gerund') || (u.tags.has('PresentTense') && end - 1 > start)) break;
    end--;
  }
  return phrase.slice(Math.max(start, end - MAX_TERM_WORDS), end);
}

/**
 * The unit a term ends at once a generic head is cut off ("Penn Treebank dataset" -> "Penn Treebank",
 * "segmentation task" -> "segmentation"), or null. Only after a noun: "statistical approach"
 * and "modular approach" keep their head, since an adjective alone names nothing.
 */
function withoutGenericHead(term: readonly Unit[]): Unit | null {
  if (term.length < 2) return null;
  const last = term[term.length - 1] as Unit;
  const before = term[term.length - 2] as Unit;
  if (last.hyphenated || !GENERIC_HEADS.has(singularise(lower(last)))) return null;
  if (!isNounish(before) || before.tags.has('Adjective') || before.tags.has('Gerund') && !before.tags.has('Noun')) return null;
  return before;
}

/**
 * Second parts of hyphenated modifiers that relate a term to something else ad hoc rather than
 * name a kind of it: "GPU-based", "domain-specific", "noise-aware", "corpus-level", "ResNet-style".
 */
const RELATIONAL_COMPOUND_HEADS: ReadonlySet<string> = new Set([
  'based', 'specific', 'style', 'like', 'aware', 'optimal', 'agnostic', 'centric', 'driven',
  'oriented', 'level', 'limited', 'constrained', 'dependent', 'wise', 'intensive', 'friendly',
  'critical', 'bound', 'heavy', 'rich', 'hungry', 'sensitive', 'guided', 'conditioned',
]);

/** Prefixes that make a hyphenated compound a kind of thing ("multi-level", "cross-domain"). */
const BOUND_PREFIXES: ReadonlySet<string> = new Set(['multi', 'cross', 'inter', 'intra', 'self', 'semi', 'non', 'sub', 'super', 'bi', 'tri', 'uni', 'co', 'pre', 'post', 'meta', 'hyper']);

/** compromise's own lexicon: everyday English words with their usual part of speech. */
const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | undefined> } }).one.lexicon;

/**
 * A leading modifier that describes a term rather than classifies it: an everyday gradable
 * adjective ("sharp", "rich", "robust": compromise's lexicon lists them, whereas classifying
 * adjectives such as "convolutional" or "stochastic" are only recognised by their suffix), a
 * past participle ("learned", "compressed") or a relational hyphenated compound ("GPU-based",
 * "task-specific").
 */
function isDescriptiveModifier(u: Unit): boolean {
  const word = lower(u);
  if (u.hyphenated) {
    const parts = word.split(/[-‐‑]/u);
    const tail = parts[parts.length - 1] ?? '';
    return parts.length === 2 && RELATIONAL_COMPOUND_HEADS.has(tail) && !BOUND_PREFIXES.has(parts[0] ?? '');
  }
  // "-ing" adjectives mostly classify ("missing data", "beam search").
  const written = u.sentenceStart ? /^\p{L}\p{Ll}*$/u : /^\p{Ll}+$/u;
  if (!written.test(u.text) || /ing$/.test(word) || u.tags.has('Noun') || u.tags.has('Gerund')) return false;
  const entry = LEXICON[word];
  if (entry === 'Adjective' || entry === 'Comparative' || entry === 'Superlative') return true;
  return /[^e]ed$/.test(word) && (u.tags.has('PastTense') || u.tags.has('Participle'));
}

/** Number of leading descriptive modifiers of a term, leaving at least one unit after them. */
function descriptiveLead(term: readonly Unit[]): number {
  let lead = 0;
  while (lead < term.length - 1 && isDescriptiveModifier(term[lead] as Unit)) lead++;
  return lead;
}

const CAMEL = /\p{Ll}\p{Lu}|\p{Lu}{2,}\p{Ll}|\p{L}\p{N}|\p{N}\p{L}/u;

/** A unit that is written like a name: CamelCase, letters and digits mixed, or an acronym part. */
function isNameLike(text: string): boolean {
  const parts = text.split(/[-‐‑]/u);
  const last = parts[parts.length - 1] ?? '';
  // "GPU-based", "SVM-specific": an acronym with a lower-case suffix is a modifier, not a name.
  if (parts.length > 1 && /^\p{Ll}/u.test(last)) return false;
  // "2D", "70B", "R1": a number with a unit letter or two is not a name.
  if (/\p{N}/u.test(text) && (text.match(/\p{L}/gu) ?? []).length < 3) return false;
  // Names carry a capital somewhere: "4times" or "10x" are numbers glued to words.
  if (!/\p{Lu}/u.test(text)) return false;
  return CAMEL.test(text) || parts.some((p) => isAcronymLike(p) && p.length >= 2);
}

/** Extracts the raw candidate occurrences of one field. */
export function fieldCandidates(text: string, field: Span['field']): RawCandidate[] {
  const masked = maskDebris(text);
  const prepared = field === 'title' ? untitle(masked) : masked;
  const units = unitsOf(prepared);
  const out: RawCandidate[] = [];
  const span = (start: number, end: number): Span => ({ field, start, end });
  const push = (start: number, end: number, source: CandidateSource): void => {
    out.push({ surface: text.slice(start, end), span: span(start, end), source });
  };

  for (const phrase of nounPhrases(units, field === 'title')) {
    const term = trimPhrase(phrase);
    const first = term[0];
    const last = term[term.length - 1];
    if (!first || !last) continue;
    const source: CandidateSource = term.length === 1 && first.hyphenated ? 'hyphenated' : 'noun-phrase';
    const head = withoutGenericHead(term);
    const end = head ?? last;
    const raw: RawCandidate = { surface: text.slice(first.start, end.end), span: span(first.start, end.end), source };
    if (head !== null) raw.longer = span(first.start, last.end);
    const lead = descriptiveLead(term.slice(0, term.indexOf(end) + 1));
    if (lead > 0) raw.plain = span((term[lead] as Unit).start, end.end);
    out.push(raw);
  }

  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    const next = units[i + 1];
    if (isNameLike(u.text) && !/^\p{N}+$/u.test(u.text)) {
      // Bare acronyms are reported as acronym uses; compound ("GPT-4", "LARA-Gen") and CamelCase
      // names are named here.
      if (!isAcronymLike(u.text) || /[-‐‑]/u.test(u.text)) push(u.start, u.end, 'named');
    } else if (
      field === 'abstract' &&
      !u.sentenceStart &&
      !breaksBefore(u) &&
      /^\p{Lu}\p{Ll}{2,}$/u.test(u.text) &&
      (u.tags.has('ProperNoun') || u.tags.has('Noun')) &&
      !u.tags.has('Adjective') &&
      !(units[i - 1] && /[:.!?]\s*$/u.test(units[i - 1]?.post ?? '')) &&
      !(next && !breaksAfter(u) && /^\p{Ll}/u.test(next.text) && isNounish(next)) &&
      !(next && !breaksAfter(u) && /^\p{Lu}/u.test(next.text)) &&
      !(units[i - 1] && !breaksAfter(units[i - 1] as Unit) && /^\p{Lu}/u.test(units[i - 1]?.text ?? ''))
    ) {
      // A lone capitalised noun in running text ("we introduce the Reformer") names a system.
      push(u.start, u.end, 'named');
    }
  }

  if (field === 'title') {
    const colon = text.indexOf(':');
    if (colon > 0) {
      const prefix = text.slice(0, colon).trim();
      const words = prefix.split(/\s+/);
      if (prefix.length >= 2 && words.length <= 3 && !/[,;!?]/.test(prefix) && (words.length === 1 || words.some(isNameLike))) {
        const start = text.indexOf(prefix);
        push(start, start + prefix.length, 'named');
      }
    }
  }
  return out;
}
