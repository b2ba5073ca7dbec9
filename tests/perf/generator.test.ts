import { describe, expect, it } from 'vitest';
import { syntheticCorpus, syntheticCorpusLines, syntheticPaper } from '../../src/bench/generator.js';
import { arxivLine } from '../../src/ingest/arxiv-stream.js';

describe('the synthetic corpus generator', () => {
  it('gives the same corpus for the same seed, byte for byte', () => {
    const a = [...syntheticCorpusLines(200, { seed: 3 })].join('');
    const b = [...syntheticCorpusLines(200, { seed: 3 })].join('');
    expect(a).toBe(b);
  });

  it('gives another corpus for another seed', () => {
    const a = [...syntheticCorpus(50, { seed: 3 })].map((p) => p.abstract);
    const b = [...syntheticCorpus(50, { seed: 4 })].map((p) => p.abstract);
    expect(a).not.toEqual(b);
  });

  it('makes paper i the same paper whatever the corpus size or offset, so 1k is a prefix of 10k', () => {
    const small = [...syntheticCorpus(100)];
    const big = [...syntheticCorpus(300)];
    expect(big.slice(0, 100)).toEqual(small);
    expect([...syntheticCorpus(10, { offset: 100 })]).toEqual(big.slice(100, 110));
    expect(syntheticPaper(150)).toEqual(big[150]);
  });

  it('writes valid arXiv metadata lines with unique ids', () => {
    const lines = [...syntheticCorpusLines(300)];
    const papers = lines.map((line, i) => arxivLine(line.trimEnd(), 'synthetic.jsonl', i + 1, 'synthetic.jsonl'));
    expect(new Set(papers.map((p) => p.id)).size).toBe(300);
    for (const p of papers) {
      expect(p.year).toBeGreaterThanOrEqual(2015);
      expect(p.url).toBe(`https://arxiv.org/abs/${p.id}`);
    }
    const raw = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(['abstract', 'authors', 'categories', 'id', 'title', 'update_date']);
  });

  it('composes abstracts with acronym definitions and later uses of the acronym', () => {
    const withAcronym = [...syntheticCorpus(300)].find((p) => /\(([A-Z]{3,})\)/.test(p.abstract))!;
    const acronym = /\(([A-Z]{3,})\)/.exec(withAcronym.abstract)![1]!;
    expect(withAcronym.abstract.split(acronym).length).toBeGreaterThan(2);
  });
});
