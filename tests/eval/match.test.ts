import { describe, expect, it } from 'vitest';
import { acronymKey, conceptForms, matchesGold, matchKey, stemKey } from '../../src/eval/index.js';

describe('matchKey', () => {
  it('lower-cases, reads hyphens as spaces, collapses white space and singularises plurals', () => {
    expect(matchKey('Multi-Head  Attention Layers')).toBe('multi head attention layer');
    expect(matchKey('graph-based  ranking')).toBe(matchKey('Graph based rankings'));
  });

  it('keeps words that only look plural', () => {
    expect(matchKey('principal component analysis')).toBe('principal component analysis');
    expect(matchKey('inductive biases')).toBe('inductive bias');
  });

  it('gives an empty key for a term without words', () => {
    expect(matchKey(' -- ')).toBe('');
  });
});

describe('stemKey', () => {
  it('Porter-stems every word, so inflections and derivations meet', () => {
    expect(stemKey('Neural Networks')).toBe(stemKey('neural network'));
    expect(stemKey('clustering algorithms')).toBe(stemKey('cluster algorithm'));
    expect(stemKey('speaker identification')).not.toBe(stemKey('speaker verification'));
  });
});

describe('matchesGold', () => {
  const forms = conceptForms({ name: 'support vector machine', acronym: 'SVM', aliases: ['SVMs', 'support vector machines', 'Support Vector Machine'] });

  it('matches the name or any alias after normalisation', () => {
    expect(matchesGold(forms, 'Support-Vector Machines')).toBe(true);
    expect(matchesGold(forms, 'vector machine')).toBe(false);
  });

  it('matches a gold term that is the concept’s acronym, with or without plural s', () => {
    expect(matchesGold(forms, 'SVM')).toBe(true);
    expect(matchesGold(forms, 'SVMs')).toBe(true);
    expect(acronymKey('CNNs')).toBe('CNN');
    expect(matchesGold(conceptForms({ name: 'kernel', acronym: null, aliases: [] }), 'SVM')).toBe(false);
  });
});
