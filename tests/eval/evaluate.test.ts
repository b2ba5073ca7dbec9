import { describe, expect, it } from 'vitest';
import { evaluateGraph, formatErrors, formatReport, formatSummary, runEvaluation, summaryRows, type EvalRecord } from '../../src/eval/index.js';
import type { ConceptGraph } from '../../src/ingest/consolidate/index.js';
import type { ConceptRecord, MentionRecord } from '../../src/model.js';

const concept = (id: string, name: string, acronym: string | null, aliases: string[] = []): ConceptRecord => ({
  id,
  name,
  acronym,
  aliases: [...new Set([name, ...aliases, ...(acronym ? [acronym] : [])])].sort(),
  paperCount: 1,
});

const mention = (paperId: string, conceptId: string, confidence: number, field: 'title' | 'abstract', start: number, end: number): MentionRecord => ({
  paperId,
  conceptId,
  count: 1,
  confidence,
  inTitle: field === 'title',
  spans: [{ field, start, end }],
});

const record = (r: Partial<EvalRecord> & { id: string; abstract: string }): EvalRecord => ({
  title: '',
  concepts: null,
  keyphrases: null,
  acronyms: null,
  ...r,
});

describe('evaluateGraph on keyphrases', () => {
  const paper = record({
    id: 'k1',
    title: 'Fuzzy control of pumps',
    abstract: 'We design fuzzy controllers for pumps and tune the controller design online.',
    keyphrases: ['fuzzy control', 'pumps', 'water supply'],
  });
  const graph: ConceptGraph = {
    concepts: [concept('fuzzy-control', 'fuzzy control', null), concept('pump', 'pump', null, ['pumps']), concept('controller-design', 'controller design', null)],
    mentions: [mention('k1', 'fuzzy-control', 0.9, 'title', 0, 13), mention('k1', 'pump', 0.8, 'title', 17, 22), mention('k1', 'controller-design', 0.5, 'abstract', 55, 72)],
    related: [],
    broader: [],
  };

  it('scores all concepts and the top k by confidence, micro over papers', () => {
    const report = evaluateGraph([paper], graph, 2);
    expect(report.all!.precision).toBeCloseTo(2 / 3);
    expect(report.all!.recall).toBeCloseTo(2 / 3);
    expect(report.topK!.precision).toBeCloseTo(1);
    expect(report.topK!.recall).toBeCloseTo(2 / 3);
  });

  it('computes F1@k on Porter-stemmed phrases, averaged over papers', () => {
    const at2 = evaluateGraph([paper], graph, 2).f1AtK!;
    expect(at2.precision).toBeCloseTo(1);
    expect(at2.recall).toBeCloseTo(2 / 3);
    expect(at2.f1).toBeCloseTo(0.8);
    const at1 = evaluateGraph([paper], graph, 1).f1AtK!;
    expect(at1.f1).toBeCloseTo(f1(1, 1 / 3));
  });

  it('lists each paper’s ranked predictions and missed gold terms', () => {
    const [detail] = evaluateGraph([paper], graph, 10).details;
    expect(detail!.predicted.map((p) => [p.name, p.correct])).toEqual([
      ['fuzzy control', true],
      ['pump', true],
      ['controller design', false],
    ]);
    expect(detail!.missed).toEqual(['water supply']);
  });
});

