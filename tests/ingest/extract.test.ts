import { describe, expect, it } from 'vitest';
import { explainTerm, extractPaper, isConceptKey, normaliseTerm, singularise } from '../../src/ingest/extract/index.js';

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

describe('normaliseTerm: hyphenated compounds', () => {
  it('keeps compounds that open or close with a function word', () => {
    expect(normaliseTerm('out-of-distribution detection')).toBe('out of distribution detection');
    expect(normaliseTerm('the accuracy-latency trade-off')).toBe('accuracy latency trade off');
    expect(normaliseTerm('in-context learning')).toBe('in context learning');
  });

  it('still refuses a key that opens or closes with a loose function word', () => {
    expect(isConceptKey(['out', 'of', 'distribution'], ['out', 'of', 'distribution'])).toBe(false);
    expect(isConceptKey(['trade', 'off'], ['trade', 'off'])).toBe(false);
    expect(isConceptKey(['out', 'of', 'distribution'], ['out-of-distribution'])).toBe(true);
  });

  it('treats a compound joined around a function word as a term, not as generic words', () => {
    expect(normaliseTerm('end-to-end training')).toBe('end to end training');
    expect(normaliseTerm('large-scale experiments')).toBeNull();
  });
});

describe('explainTerm', () => {
  it('gives the key of an accepted phrase and the reason for a refused one', () => {
    expect(explainTerm('the proposed sparse routers')).toEqual({ key: 'sparse router', reason: null });
    expect(explainTerm('extensive experiments').reason).toMatch(/generic word/);
    expect(explainTerm('empirical results section').reason).toMatch(/generic or discourse words/);
    expect(explainTerm('https://example.org/x').reason).toMatch(/URL/);
    expect(explainTerm('our')).toEqual({ key: null, reason: expect.stringMatching(/determiners, pronouns/) });
  });
});

describe('extractPaper: phrase boundaries', () => {
  const keys = (abstract: string, title = 'Untitled'): string[] => extractPaper({ title, abstract }).candidates.map((c) => c.key);

  it('reads a sentence subject’s -s word before a preposition as a verb', () => {
    const k = keys('The essence lies in the routing table. Our method focuses on sparse gating.');
    expect(k).not.toContain('essence lie');
    expect(k).toContain('routing table');
    expect(k).toContain('sparse gating');
  });

  it('keeps a plural head at the end of a title even when the tagger calls it a verb', () => {
    expect(keys('We study them.', 'Sparse Attention for Diffusion Language Models')).toContain('diffusion language model');
  });

  it('does not start a term with an -ing verb that takes an adjective-led object', () => {
    const k = keys('We focus on recovering missing values. Enabling continuous control is hard.');
    expect(k.some((x) => x.startsWith('recovering'))).toBe(false);
    expect(k.some((x) => x.startsWith('enabling'))).toBe(false);
    expect(k).toContain('missing value');
  });

  it('finds hyphenated names that contain an acronym part', () => {
    const ex = extractPaper({ title: 'Evaluating GPT-4 and Llama-3 on Proofs', abstract: 'We compare GPT-4 with LARA-Net on theorem proving.' });
    const named = ex.candidates.filter((c) => c.source === 'named').map((c) => c.surface);
    expect(named).toEqual(expect.arrayContaining(['GPT-4', 'LARA-Net']));
  });
});

describe('extractPaper: acronym definitions inside a phrase', () => {
  it('continues the long form after the parenthesised acronym', () => {
    const ex = extractPaper({ title: 'Divergences', abstract: 'We bound the Jensen-Shannon (JS) divergence of the two posteriors and reuse key-value (KV) caches.' });
    const js = ex.candidates.find((c) => c.key === 'jensen shannon divergence');
    expect(js?.surface).toBe('Jensen-Shannon (JS) divergence');
    expect(normaliseTerm('Jensen-Shannon (JS) divergence')).toBe('jensen shannon divergence');
    expect(ex.definitions.map((d) => d.acronym)).toEqual(['JS', 'KV']);
  });
});

describe('extractPaper: dimensions and plurals', () => {
  const keys = (abstract: string): string[] => extractPaper({ title: 'Untitled', abstract }).candidates.map((c) => c.key);

  it('keeps a dimension prefix as a word of the term', () => {
    expect(keys('We replace 3D convolutions with sparse 2D kernels.')).toEqual(expect.arrayContaining(['3d convolution', 'sparse 2d kernel']));
  });

  it('ends a phrase at a plural noun, so the verb after it stays out', () => {
    expect(keys('Tree automata possess closure properties.')).toEqual(['closure property', 'tree automaton']);
    expect(keys('Graph networks learn representations of molecules.')).toEqual(['graph network', 'molecule', 'representation']);
  });

  it('still reads an -s word before a determiner as the verb', () => {
    expect(keys('The router leverages an auxiliary loss.')).toEqual(['auxiliary loss', 'router']);
  });
});

describe('extractPaper: generic heads', () => {
  const paper = {
    title: 'Prompted Retrieval for Open-Domain Question Answering',
    abstract:
      'We revisit the dense retrieval approach for open-domain question answering and frame passage ranking as a ' +
      'contrastive learning problem. Our retriever beats BM25, and a data-driven approach to the negative mining ' +
      'procedure adds further gains.',
  };
  const ex = extractPaper(paper);
  const keys = ex.candidates.map((c) => c.key);

  it('cuts a generic head off a term and keeps the longer wording as a variant', () => {
    expect(keys).toEqual(expect.arrayContaining(['dense retrieval', 'contrastive learning', 'negative mining']));
    expect(keys).not.toContain('dense retrieval approach');
    expect(keys).not.toContain('contrastive learning problem');
    expect(ex.candidates.find((c) => c.key === 'dense retrieval')?.longer).toEqual(['dense retrieval approach']);
    const span = ex.candidates.find((c) => c.key === 'contrastive learning')!.spans[0]!;
    expect(paper.abstract.slice(span.start, span.end)).toBe('contrastive learning');
  });

  it('keeps the head after an adjective, which names nothing on its own', () => {
    expect(keys).toContain('data driven approach');
    expect(keys).not.toContain('data driven');
  });
});

describe('extractPaper: ad hoc parts of a term', () => {
  const ex = extractPaper({
    title: 'Streaming Speech Recognition',
    abstract:
      'We train a compressed acoustic encoder with a multi-level feature pyramid. A rolling buffer decoder and a noise-aware beam search follow. ' +
      'Our speaker verification system is fast.',
  });
  const candidate = (key: string) => ex.candidates.find((c) => c.key === key);

  it('marks the term without its leading descriptive modifiers: participles and relational compounds', () => {
    expect(candidate('compressed acoustic encoder')?.plain).toBe('acoustic encoder');
    expect(candidate('noise aware beam search')?.plain).toBe('beam search');
  });

  it('leaves classifying "-ing" modifiers and compounds of bound prefixes alone', () => {
    expect(candidate('rolling buffer decoder')?.plain).toBeUndefined();
    expect(candidate('multi level feature pyramid')?.plain).toBeUndefined();
  });

  it('marks the term without a generic last noun', () => {
    expect(candidate('speaker verification system')?.withoutHead).toBe('speaker verification');
  });
});
