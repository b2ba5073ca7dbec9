import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildConceptGraph, mentionConfidence, npmi, type ConceptGraph } from '../../src/ingest/consolidate/index.js';
import { sentenceAround } from '../../src/util/snippet.js';
import { extractPaper } from '../../src/ingest/extract/index.js';
import type { ConceptRecord } from '../../src/model.js';

const corpus = [
  {
    id: 'p1',
    title: 'Selective State Space Models for Long Genomic Sequences',
    abstract:
      'Transformers struggle with sequences of millions of base pairs. We study state space models (SSMs) ' +
      'with input-dependent gating and show that selective SSMs match attention quality on genomic ' +
      'benchmarks. Our approach reduces memory use by an order of magnitude. Extensive experiments confirm the results.',
  },
  {
    id: 'p2',
    title: 'Hardware-Aware Scans for SSMs',
    abstract:
      'Recurrent scans make SSMs slow on accelerators. We propose a parallel associative scan that keeps the ' +
      'hidden state in on-chip memory and speeds up training of SSMs by three times. The method is simple ' +
      'and improves performance on language modelling benchmarks.',
  },
  {
    id: 'p3',
    title: 'Reward Shaping in Offline Reinforcement Learning',
    abstract:
      'Reinforcement learning (RL) from logged data suffers from distribution shift. We propose a reward ' +
      'shaping approach for offline RL that penalises out-of-support actions. Experiments on locomotion ' +
      'tasks show strong performance of our method against conservative Q-learning.',
  },
  {
    id: 'p4',
    title: 'Curiosity Bonuses for Exploration',
    abstract:
      'Exploration remains hard in reinforcement learning (RL) with sparse rewards. We add a curiosity bonus ' +
      'computed by a learned dynamics model and show that RL agents visit more states. The approach works ' +
      'with any policy gradient method.',
  },
  {
    id: 'p5',
    title: 'Slot Attention for Representation Learning',
    abstract:
      'Unsupervised representation learning (RL) of objects benefits from slot attention. We show that RL ' +
      'with slots yields object-centric features that transfer to downstream tasks. Our results suggest a ' +
      'new approach to scene understanding.',
  },
  {
    id: 'p6',
    title: 'Tuning RL Agents with Population-Based Training',
    abstract:
      'Hyperparameters of RL agents are brittle. We use population-based training to adapt learning rates of ' +
      'RL agents online and report consistent gains across continuous control tasks.',
  },
  {
    id: 'p7',
    title: 'Graph Neural Network Pruning at Scale',
    abstract:
      'We prune message-passing layers of graph neural networks without accuracy loss. The pruned graph neural ' +
      'networks run twice as fast on citation graphs. This paper shows extensive experiments.',
  },
  {
    id: 'p8',
    title: 'Sparse Graph Neural Networks for Molecules',
    abstract:
      'Graph neural networks (GNNs) predict molecular properties well but are expensive. A sparse graph neural ' +
      'network keeps only chemically meaningful edges. Sparse GNNs match dense GNNs on property prediction.',
  },
];

const graph = buildConceptGraph(corpus);
const conceptById = new Map(graph.concepts.map((c) => [c.id, c]));
const byAlias = (alias: string): ConceptRecord[] => graph.concepts.filter((c) => c.aliases.includes(alias));
const papersOf = (id: string, g: ConceptGraph = graph): string[] =>
  g.mentions.filter((m) => m.conceptId === id).map((m) => m.paperId);

