import { describe, expect, it } from 'vitest';
import { extractPaper, normaliseTerm, singularise } from '../../src/ingest/extract/index.js';

describe('normaliseTerm', () => {
  it('lower-cases and singularises the head noun', () => {
    expect(normaliseTerm('Graph Neural Networks')).toBe('graph neural network');
    expect(normaliseTerm('gaussian processes')).toBe('gaussian process');
    expect(normaliseTerm('Policy Gradients')).toBe('policy gradient');
    expect(normaliseTerm('RNNs')).toBe('rnn');
  });

  it('leaves words alone that only look plural', () => {
    expect(normaliseTerm('spectral analysis')).toBe('spectral analysis');
    expect(normaliseTerm('inductive bias')).toBe('inductive bias');
    expect(normaliseTerm('Markov decision process')).toBe('markov decision process');
    expect(normaliseTerm('contrastive loss')).toBe('contrastive loss');
    expect(normaliseTerm('robotics')).toBe('robotics');
    expect(normaliseTerm('3DGS')).toBe('3dgs');
  });

  it('merges hyphen and space variants', () => {
    expect(normaliseTerm('multi-scale feature pyramid')).toBe(normaliseTerm('multi scale feature pyramid'));
    expect(normaliseTerm('Self-Supervised Learning')).toBe('self supervised learning');
  });

  it('drops determiners, possessives, pronouns, numbers and evaluative modifiers', () => {
    expect(normaliseTerm('the proposed graph encoder')).toBe('graph encoder');
    expect(normaliseTerm('a novel sparse router')).toBe('sparse router');
    expect(normaliseTerm('our state-of-the-art protein language models')).toBe('protein language model');
    expect(normaliseTerm("OpenAI's reward model")).toBe('reward model');
    expect(normaliseTerm('two recurrent encoders')).toBe('recurrent encoder');
    expect(normaliseTerm('existing retrieval systems')).toBe('retrieval system');
  });

  it('rejects pronouns, numbers, markup, citations, URLs and single letters', () => {
    for (const junk of ['we', 'it', 'them', '2019', '3.5%', '[12]', 'https://github.com/org/repo', '$\\alpha$', 'x', 'the', 'of the', 'et al.']) {
      expect(normaliseTerm(junk), junk).toBeNull();
    }
  });

  it('rejects generic academic filler', () => {
    for (const junk of [
      'approach',
      'this paper',
      'extensive experiments',
      'state-of-the-art performance',
      'results',
      'our method',
      'the task',
      'empirical results',
      'a wide range',
      'future work',
      'model performance',
    ]) {
      expect(normaliseTerm(junk), junk).toBeNull();
    }
  });
});

describe('singularise', () => {
  it('handles regular, -ies, -es and Greek/Latin plurals', () => {
    expect(['models', 'queries', 'patches', 'matrices', 'criteria', 'hypotheses', 'analyses', 'biases', 'caches'].map(singularise)).toEqual([
      'model', 'query', 'patch', 'matrix', 'criterion', 'hypothesis', 'analysis', 'bias', 'cache',
    ]);
  });
});

const paper = {
  title: 'GraphTide: Sparse Graph Neural Networks for Traffic Forecasting',
  abstract:
    'Graph neural networks (GNNs) have become the standard tool for spatio-temporal forecasting. ' +
    'However, existing GNNs scale poorly with the number of sensors. In this paper we introduce GraphTide, ' +
    'a sparse message-passing scheme that prunes edges with a learned gating network. ' +
    'Extensive experiments on two road networks show that GraphTide reduces inference latency by 40% ' +
    'while matching the accuracy of dense GNNs (see Table 2). Code: https://github.com/example/graphtide.',
};

describe('extractPaper', () => {
  const ex = extractPaper(paper);
  const byKey = new Map(ex.candidates.map((c) => [c.key, c]));

  it('finds the acronym definition and every acronym use', () => {
    expect(ex.definitions.map((d) => [d.acronym, d.longForm])).toEqual([['GNN', 'Graph neural networks']]);
    expect(ex.acronymUses.map((u) => u.acronym)).toEqual(['GNN', 'GNN', 'GNN']);
  });

  it('finds noun phrases, hyphenated terms, acronym long forms and named systems', () => {
    expect(byKey.get('graph neural network')?.source).toBe('acronym-definition');
    expect(byKey.get('graphtide')?.source).toBe('named');
    expect(byKey.has('sparse graph neural network')).toBe(true);
    expect(byKey.has('traffic forecasting')).toBe(true);
    expect([...byKey.keys()].some((k) => k.endsWith('gating network'))).toBe(true);
    expect(byKey.has('road network')).toBe(true);
    expect(byKey.has('show')).toBe(false);
    expect(byKey.has('inference latency')).toBe(true);
    expect([...byKey.keys()].some((k) => k.includes('message passing'))).toBe(true);
  });

  it('keeps no filler, pronoun, number or URL debris', () => {
    for (const key of byKey.keys()) {
      expect(key).not.toMatch(/^(?:we|paper|experiment|result|accuracy|number|40|github.*|table.*|http.*)$/);
      expect(key).not.toMatch(/https?|github\.com/);
    }
    expect(byKey.has('extensive experiment')).toBe(false);
    expect(byKey.has('experiment')).toBe(false);
  });

  it('gives candidates unique, sorted keys and spans that point at the surface', () => {
    const keys = ex.candidates.map((c) => c.key);
    expect(keys).toEqual([...new Set(keys)].sort());
    for (const c of ex.candidates) {
      expect(c.spans.length).toBeGreaterThan(0);
      for (const s of c.spans) {
        const text = paper[s.field];
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(text.length);
        expect(normaliseTerm(text.slice(s.start, s.end))).toBe(c.key);
      }
      const first = c.spans[0]!;
      expect(c.surface).toBe(paper[first.field].slice(first.start, first.end));
    }
  });

  it('strips leading noise from spans', () => {
    const c = byKey.get('gnn') ?? byKey.get('graph neural network');
    expect(c).toBeDefined();
    const router = extractPaper({ title: 'Routing', abstract: 'We present a novel sparse router for mixture models.' });
    const sparse = router.candidates.find((x) => x.key === 'sparse router');
    expect(sparse?.surface).toBe('sparse router');
  });

  it('is deterministic', () => {
    expect(extractPaper(paper)).toEqual(ex);
  });
});
