import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EvalDataError, parseEvalJsonl } from '../../src/eval/index.js';

describe('parseEvalJsonl', () => {
  it('reads SciERC-style concepts and leaves a missing title empty instead of using the id', () => {
    const [r] = parseEvalJsonl('{"id": "ACL_2010_7_abs", "abstract": "We parse  text.", "concepts": [{"text": "parsing", "type": "Task"}]}\n');
    expect(r).toEqual({
      id: 'ACL_2010_7_abs',
      title: '',
      abstract: 'We parse text.',
      concepts: [{ text: 'parsing', core: null }],
      keyphrases: null,
      acronyms: null,
    });
  });

  it('reads Inspec-style keyphrases and the sample gold format with core flags and acronyms', () => {
    const records = parseEvalJsonl(
      [
        '{"id": "k1", "title": "Fuzzy control", "abstract": "A fuzzy controller.", "keyphrases": ["fuzzy control"]}',
        '',
        '{"id": "g1", "title": "T", "abstract": "A.", "concepts": [{"text": "graph pruning", "core": true}, {"text": "GPU", "core": false}], "acronyms": [{"short": "GP", "long": "graph pruning"}, {"short": "X", "long": "y", "defined": false}]}',
      ].join('\n'),
    );
    expect(records.map((r) => r.id)).toEqual(['k1', 'g1']);
    expect(records[0]!.keyphrases).toEqual(['fuzzy control']);
    expect(records[1]!.concepts).toEqual([
      { text: 'graph pruning', core: true },
      { text: 'GPU', core: false },
    ]);
    expect(records[1]!.acronyms).toEqual([
      { short: 'GP', long: 'graph pruning', defined: true },
      { short: 'X', long: 'y', defined: false },
    ]);
  });

  it('names the file and line of a bad record', () => {
    const text = '{"id": "a", "abstract": "ok"}\n{"id": "b"}\n';
    expect(() => parseEvalJsonl(text, 'gold.jsonl')).toThrow(EvalDataError);
    expect(() => parseEvalJsonl(text, 'gold.jsonl')).toThrow('gold.jsonl:2: abstract: must be a non-empty string');
    expect(() => parseEvalJsonl('{"id": "a", "abstract": "x"}\n{"id": "a", "abstract": "y"}', 'f')).toThrow('f:2: id "a" appears twice');
    expect(() => parseEvalJsonl('not json', 'f')).toThrow(/^f:1: not JSON/);
  });

  it('reads the checked-in sample gold set: 30 papers, each with core concepts', () => {
    const path = fileURLToPath(new URL('../fixtures/sample-gold.jsonl', import.meta.url));
    const records = parseEvalJsonl(readFileSync(path, 'utf8'), path);
    expect(records).toHaveLength(30);
    for (const r of records) {
      expect(r.title.length, r.id).toBeGreaterThan(0);
      expect(r.concepts!.some((c) => c.core === true), r.id).toBe(true);
      expect(r.acronyms).not.toBeNull();
    }
  });
});