describe('buildConceptGraph: acronyms', () => {
  it('merges an acronym with its long form and names the concept by the long form', () => {
    const ssm = conceptById.get('state-space-model');
    expect(ssm).toMatchObject({ name: 'state space model', acronym: 'SSM' });
    expect(ssm!.aliases).toEqual(expect.arrayContaining(['SSM', 'SSMs', 'state space models', 'state space model']));
    expect(ssm!.aliases).toEqual([...new Set(ssm!.aliases)].sort());
    expect(graph.concepts.find((c) => c.name === 'SSM' || c.id === 'ssm')).toBeUndefined();
  });

  it('resolves a bare acronym in a paper that does not define it', () => {
    expect(papersOf('state-space-model')).toEqual(['p1', 'p2']);
    const p2 = graph.mentions.find((m) => m.paperId === 'p2' && m.conceptId === 'state-space-model')!;
    expect(p2.inTitle).toBe(true);
    expect(p2.count).toBe(3);
  });

  it('keeps conflicting definitions apart: own definition first, else the most frequent sense', () => {
    const rl = conceptById.get('reinforcement-learning');
    const repr = conceptById.get('representation-learning');
    expect(rl?.acronym).toBe('RL');
    expect(repr?.acronym).toBe('RL');
    expect(byAlias('RL').map((c) => c.id).sort()).toEqual(['reinforcement-learning', 'representation-learning']);
    // p5 defines RL as representation learning; p6 never defines it and gets the majority sense.
    expect(papersOf('representation-learning')).toEqual(['p5']);
    expect(papersOf('reinforcement-learning')).toEqual(['p3', 'p4', 'p6']);
    const p5 = graph.mentions.find((m) => m.paperId === 'p5' && m.conceptId === 'representation-learning')!;
    expect(p5.count).toBe(4);
  });
});

describe('buildConceptGraph: acronym long-form variants', () => {
  it('merges long forms of one acronym that differ only in inflection', () => {
    const g = buildConceptGraph([
      { id: 'a', title: 'Pruning Heads', abstract: 'We study grouped query attention (GQA) in decoders and prune GQA heads.' },
      { id: 'b', title: 'Serving GQA', abstract: 'Group query attention (GQA) reduces memory traffic during decoding.' },
      { id: 'c', title: 'Decoders', abstract: 'Models with grouped query attention (GQA) are common.' },
    ]);
    const gqa = g.concepts.filter((c) => c.acronym === 'GQA');
    expect(gqa).toHaveLength(1);
    expect(gqa[0]!.id).toBe('grouped-query-attention');
    expect(gqa[0]!.aliases).toEqual(expect.arrayContaining(['GQA', 'Group query attention', 'grouped query attention']));
    expect(g.mentions.filter((m) => m.conceptId === gqa[0]!.id).map((m) => m.paperId)).toEqual(['a', 'b', 'c']);
  });
});

describe('buildConceptGraph: linking', () => {
  it('finds a concept inside a longer term, plural- and case-insensitively', () => {
    const gnn = conceptById.get('graph-neural-network');
    expect(gnn?.acronym).toBe('GNN');
    expect(papersOf('graph-neural-network')).toEqual(['p7', 'p8']);
    const p7 = graph.mentions.find((m) => m.paperId === 'p7' && m.conceptId === 'graph-neural-network')!;
    expect(p7.inTitle).toBe(true);
    expect(p7.spans[0]).toEqual({ field: 'title', start: 0, end: 'Graph Neural Network'.length });
    expect(gnn!.aliases).toEqual(expect.arrayContaining(['GNN', 'GNNs', 'Graph Neural Network', 'graph neural networks']));
  });

  it('gives every mention sorted spans inside its text and a confidence in [0, 1]', () => {
    const text = new Map(corpus.map((p) => [p.id, p]));
    for (const m of graph.mentions) {
      expect(m.count).toBe(m.spans.length);
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
      expect(m.inTitle).toBe(m.spans.some((s) => s.field === 'title'));
      const paper = text.get(m.paperId)!;
      for (const s of m.spans) {
        expect(s.start).toBeLessThan(s.end);
        expect(s.end).toBeLessThanOrEqual(paper[s.field].length);
      }
      const sorted = [...m.spans].sort((a, b) => (a.field === b.field ? a.start - b.start || a.end - b.end : a.field === 'title' ? -1 : 1));
      expect(m.spans).toEqual(sorted);
    }
  });

  it('counts papers per concept from its mentions', () => {
    for (const c of graph.concepts) expect(c.paperCount).toBe(papersOf(c.id).length);
  });

  it('ranks the title concept of a paper above concepts it only mentions in passing', () => {
    const p8 = graph.mentions.filter((m) => m.paperId === 'p8').sort((a, b) => b.confidence - a.confidence);
    expect(['sparse-graph-neural-network', 'graph-neural-network']).toContain(p8[0]!.conceptId);
  });
});

