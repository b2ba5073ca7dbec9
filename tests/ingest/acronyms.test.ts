import { describe, expect, it } from 'vitest';
import { findAcronymDefinitions, findAcronymUses } from '../../src/ingest/extract/index.js';

const defs = (text: string) => findAcronymDefinitions(text, 'abstract').map((d) => [d.acronym, d.longForm]);

describe('findAcronymDefinitions', () => {
  it('finds a long form written before the acronym', () => {
    const text = 'We revisit support vector machines (SVM) for tabular data.';
    const [d] = findAcronymDefinitions(text, 'abstract');
    expect(d).toMatchObject({ acronym: 'SVM', longForm: 'support vector machines' });
    expect(text.slice(d!.span.start, d!.span.end)).toBe('support vector machines (SVM)');
    expect(d!.span.field).toBe('abstract');
  });

  it('removes the plural s of the acronym', () => {
    expect(defs('Recurrent neural networks (RNNs) struggle with long sequences.')).toEqual([
      ['RNN', 'Recurrent neural networks'],
    ]);
  });

  it('matches hyphenated long forms, with a hyphen starting a word', () => {
    expect(defs('We add a Cross-modal Retrieval Head (CRH) to the decoder.')).toEqual([['CRH', 'Cross-modal Retrieval Head']]);
    expect(defs('Sparse Mixture-of-Depths (MoD) routing skips layers.')).toEqual([['MoD', 'Mixture-of-Depths']]);
  });

  it('matches mixed-case acronyms', () => {
    expect(defs('A Vision Transformer (ViT) splits images into patches.')).toEqual([['ViT', 'Vision Transformer']]);
    expect(defs('We train Neural Radiance Fields (NeRFs) from sparse views.')).toEqual([['NeRF', 'Neural Radiance Fields']]);
  });

  it('takes the shortest long form and stops at the clause boundary', () => {
    expect(defs('In this work, we propose a novel graph attention network (GAT) variant.')).toEqual([
      ['GAT', 'graph attention network'],
    ]);
  });

  it('accepts the reversed order "LF (long form)"', () => {
    const text = 'We compare against SSMs (state space models) and transformers.';
    const [d] = findAcronymDefinitions(text, 'title');
    expect(d).toMatchObject({ acronym: 'SSM', longForm: 'state space models' });
    expect(d!.span.field).toBe('title');
    expect(text.slice(d!.span.start, d!.span.end)).toBe('SSMs (state space models)');
  });

  it('keeps the part before a semicolon or comma inside the parentheses', () => {
    expect(defs('proximal policy optimization (PPO; Schulman et al., 2017) is stable.')).toEqual([
      ['PPO', 'proximal policy optimization'],
    ]);
  });

  it('ignores figure references, years, examples and asides', () => {
    expect(defs('The loss drops quickly (see Fig. 2) after warm-up.')).toEqual([]);
    expect(defs('This follows earlier work (2019) on pruning.')).toEqual([]);
    expect(defs('Large models (e.g. GPT-style decoders) are costly.')).toEqual([]);
    expect(defs('The encoder (i.e., the first stage) is frozen.')).toEqual([]);
    expect(defs('We report accuracy (Table 3) on all splits.')).toEqual([]);
  });

  it('refuses an acronym whose letters the preceding words do not contain', () => {
    expect(defs('Results on the reading benchmark (MMLU) improve.')).toEqual([]);
    expect(defs('Scores improve (II) in the second round.')).toEqual([]);
  });
});

describe('findAcronymDefinitions: compound forms', () => {
  it('accepts a hyphenated short form with an acronym part', () => {
    expect(defs('We present Hierarchical Graph Routing (Hier-GR), a router for sparse experts.')).toEqual([
      ['Hier-GR', 'Hierarchical Graph Routing'],
    ]);
  });

  it('accepts a hyphenated long form that opens with a function word', () => {
    expect(defs('Detecting out-of-distribution (OOD) inputs matters for deployed classifiers.')).toEqual([['OOD', 'out-of-distribution']]);
  });

  it('matches digits and mixed case in the short form', () => {
    expect(defs('We adapt Text-to-Audio (T2A) generation to speech.')).toEqual([['T2A', 'Text-to-Audio']]);
    expect(defs('A Mixture of Experts (MoE) layer routes tokens.')).toEqual([['MoE', 'Mixture of Experts']]);
  });

  it('refuses a parenthesised word whose letters the long form lacks', () => {
    expect(defs('The encoder uses a gated unit (LSTM) for memory.')).toEqual([]);
  });
});

describe('findAcronymUses', () => {
  it('reports acronym-like tokens with the plural s removed, in text order', () => {
    const uses = findAcronymUses('Unlike RNNs, the ViT and two SSMs use GPU memory (see Part II).', 'abstract');
    expect(uses.map((u) => u.acronym)).toEqual(['RNN', 'ViT', 'SSM', 'GPU']);
    expect(uses[0]!.span).toEqual({ field: 'abstract', start: 7, end: 11 });
  });
});

describe('matchLongForm', () => {
  it('reads a digit in the short form as the word it stands for', () => {
    expect(defs('Speech-to-Speech (S2S) translation keeps prosody.')).toEqual([['S2S', 'Speech-to-Speech']]);
    expect(defs('We study Learning-for-Control (L4C) pipelines.')).toEqual([['L4C', 'Learning-for-Control']]);
  });
});
