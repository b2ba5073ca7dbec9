import { describe, expect, it } from 'vitest';
import { findExamples, formatOutput, refreshExamples } from './readme-examples.js';

const md = ['# T', '```graphql', '{ a }', '```', '```json', '{"old":1}', '```', 'text', '```graphql', '{ b }', '```', 'no json here', ''].join('\n');

describe('README example tooling', () => {
  it('pairs a graphql block only with a json block right after it', () => {
    const examples = findExamples(md);
    expect(examples.map((e) => e.query)).toEqual(['{ a }\n']);
    expect(md.slice(examples[0]!.start, examples[0]!.end)).toBe('{"old":1}\n');
  });

  it('rewrites outputs in place and keeps the rest', async () => {
    const out = await refreshExamples(md, async (q) => ({ data: { q: q.trim() } }));
    expect(out).toBe(md.replace('{"old":1}', '{"data":{"q":"{ a }"}}'));
  });

  it('breaks long outputs into lines of at most 100 characters', () => {
    const text = formatOutput({ data: { items: Array.from({ length: 30 }, (_, i) => ({ id: `item-${i}` })) } });
    expect(text.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect(JSON.parse(text)).toEqual({ data: { items: Array.from({ length: 30 }, (_, i) => ({ id: `item-${i}` })) } });
  });
});