describe('buildConceptGraph: selection', () => {
  it('rejects generic words and academic filler', () => {
    const names = new Set(graph.concepts.map((c) => c.name.toLowerCase()));
    for (const generic of ['approach', 'method', 'performance', 'experiment', 'extensive experiment', 'result', 'paper', 'task', 'we', 'this paper']) {
      expect(names.has(generic), generic).toBe(false);
    }
  });

  it('keeps multi-word terms and named systems', () => {
    expect(conceptById.has('offline-reinforcement-learning')).toBe(true);
    expect(conceptById.has('slot-attention')).toBe(true);
    expect(conceptById.has('population-based-training')).toBe(true);
  });

  it('uses slugs of the canonical name as ids, and lower case for ordinary terms', () => {
    for (const c of graph.concepts) {
      expect(c.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(c.aliases).toContain(c.name);
      if (c.acronym) expect(c.aliases).toContain(c.acronym);
    }
    expect(conceptById.get('population-based-training')?.name).toBe('population-based training');
  });
});

describe('buildConceptGraph: relations', () => {
  it('relates co-occurring concepts with positive NPMI in [0, 1], source < target', () => {
    expect(graph.related.length).toBeGreaterThan(0);
    for (const r of graph.related) {
      expect(r.source < r.target).toBe(true);
      expect(r.sharedPapers).toBeGreaterThanOrEqual(1);
      expect(r.weight).toBeGreaterThanOrEqual(0);
      expect(r.weight).toBeLessThanOrEqual(1);
    }
    const pair = graph.related.find((r) => r.source === 'graph-neural-network' && r.target === 'sparse-graph-neural-network');
    expect(pair?.sharedPapers).toBe(1);
  });

  it('computes NPMI: 1 for always together, 0 for independence, clamped below', () => {
    expect(npmi(5, 5, 5, 10)).toBeCloseTo(1);
    expect(npmi(10, 10, 10, 10)).toBe(1);
    expect(npmi(1, 2, 5, 10)).toBeCloseTo(0);
    expect(npmi(1, 9, 9, 10)).toBe(0);
  });

  it('links a nested term to its longest broader concept only', () => {
    expect(graph.broader).toContainEqual({ narrower: 'sparse-graph-neural-network', broader: 'graph-neural-network' });
    expect(graph.broader).toContainEqual({ narrower: 'offline-reinforcement-learning', broader: 'reinforcement-learning' });
    const narrower = graph.broader.map((b) => b.narrower);
    expect(narrower).toEqual([...narrower].sort());
    expect(new Set(narrower).size).toBe(narrower.length);
  });
});

describe('buildConceptGraph: determinism', () => {
  it('gives identical output for any input order and for cached extractions', () => {
    const shuffled = [corpus[5], corpus[2], corpus[7], corpus[0], corpus[4], corpus[1], corpus[6], corpus[3]].map((p) => ({ ...p! }));
    expect(buildConceptGraph(shuffled)).toEqual(graph);
    const cache = new Map(corpus.map((p) => [p.id, extractPaper(p)]));
    expect(buildConceptGraph(corpus, cache)).toEqual(graph);
  });

  it('sorts every array', () => {
    const ids = graph.concepts.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    const mentionKeys = graph.mentions.map((m) => `${m.paperId}\u0000${m.conceptId}`);
    expect(mentionKeys).toEqual([...mentionKeys].sort());
    const relatedKeys = graph.related.map((r) => `${r.source}\u0000${r.target}`);
    expect(relatedKeys).toEqual([...relatedKeys].sort());
  });

  it('handles an empty corpus', () => {
    expect(buildConceptGraph([])).toEqual({ concepts: [], mentions: [], related: [], broader: [] });
  });
});

describe('buildConceptGraph on the bundled sample corpus', () => {
  const path = fileURLToPath(new URL('../../data/trending-papers.txt', import.meta.url));
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(2).filter((l) => l.trim().length > 0);
  if (lines[0]?.startsWith('Subscribe')) lines[0] = lines[0].slice('Subscribe'.length);
  const papers: { id: string; title: string; abstract: string }[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) papers.push({ id: `sample-${i / 2}`, title: lines[i]!, abstract: lines[i + 1]! });
  const sample = buildConceptGraph(papers);
  const texts = new Map(papers.map((p) => [p.id, p]));

  it('parses the sample into papers', () => {
    expect(papers.length).toBeGreaterThan(100);
  });

  it('produces well-formed concepts without pronouns or stop words as names', () => {
    expect(sample.concepts.length).toBeGreaterThan(50);
    const banned = new Set(['we', 'it', 'they', 'this', 'that', 'the', 'a', 'an', 'of', 'and', 'our', 'these', 'approach', 'method', 'paper', 'results']);
    for (const c of sample.concepts) {
      expect(c.name.trim().length).toBeGreaterThan(0);
      expect(c.id.length).toBeGreaterThan(0);
      expect(banned.has(c.name.toLowerCase())).toBe(false);
      expect(c.paperCount).toBeGreaterThan(0);
    }
  });

  it('keeps spans inside their texts and confidences in [0, 1]', () => {
    for (const m of sample.mentions) {
      const paper = texts.get(m.paperId)!;
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
      for (const s of m.spans) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(paper[s.field].length);
        expect(s.start).toBeLessThan(s.end);
      }
    }
    for (const r of sample.related) {
      expect(r.weight).toBeGreaterThanOrEqual(0);
      expect(r.weight).toBeLessThanOrEqual(1);
    }
  });
});

