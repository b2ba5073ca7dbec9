/**
 * Canonical names, ids and aliases of concepts.
 *
 * The name is the most frequent way the concept is written, with the head noun singular and
 * letters lower-cased unless a word is written as a name: an acronym or CamelCase word
 * ("GPT-4", "AlexNet"), or a proper name, i.e. a word the corpus capitalises inside sentences and
 * never writes in lower case ("Hilbert space", "Bellman-Ford algorithm"). Title Case and
 * sentence-initial capitals say nothing. Named systems keep their written form.
 */
import { slugify } from '../../util/slug.js';
import { acronymStem, isAcronymLike, normaliseTerm, singularise, tokenKey } from '../extract/index.js';
import type { Draft } from './terms.js';

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho',
  σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
};

/** Concept id: slug of the name, Greek letters spelled out so "β-VAE" does not collapse to "vae". */
export function conceptId(name: string): string {
  const spelled = name.replace(/[\u0370-\u03ff]/gu, (c) => {
    const g = GREEK[c.toLowerCase()];
    return g === undefined ? c : ` ${g} `;
  });
  return slugify(spelled);
}

/** A word whose written case carries meaning: an acronym, CamelCase, or letters mixed with digits. */
const keepsCase = (word: string): boolean =>
  isAcronymLike(word) || /\p{Ll}\p{Lu}/u.test(word) || (/\p{Lu}/u.test(word) && /\p{N}/u.test(word));

/** Index of the head word: the word before the first "of" ("bag of words"), else the last. */
function headIndex(parts: readonly string[]): number {
  const of = parts.findIndex((p, i) => i > 0 && p.toLowerCase() === 'of');
  return of > 0 ? of - 1 : parts.length - 1;
}

/**
 * Singular of one written word, keeping its case where the change is a plain suffix.
 * A capitalised "-es" word whose "-e" singular the corpus never uses is left alone: it is more
 * likely a name ending in "s" ("Hughes", "Jones") than a plural.
 */
function singularWord(word: string, attested: (lowerWord: string) => boolean): string {
  if (isAcronymLike(word)) return tokenKey(word) === word.toLowerCase() ? word : word.slice(0, -1);
  const lower = word.toLowerCase();
  const singular = singularise(lower);
  if (singular === lower) return word;
  if (/^\p{Lu}/u.test(word) && singular.endsWith('e') && lower.endsWith('es') && !attested(singular)) return word;
  return lower.startsWith(singular) ? word.slice(0, singular.length) : singular;
}

/**
 * The written form with its head singular: "Support Vector Machines" -> "Support Vector
 * Machine"; the head of "bags of words" is "bag". `attested` tells whether a lower-case
 * word occurs in the corpus (by default every word does).
 */
export function singularForm(surface: string, attested: (lowerWord: string) => boolean = () => true): string {
  const parts = surface.split(/([\s\-‐‑–/]+)/u);
  const words = parts.filter((_, i) => i % 2 === 0);
  const h = headIndex(words);
  let w = -1;
  return parts.map((p, i) => (i % 2 === 0 && ++w === h ? singularWord(p, attested) : p)).join('');
}

const byCountThenText = (a: [string, number], b: [string, number]): number =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The canonical name of a draft from the surfaces it was matched with (surface -> count).
 * Acronym matches do not name a long-form concept. `isProperWord` tells, by token key, whether
 * the corpus treats a word as a proper name.
 */
export function canonicalName(
  draft: Draft,
  surfaces: ReadonlyMap<string, number>,
  isProperWord: (tokenKey: string) => boolean,
  attested: (lowerWord: string) => boolean = () => true,
): string {
  if (draft.kind === 'acronym' && draft.written) return draft.written;
  let entries = [...surfaces.entries()].filter(([s]) => !draft.acronyms.has(acronymStem(s)));
  // A wording with a generic head ("ranking task") is an alias, not the name.
  const plain = entries.filter(([s]) => !draft.wordings?.has(normaliseTerm(s) ?? ''));
  if (plain.length > 0) entries = plain;
  if (entries.length === 0) return draft.tokens.join(' ');
  if (draft.kind === 'named') {
    const forms = new Map<string, number>();
    for (const [s, c] of entries) {
      const form = singularForm(s, attested);
      forms.set(form, (forms.get(form) ?? 0) + c);
    }
    return ([...forms.entries()].sort(byCountThenText)[0] as [string, number])[0];
  }
  const forms = new Map<string, number>();
  for (const [s, c] of entries) {
    const display = singularForm(s, attested).replace(/[\p{L}\p{N}]+/gu, (w) => (keepsCase(w) || (/^\p{Lu}/u.test(w) && isProperWord(tokenKey(w))) ? w : w.toLowerCase()));
    forms.set(display, (forms.get(display) ?? 0) + c);
  }
  return ([...forms.entries()].sort(byCountThenText)[0] as [string, number])[0];
}

/** Aliases: every surface seen, the name, the acronyms; sorted and unique. */
export function aliasesOf(name: string, acronyms: Iterable<string>, surfaces: Iterable<string>): string[] {
  const set = new Set<string>([name, ...acronyms, ...surfaces]);
  return [...set].filter((s) => s.length > 0).sort();
}
