import { describe, expect, it } from 'vitest';
import { explainPaper, explainPapers, formatExplanation, type ExplainRow } from '../../src/ingest/explain.js';

const corpus = [
  {
    id: 'ssm-1',
    title: 'Selective State Space Models',
    abstract:
      'State space models (SSMs) scale linearly with sequence length. We show that selective SSMs match attention ' +
      'on genomic benchmarks. Extensive experiments confirm this (see https://example.org/ssm).',
  },
  {
    id: 'ssm-2',
    title: 'Hardware-Aware Scans for SSMs',
    abstract: 'Recurrent scans make SSMs slow on accelerators. A parallel associative scan keeps the hidden state in fast memory.',
  },
  {
    id: 'rl-1',
    title: 'Reward Shaping for Offline Agents',
    abstract: 'Reinforcement learning (RL) from logged data suffers from distribution shift; we shape rewards for offline RL.',
  },
];

const row = (rows: ExplainRow[], surface: string): ExplainRow | undefined => rows.find((r) => r.surface === surface);

describe('explainPaper', () => {
  it('returns null for a paper the corpus does not have', () => {
    expect(explainPaper('nope', corpus)).toBeNull();
  });

  it('merges an acronym long form with its acronym and spells out a term written with it', () => {
    const x = explainPaper('ssm-1', corpus)!;
    const long = row(x.rows, 'State space models')!;
    expect(long.decision).toBe('merged');
    expect(long.reason).toMatch(/long form of an acronym/);
    expect(long.concept?.name).toBe('state space model');
    const selective = row(x.rows, 'selective SSMs')!;
    expect(selective.decision).toBe('merged');
    expect(selective.reason).toContain('selective state space model');
    expect(selective.concept?.name).toBe('selective state space model');
  });

  it('says why phrases were rejected', () => {
    const x = explainPaper('ssm-1', corpus)!;
    const rejected = x.rows.filter((r) => r.decision === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) {
      expect(r.reason.length, r.surface).toBeGreaterThan(0);
      expect(r.concept).toBeNull();
    }
    expect(rejected.map((r) => r.surface.toLowerCase())).toEqual(expect.arrayContaining([expect.stringMatching(/experiments/)]));
  });

  it('resolves a bare acronym through the corpus when the paper does not define it', () => {
    const x = explainPaper('ssm-2', corpus)!;
    const ssm = x.rows.find((r) => r.source === 'acronym' && r.normalised === 'SSM')!;
    expect(ssm.decision).toBe('merged');
    expect(ssm.reason).toMatch(/corpus's most frequent sense "state space model"/);
    expect(ssm.concept?.id).toBe('state-space-model');
  });

  it('lists rows in text order, title first, with spans pointing at the phrase', () => {
    const x = explainPaper('ssm-2', corpus)!;
    const paper = corpus[1]!;
    let seenAbstract = false;
    for (const r of x.rows) {
      if (r.span.field === 'abstract') seenAbstract = true;
      else expect(seenAbstract).toBe(false);
      expect(paper[r.span.field].slice(r.span.start, r.span.end)).toBe(r.surface);
    }
    expect(x.concepts.map((c) => c.confidence)).toEqual([...x.concepts.map((c) => c.confidence)].sort((a, b) => b - a));
  });

  it('prints a table with the decision, the phrase, its normalised form and the reason', () => {
    const text = formatExplanation(explainPaper('rl-1', corpus)!);
    expect(text.split('\n')[0]).toBe('rl-1: Reward Shaping for Offline Agents');
    expect(text).toMatch(/merged\s+Reinforcement learning\s+reinforcement learning\s+long form of an acronym/);
    expect(text).toMatch(/Concepts \(most confident first\):\n\s+\d\.\d{3}\s+/);
  });
});

describe('explainPapers (ingest --dry-run)', () => {
  it('explains each asked-for paper within the whole corpus, as explainPaper does one by one', () => {
    const all = [...explainPapers(['rl-1', 'ssm-2', 'missing'], corpus)];
    expect(all.map((x) => x.paper.id)).toEqual(['rl-1', 'ssm-2']);
    expect(all[0]).toEqual(explainPaper('rl-1', corpus));
    expect(all[1]).toEqual(explainPaper('ssm-2', corpus));
    // consolidation saw the whole corpus: the bare "SSMs" of ssm-2 resolves through ssm-1's definition
    expect(all[1]!.rows.find((r) => r.surface === 'SSMs')?.concept?.name).toBe('state space model');
  });
});