describe('buildConceptGraph: terms written with an acronym', () => {
  const g = buildConceptGraph([
    {
      id: 'slm-1',
      title: 'Hybrid Small Language Models on Phones',
      abstract: 'Small language models (SLMs) run on phones. We build hybrid SLMs that mix attention and recurrence; hybrid SLMs beat dense SLMs.',
    },
    { id: 'slm-2', title: 'Distilling Into SLMs', abstract: 'We distil a teacher into hybrid SLMs and into small language models without recurrence.' },
  ]);
  const hybrid = g.concepts.find((c) => c.id === 'hybrid-small-language-model');

  it('spells the acronym out in the name and keeps the written form as an alias', () => {
    expect(hybrid?.name).toBe('hybrid small language model');
    expect(hybrid?.aliases).toEqual(expect.arrayContaining(['hybrid SLMs']));
    expect(g.concepts.find((c) => c.name.toLowerCase() === 'hybrid slm')).toBeUndefined();
  });

  it('links every paper that writes the term either way', () => {
    expect(g.mentions.filter((m) => m.conceptId === 'hybrid-small-language-model').map((m) => m.paperId)).toEqual(['slm-1', 'slm-2']);
  });

  it('makes the spelled-out term narrower than the acronym’s concept', () => {
    expect(g.broader).toContainEqual({ narrower: 'hybrid-small-language-model', broader: 'small-language-model' });
  });
});

describe('buildConceptGraph: evidence thresholds', () => {
  const g = buildConceptGraph([
    {
      id: 'q1',
      title: 'Quantization of Vision Encoders',
      abstract: 'Quantization shrinks encoders. We calibrate quantization ranges per channel with a learned step size.',
    },
    { id: 'q2', title: 'Sparse Kernels', abstract: 'We combine pruning with quantization of activations and a blocked sparse layout for kernel fusion.' },
  ]);

  it('keeps a multi-word term seen once in one paper', () => {
    expect(g.concepts.map((c) => c.id)).toEqual(expect.arrayContaining(['blocked-sparse-layout', 'kernel-fusion']));
    expect(g.mentions.find((m) => m.conceptId === 'kernel-fusion')?.paperId).toBe('q2');
  });

  it('links a single word only where the paper names it in its title or more than once', () => {
    expect(g.mentions.filter((m) => m.conceptId === 'quantization').map((m) => m.paperId)).toEqual(['q1']);
    expect(g.concepts.find((c) => c.id === 'quantization')?.paperCount).toBe(1);
  });
});

