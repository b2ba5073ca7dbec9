import { describe, expect, it } from 'vitest';
import { highlightSpans, type Segment } from '../../explorer/src/highlight.js';

const marked = (segments: Segment[]) => segments.filter((s) => s.key).map((s) => `${s.key}:${s.text}`);

describe('abstract highlighting from mention spans', () => {
  const text = 'Multi-head latent attention (MLA) shrinks the KV cache; MLA also cuts latency.';

  it('marks each span and keeps the text intact', () => {
    const segments = highlightSpans(text, [
      { start: 0, end: 27, key: 'mla', weight: 0.9 },
      { start: 29, end: 32, key: 'mla', weight: 0.9 },
      { start: 46, end: 54, key: 'kv-cache', weight: 0.5 },
      { start: 56, end: 59, key: 'mla', weight: 0.9 },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(marked(segments)).toEqual(['mla:Multi-head latent attention', 'mla:MLA', 'kv-cache:KV cache', 'mla:MLA']);
  });

  it('gives an overlap to the longer span, then to the heavier concept', () => {
    const longer = highlightSpans(text, [
      { start: 11, end: 27, key: 'latent-attention', weight: 0.9 },
      { start: 0, end: 27, key: 'mla', weight: 0.1 },
    ]);
    expect(marked(longer)).toEqual(['mla:Multi-head latent attention']);
    const heavier = highlightSpans(text, [
      { start: 46, end: 54, key: 'light', weight: 0.2 },
      { start: 46, end: 54, key: 'heavy', weight: 0.8 },
    ]);
    expect(marked(heavier)).toEqual(['heavy:KV cache']);
  });

  it('ignores spans outside the text or empty', () => {
    const segments = highlightSpans('short', [
      { start: 2, end: 99, key: 'out', weight: 1 },
      { start: 3, end: 3, key: 'empty', weight: 1 },
      { start: -1, end: 2, key: 'before', weight: 1 },
    ]);
    expect(segments).toEqual([{ text: 'short' }]);
  });
});
