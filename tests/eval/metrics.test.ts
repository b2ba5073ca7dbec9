import { describe, expect, it } from 'vitest';
import { f1Of, MacroAverage, MicroCounts } from '../../src/eval/index.js';

describe('MicroCounts', () => {
  it('pools counts over documents before dividing', () => {
    const m = new MicroCounts();
    m.add(4, 2, 5, 2); // a long document
    m.add(1, 1, 1, 1); // a short one
    const r = m.result();
    expect(r.precision).toBeCloseTo(3 / 5);
    expect(r.recall).toBeCloseTo(3 / 6);
    expect(r.f1).toBeCloseTo(f1Of(3 / 5, 3 / 6));
  });

  it('is zero, not NaN, without predictions or gold', () => {
    expect(new MicroCounts().result()).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('MacroAverage', () => {
  it('averages each document’s scores, counting empty predictions as zero', () => {
    const m = new MacroAverage();
    m.add(10, 5, 10, 5); // P = R = F1 = 0.5
    m.add(0, 0, 4, 0); // nothing predicted: 0
    expect(m.documents).toBe(2);
    expect(m.result().f1).toBeCloseTo(0.25);
    expect(m.result().precision).toBeCloseTo(0.25);
  });
});

describe('f1Of', () => {
  it('is the harmonic mean and 0 when both are 0', () => {
    expect(f1Of(1, 0.5)).toBeCloseTo(2 / 3);
    expect(f1Of(0, 0)).toBe(0);
  });
});