describe('buildConceptGraph: hierarchy from nesting', () => {
  const g = buildConceptGraph([
    { id: 'd1', title: 'Conditional Latent Diffusion Models for Layouts', abstract: 'A conditional latent diffusion model places boxes.' },
    { id: 'd2', title: 'Latent Diffusion Models at Scale', abstract: 'Latent diffusion models compress images before denoising.' },
    { id: 'd3', title: 'Fast Sampling of Diffusion Models', abstract: 'Diffusion models need many steps; we distil them into few steps.' },
    { id: 'd4', title: 'Guidance Scales', abstract: 'Classifier-free guidance steers diffusion models towards the prompt.' },
  ]);

  it('chains a nested term to its longest broader concept only', () => {
    expect(g.broader).toContainEqual({ narrower: 'conditional-latent-diffusion-model', broader: 'latent-diffusion-model' });
    expect(g.broader).toContainEqual({ narrower: 'latent-diffusion-model', broader: 'diffusion-model' });
    expect(g.broader).not.toContainEqual({ narrower: 'conditional-latent-diffusion-model', broader: 'diffusion-model' });
  });

  it('gives every paper of a narrower concept a mention of an established broader one too', () => {
    // "diffusion model" is a phrase of its own in two papers (d3, d4): an established concept,
    // so the papers that only write "latent diffusion model" mention it as well.
    const papersOfDiffusion = g.mentions.filter((m) => m.conceptId === 'diffusion-model').map((m) => m.paperId);
    expect(papersOfDiffusion).toEqual(['d1', 'd2', 'd3', 'd4']);
  });

  it('does not link a fragment where it only occurs inside a longer concept', () => {
    // "attention mechanism" is a phrase of its own in one paper only; inside "sparse attention
    // mechanism" it is a fragment of the longer concept, which BROADER ties to it.
    const h = buildConceptGraph([
      { id: 'f1', title: 'Sparse Attention Mechanisms', abstract: 'A sparse attention mechanism keeps the top-k keys of each query.' },
      { id: 'f2', title: 'Routing Tokens', abstract: 'An attention mechanism routes tokens between experts in mixture layers.' },
    ]);
    expect(h.mentions.filter((m) => m.conceptId === 'attention-mechanism').map((m) => m.paperId)).toEqual(['f2']);
    expect(h.broader).toContainEqual({ narrower: 'sparse-attention-mechanism', broader: 'attention-mechanism' });
  });


  it('makes the part two longer terms of one paper share a concept of that paper', () => {
    // "graph contrastive pretraining" is never written alone, but the paper writes it after two
    // different words: what they share is the paper's own term. Written after one word only
    // ("sparse mixture routing"), the shorter part stays a fragment.
    const h = buildConceptGraph([
      {
        id: 's1',
        title: 'Scalable Graph Contrastive Pretraining',
        abstract: 'We study hierarchical graph contrastive pretraining for molecules. A sparse mixture routing layer picks experts.',
      },
      { id: 's2', title: 'Protein Folding', abstract: 'Folding proteins with learned energy functions.' },
    ]);
    expect(h.mentions.filter((m) => m.conceptId === 'graph-contrastive-pretraining').map((m) => m.paperId)).toEqual(['s1']);
    expect(h.concepts.map((c) => c.id)).not.toContain('mixture-routing');
  });
  it('keeps spans on the term itself, so the snippet shows the sentence that names it', () => {
    const texts = new Map([['d1', 'A conditional latent diffusion model places boxes.']]);
    const m = g.mentions.find((x) => x.paperId === 'd1' && x.conceptId === 'conditional-latent-diffusion-model')!;
    const abstractSpan = m.spans.find((s) => s.field === 'abstract')!;
    const text = texts.get('d1')!;
    expect(text.slice(abstractSpan.start, abstractSpan.end)).toBe('conditional latent diffusion model');
    expect(sentenceAround(text, abstractSpan.start)).toBe(text);
  });
});

