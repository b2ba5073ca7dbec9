import { describe, expect, it } from 'vitest';
import { highlight, type Segment } from '../../explorer/src/highlight.js';

const marked = (segments: Segment[]) => segments.filter((s) => s.key).map((s) => `${s.key}:${s.text}`);

describe('abstract highlighting', () => {
  it('marks every whole-word form of a concept, in any case, and keeps the text intact', () => {
    const text = 'Multi-head latent attention (MLA) shrinks the KV cache; MLA-PreRoPE and multi-head latent attention differ.';
    const segments = highlight(text, [{ key: 'mla', forms: ['multi-head latent attention', 'MLA'], weight: 0.9 }]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(marked(segments)).toEqual(['mla:Multi-head latent attention', 'mla:MLA', 'mla:MLA', 'mla:multi-head latent attention']);
  });

  it('matches acronyms only in capitals and does not match inside words', () => {
    const segments = highlight('The mla and formula use MLA.', [{ key: 'mla', forms: ['MLA'], weight: 1 }]);
    expect(marked(segments)).toEqual(['mla:MLA']);
  });

  it('takes plural endings and any spacing', () => {
    const segments = highlight('Two KV  caches and LLMs.', [
      { key: 'kv-cache', forms: ['KV cache'], weight: 0.5 },
      { key: 'llm', forms: ['LLM'], weight: 0.5 },
    ]);
    expect(marked(segments)).toEqual(['kv-cache:KV  caches', 'llm:LLMs']);
  });

  it('gives an overlap to the longer match, then to the heavier concept', () => {
    const text = 'latent attention in multi-head latent attention';
    const segments = highlight(text, [
      { key: 'latent-attention', forms: ['latent attention'], weight: 0.9 },
      { key: 'mla', forms: ['multi-head latent attention'], weight: 0.1 },
    ]);
    expect(marked(segments)).toEqual(['latent-attention:latent attention', 'mla:multi-head latent attention']);
    const tie = highlight('graph model', [
      { key: 'light', forms: ['graph model'], weight: 0.2 },
      { key: 'heavy', forms: ['Graph Model'], weight: 0.8 },
    ]);
    expect(marked(tie)).toEqual(['heavy:graph model']);
  });

  it('treats forms as text, not as patterns', () => {
    const segments = highlight('C++ (a+b) and a+b', [{ key: 'sum', forms: ['a+b'], weight: 1 }]);
    expect(marked(segments)).toEqual(['sum:a+b', 'sum:a+b']);
  });
});
