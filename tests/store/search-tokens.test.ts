import { describe, expect, it } from 'vitest';
import { normaliseTerm } from '../../src/ingest/extract/index.js';
import { conceptIndexKeys } from '../../src/store/lookup.js';
import { paperSearchDoc, searchTokens, searchTokenSet } from '../../src/store/search-scoring.js';

/** The definition: NFKC, lower case, split on what is neither a letter nor a digit, unique in order. */
function reference(text: string): string[] {
  return [...new Set(text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
}

/** A deterministic pseudo-random generator (so a failure can be replayed). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomText(next: () => number, alphabet: readonly string[], length: number): string {
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
}

const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
/** Characters whose tokens differ from a naive reading: ligatures, full-width and other digits, the Kelvin and Angstrom signs, dotted I, accents, letters outside the BMP. */
const TRICKY = ['ﬁ', 'Ａ', '１', '٣', 'K', 'Å', 'İ', 'é', 'É', 'ß', 'ẞ', 'Σ', 'ς', 'e\u0301', '\u00a0', '\u2009', '–', '’', '𝐀', '😀', 'Ⅻ', '½', 'ǅ'];

describe('search tokens', () => {
  it('are the tokens of the definition for random ASCII text, control characters and all', () => {
    const next = random(1);
    for (let i = 0; i < 3000; i++) {
      const text = randomText(next, i % 2 ? ASCII : [...'abcXYZ019 -_.,/'], Math.floor(next() * 60));
      expect(searchTokens(text)).toEqual(reference(text));
    }
  });

  it('are the tokens of the definition for text with characters beyond ASCII', () => {
    const next = random(2);
    const alphabet = [...TRICKY, ...'aBc 1-'];
    for (let i = 0; i < 3000; i++) {
      const text = randomText(next, alphabet, Math.floor(next() * 30));
      expect(searchTokens(text)).toEqual(reference(text));
    }
    expect(searchTokens('Kelvin ﬁnds Ａ１ and İstanbul')).toEqual(reference('Kelvin ﬁnds Ａ１ and İstanbul'));
  });

  it('are those of a title and an abstract, in the order first met', () => {
    const paper = { title: 'Graph Attention, graph ATTENTION: GAT-2', abstract: 'We train 2 models; GAT-2 beats GAT.' };
    const doc = paperSearchDoc(paper);
    expect([...doc.titleTokens]).toEqual(['graph', 'attention', 'gat', '2']);
    expect([...doc.abstractTokens]).toEqual(reference(paper.abstract));
    expect([...searchTokenSet('')]).toEqual([]);
  });
});

describe('concept index keys', () => {
  /** The definition: every name's folded text and normalised term, unique and sorted. */
  function referenceKeys(concept: { name: string; acronym: string | null; aliases: string[] }): string[] {
    const fold = (t: string) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    const keys = new Set<string>();
    for (const name of [concept.name, ...(concept.acronym ? [concept.acronym] : []), ...concept.aliases]) {
      const folded = fold(name);
      if (folded) keys.add(folded);
      const normalised = normaliseTerm(name);
      if (normalised) keys.add(normalised);
    }
    return [...keys].sort();
  }

  it('are those of every name, whether or not the aliases repeat the name and the acronym', () => {
    const concepts = [
      { name: 'graph attention networks', acronym: 'GATs', aliases: ['GATs', 'Graph-Attention Networks', 'graph attention networks'] },
      { name: 'GAN', acronym: 'GAN', aliases: ['GAN', 'GANs', 'generative adversarial network'] },
      { name: 'the proposed model', acronym: null, aliases: [] },
      { name: 'Concept-Bottleneck Models', acronym: '', aliases: ['concept bottleneck model', ''] },
    ];
    for (const concept of concepts) expect(conceptIndexKeys(concept)).toEqual(referenceKeys(concept));
  });
});