describe('mentionConfidence', () => {
  const base = { inTitle: false, count: 1, definedHere: false, words: 2, named: false, nestedOnly: false, df: 3, n: 100 };

  it('ranks a concept introduced early above the same concept introduced late', () => {
    expect(mentionConfidence({ ...base, position: 0.05 })).toBeGreaterThan(mentionConfidence({ ...base, position: 0.9 }));
  });

  it('ranks title, repetition, definition and rarity above their absence, within [0, 1]', () => {
    const plain = mentionConfidence(base);
    expect(mentionConfidence({ ...base, inTitle: true })).toBeGreaterThan(plain);
    expect(mentionConfidence({ ...base, count: 4 })).toBeGreaterThan(plain);
    expect(mentionConfidence({ ...base, definedHere: true })).toBeGreaterThan(plain);
    expect(mentionConfidence({ ...base, df: 60 })).toBeLessThan(plain);
    expect(mentionConfidence({ ...base, nestedOnly: true })).toBeLessThan(plain);
    const top = mentionConfidence({ inTitle: true, count: 9, definedHere: true, words: 3, named: true, nestedOnly: false, df: 1, n: 100, position: 0 });
    expect(top).toBeLessThanOrEqual(1);
    expect(top).toBeGreaterThan(0.9);
  });
});