describe('evaluateGraph on annotated concepts and acronyms', () => {
  const records = [
    record({
      id: 'g1',
      abstract: 'Support vector machines (SVMs) separate classes with the kernel trick.',
      concepts: [
        { text: 'SVM', core: true },
        { text: 'kernel trick', core: false },
      ],
      acronyms: [{ short: 'SVM', long: 'support vector machines', defined: true }],
    }),
    record({
      id: 'g2',
      abstract: 'Representation learning (RL) of scenes uses slots; RL needs no labels.',
      concepts: [{ text: 'representation learning', core: true }],
      acronyms: [{ short: 'RL', long: 'representation learning', defined: true }],
    }),
  ];
  const graph: ConceptGraph = {
    concepts: [
      concept('support-vector-machine', 'support vector machine', 'SVM', ['support vector machines', 'SVMs']),
      concept('reinforcement-learning', 'reinforcement learning', 'RL'),
    ],
    mentions: [mention('g1', 'support-vector-machine', 0.7, 'abstract', 0, 23), mention('g2', 'reinforcement-learning', 0.6, 'abstract', 42, 44)],
    related: [],
    broader: [],
  };
  const report = evaluateGraph(records, graph, 10);

  it('matches a gold acronym through the concept’s acronym', () => {
    expect(report.all!.precision).toBeCloseTo(1 / 2);
    expect(report.all!.recall).toBeCloseTo(1 / 3);
  });

  it('reports recall on core concepts', () => {
    expect(report.coreRecall).toEqual({ gold: 2, found: 1, recall: 0.5 });
  });

  it('scores acronym resolution: the right sense counts, a wrong sense is a false claim', () => {
    expect(report.acronyms).toMatchObject({ predicted: 2, correct: 1, gold: 2, found: 1 });
    expect(report.acronyms!.precision).toBeCloseTo(0.5);
    expect(report.acronymsDefined!.recall).toBeCloseTo(0.5);
  });

  it('lists false positives and false negatives per paper', () => {
    const text = formatErrors(report);
    const first = report.details.find((d) => d.missed.length > 0 || d.predicted.some((p) => !p.correct))!;
    expect(text).toContain(first.id);
    for (const d of report.details) {
      for (const p of d.predicted.filter((x) => !x.correct)) expect(text).toContain(p.name);
      for (const m of d.missed) expect(text).toContain(m);
    }
    expect(text).toMatch(/false (positives|negatives): /);
  });

  it('summarises a report as table rows with their targets', () => {
    const rows = summaryRows('gold.jsonl', report, { f1: 0.8, coreRecall: 0.95 });
    expect(rows.map((r) => r.target)).toEqual(['F1 >= 0.80', 'core recall >= 0.95', '-']);
    const table = formatSummary(rows);
    expect(table.split('\n')[0]).toMatch(/^\| dataset\s+\| result\s+\| target\s+\|$/);
    expect(table).toContain('core recall 0.500');
  });

  it('prints a readable report', () => {
    const text = formatReport('gold.jsonl', report);
    expect(text).toContain('gold.jsonl: 2 papers');
    expect(text).toMatch(/core concepts\s+recall 0\.500\s+\(1\/2\)/);
    expect(text).toContain('acronym resolution');
    expect(text).not.toContain('F1@');
  });
});

describe('runEvaluation', () => {
  it('ingests untitled records without ever turning their ids into concepts', () => {
    const records = [
      record({ id: 'CVPR_2003_18_abs', abstract: 'We track deformable objects with a particle filter and a learned shape prior.', concepts: [{ text: 'particle filter', core: null }] }),
      record({ id: 'ACL_2009_44_abs', abstract: 'A particle filter tracks the dialogue state of a spoken dialogue system.', concepts: [{ text: 'dialogue state', core: null }] }),
    ];
    const run = runEvaluation(records, 10);
    expect(run.report.papers).toBe(2);
    for (const c of run.graph.concepts) expect(c.aliases.join(' ')).not.toMatch(/cvpr|acl|abs/i);
    expect(run.graph.concepts.map((c) => c.name)).toContain('particle filter');
    expect(run.report.all!.recall).toBeGreaterThan(0);
    expect(run.timing.papersPerSecond).toBeGreaterThan(0);
  });
});

describe('runEvaluation with a context corpus', () => {
  it('resolves an acronym through a context paper but scores only the records', () => {
    const records = [
      record({
        id: 'scored',
        title: 'Pruning SSMs',
        abstract: 'We prune SSMs layer by layer and keep their recurrence.',
        concepts: [{ text: 'state space model', core: true }],
        acronyms: [{ short: 'SSM', long: 'state space model', defined: false }],
      }),
    ];
    const context = [{ id: 'ctx', title: 'Selective Scans', abstract: 'State space models (SSMs) scan sequences in linear time.' }];
    const alone = runEvaluation(records, 10);
    const within = runEvaluation(records, 10, context);
    expect(alone.report.coreRecall!.recall).toBe(0);
    expect(within.report.coreRecall!.recall).toBe(1);
    expect(within.report.acronyms).toMatchObject({ gold: 1, found: 1 });
    expect(within.report.papers).toBe(1);
    expect(within.timing.papers).toBe(2);
    expect(within.report.details.map((d) => d.id)).toEqual(['scored']);
  });
});

function f1(p: number, r: number): number {
  return (2 * p * r) / (p + r);
}