describe('mentionConfidence: length prior', () => {
  const base = { inTitle: false, count: 1, definedHere: false, words: 2, named: false, nestedOnly: false, df: 3, n: 100, position: 0.3 };

  it('ranks two- and three-word terms above a single word with the same evidence', () => {
    const single = mentionConfidence({ ...base, words: 1 });
    expect(mentionConfidence({ ...base, words: 2 })).toBeGreaterThan(single);
    expect(mentionConfidence({ ...base, words: 3 })).toBeGreaterThan(single);
  });

  it('ranks a long phrase below a three-word term with the same evidence, less the longer it is', () => {
    const three = mentionConfidence({ ...base, words: 3 });
    const five = mentionConfidence({ ...base, words: 5 });
    expect(five).toBeLessThan(three);
    expect(mentionConfidence({ ...base, words: 7 })).toBeLessThan(five);
  });

  it('ranks a name or acronym between a single word and a two-word term', () => {
    const named = mentionConfidence({ ...base, words: 1, named: true });
    expect(named).toBeGreaterThan(mentionConfidence({ ...base, words: 1 }));
    expect(named).toBeLessThan(mentionConfidence({ ...base, words: 3 }));
  });

  it('keeps confidence in [0, 1] for any length', () => {
    for (const words of [1, 2, 3, 4, 8, 20]) {
      for (const named of [false, true]) {
        const low = mentionConfidence({ ...base, words, named, df: 100, position: 1, nestedOnly: true });
        const high = mentionConfidence({ inTitle: true, count: 9, definedHere: true, words, named, nestedOnly: false, df: 1, n: 100, position: 0 });
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('buildConceptGraph: single words named by the title', () => {
  it('keeps a single word the title names even when no other paper uses it', () => {
    const g = buildConceptGraph([
      { id: 't1', title: 'Calibration of Ultrasonic Detectors', abstract: 'Calibration drifts with temperature; we correct the calibration online.' },
      { id: 't2', title: 'Sparse Kernels', abstract: 'Blocked layouts speed up sparse kernels on accelerators.' },
    ]);
    expect(g.mentions.filter((m) => m.conceptId === 'calibration').map((m) => m.paperId)).toEqual(['t1']);
  });
});

describe('buildConceptGraph: generic heads', () => {
  const g = buildConceptGraph([
    {
      id: 'g1',
      title: 'Sparse Codes',
      abstract: 'We cast dictionary learning as an information bottleneck problem and solve it with an alternating information bottleneck method.',
    },
    { id: 'g2', title: 'Compression Bounds', abstract: 'The information bottleneck trades compression of the input against prediction of the label.' },
  ]);
  const ib = g.concepts.find((c) => c.id === 'information-bottleneck');

  it('counts "X problem" / "X method" as the term X, named by its plain wording, with the longer wording as an alias', () => {
    expect(ib).toBeDefined();
    expect(ib!.name).toBe('information bottleneck');
    expect(ib!.aliases).toEqual(expect.arrayContaining(['information bottleneck', 'information bottleneck problem']));
    expect(g.concepts.map((c) => c.id)).not.toContain('information-bottleneck-problem');
    expect(g.mentions.filter((m) => m.conceptId === 'information-bottleneck').map((m) => m.paperId)).toEqual(['g1', 'g2']);
  });

  it('counts one occurrence once, although both wordings match it', () => {
    const m = g.mentions.find((x) => x.paperId === 'g1' && x.conceptId === 'information-bottleneck')!;
    expect(m.count).toBe(2);
  });
});

describe('buildConceptGraph: ad hoc modifiers', () => {
  const g = buildConceptGraph([
    {
      id: 'm1',
      title: 'Margin Maximisation for Kernel Classifiers',
      abstract:
        'Kernel classifiers learn a sharp decision boundary between classes. We derive a GPU-based matrix solver ' +
        'for the dual problem and show that noisy inputs slow it down. A convolutional feature extractor feeds the kernel.',
    },
    {
      id: 'm2',
      title: 'Boundaries of Linear Classifiers',
      abstract: 'A linear classifier draws a decision boundary; a matrix solver finds it quickly. Deep learning replaces the kernel.',
    },
    {
      id: 'm3',
      title: 'Streaming Speech Recognition',
      abstract:
        'Speaker verification on phones must run in real time. Our speaker verification system caches acoustic states, ' +
        'and speaker verification quality holds up under noise.',
    },
  ]);
  const ids = g.concepts.map((c) => c.id);
  const concept = (id: string): ConceptRecord | undefined => g.concepts.find((c) => c.id === id);

  it('drops a descriptive adjective written once in front of a term, keeping the longer wording as an alias', () => {
    expect(ids).not.toContain('sharp-decision-boundary');
    expect(concept('decision-boundary')?.aliases).toEqual(expect.arrayContaining(['decision boundary', 'sharp decision boundary']));
    expect(papersOf('decision-boundary', g)).toEqual(['m1', 'm2']);
  });

  it('drops a relational hyphenated modifier ("GPU-based") the same way', () => {
    expect(ids).not.toContain('gpu-based-matrix-solver');
    expect(concept('matrix-solver')?.aliases).toContain('GPU-based matrix solver');
  });

  it('keeps classifying adjectives, which name a kind of the term', () => {
    expect(ids).toContain('convolutional-feature-extractor');
  });

  it('makes no concept of a descriptive adjective in front of a generic noun, but keeps a gerund head', () => {
    expect(ids).not.toContain('noisy-input');
    expect(ids).toContain('deep-learning');
  });

  it('counts "X system" as the term X when the paper also writes X alone', () => {
    expect(ids).not.toContain('speaker-verification-system');
    expect(concept('speaker-verification')?.aliases).toContain('speaker verification system');
  });
});

describe('buildConceptGraph: ad hoc modifiers in front of a single word', () => {
  const g = buildConceptGraph([
    {
      id: 's1',
      title: 'Jitter for Recurrent Networks',
      abstract: 'We apply jitter to the recurrent connections. Heavy jitter hurts small networks, so we anneal the rate.',
    },
    { id: 's2', title: 'Regularising Vision Models', abstract: 'Jitter and label noise both regularise convolutional networks.' },
  ]);

  it('counts the wording as the single-word concept when that word is a concept', () => {
    expect(g.concepts.map((c) => c.id)).not.toContain('heavy-jitter');
    expect(g.concepts.find((c) => c.id === 'jitter')?.aliases).toContain('Heavy jitter');
  });
});
