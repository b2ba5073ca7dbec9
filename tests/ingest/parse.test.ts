import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  PAPER_LIMITS,
  decodeInput,
  detectFormat,
  parsePapers,
  type ParsedPaper,
} from '../../src/ingest/parse/index.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The InputError a call throws (fails the test when it does not throw one). */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const ABSTRACT_A =
  'Biological systems perceive the world by simultaneously processing high-dimensional inputs from many modalities. ' +
  'We introduce a model that builds upon Transformers and scales to hundreds of thousands of inputs.';
const ABSTRACT_B =
  'Neural audio codecs and autoencoders have emerged as versatile models for audio compression and generation. ' +
  'We propose a post-hoc framework that restructures the latent space of a pre-trained autoencoder.';
const ABSTRACT_C =
  'Probabilistic circuits are a unified framework for tractable probabilistic models. We observe that as the number ' +
  'of parameters grows their performance saturates, and we propose latent variable distillation to fix it.';

function text(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

describe('decodeInput', () => {
  it('decodes UTF-8 and strips a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Schrödinger Bridges\n')]);
    expect(decodeInput(bytes, 'a.txt')).toBe('Schrödinger Bridges\n');
  });

  it('rejects binary input containing NUL bytes, naming the line', () => {
    const error = inputError(() => decodeInput(utf8('line one\nline\u0000two'), 'model.bin'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^model\.bin:2: binary content \(NUL byte/);
  });

  it('rejects invalid UTF-8, naming the line of the first bad byte', () => {
    const bytes = new Uint8Array([...utf8('Title\nAbstract caf'), 0xe9, ...utf8(' au lait\n')]);
    const error = inputError(() => decodeInput(bytes, 'latin1.txt'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^latin1\.txt:2: invalid UTF-8 \(byte 0xe9/);
  });

  it('rejects overlong and surrogate encodings as invalid UTF-8', () => {
    expect(() => decodeInput(new Uint8Array([0x41, 0xc0, 0xaf]), 'x.txt')).toThrow(/invalid UTF-8/);
    expect(() => decodeInput(new Uint8Array([0xed, 0xa0, 0x80]), 'x.txt')).toThrow(/invalid UTF-8/);
  });

  it('says so when a file is UTF-16', () => {
    expect(() => decodeInput(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'w.txt')).toThrow('w.txt: file is UTF-16 encoded; save it as UTF-8');
  });

  it('rejects an empty file and a whitespace-only file', () => {
    expect(() => decodeInput(new Uint8Array(), 'empty.txt')).toThrow('empty.txt: file is empty');
    const error = inputError(() => decodeInput(utf8(' \n\r\n\t\n'), 'blank.txt'));
    expect(error.line).toBeNull();
    expect(error.message).toBe('blank.txt: file contains only whitespace');
  });
});

describe('InputError', () => {
  it('formats file:line: reason, or file: reason without a line', () => {
    expect(new InputError('p.jsonl', 7, 'bad').message).toBe('p.jsonl:7: bad');
    expect(new InputError('p.jsonl', null, 'bad').message).toBe('p.jsonl: bad');
    const error = new InputError('p.jsonl', 7, 'bad');
    expect(error).toBeInstanceOf(Error);
    expect([error.file, error.line, error.reason, error.name]).toEqual(['p.jsonl', 7, 'bad', 'InputError']);
  });
});

describe('detectFormat', () => {
  it('reads plain text as text', () => {
    expect(detectFormat(text('A Title', ABSTRACT_A))).toBe('text');
  });

  it('reads a first line starting with "{" as JSON Lines, after blank lines', () => {
    expect(detectFormat('\n\n  {"title": "T", "abstract": "A"}\n')).toBe('jsonl');
  });

  it('recognises arXiv metadata by its keys', () => {
    expect(detectFormat('{"id": "2103.03206", "title": "T", "abstract": "A", "categories": "cs.CV"}')).toBe('arxiv');
    // id + title + abstract alone is ordinary JSON Lines.
    expect(detectFormat('{"id": "2103.03206", "title": "T", "abstract": "A"}')).toBe('jsonl');
  });

  it('still says JSON Lines when the first object is malformed, so the parser can report it', () => {
    expect(detectFormat('{"title": ')).toBe('jsonl');
  });
});

describe('parsePapers: plain text', () => {
  const sample = decodeInput(readFileSync(new URL('../../data/trending-papers.txt', import.meta.url)), 'trending-papers.txt');

  it('reads the bundled sample corpus: 119 papers, page debris removed', () => {
    const papers = parsePapers(sample, 'trending-papers.txt');
    expect(papers).toHaveLength(119);
    expect(papers[0]!.title).toBe('Perceiver: General Perception with Iterative Attention');
    expect(papers[0]!.line).toBe(3);
    expect(papers.at(-1)!.title).toBe('DistServe: Disaggregating Prefill and Decoding for Goodput-optimized Large Language Model Serving');
    expect(papers.at(-1)!.line).toBe(239);
    for (const paper of papers) {
      expect(paper.title).not.toMatch(/subscribe|trending papers/i);
      expect(paper.abstract.length).toBeGreaterThan(paper.title.length);
      expect(paper.id).toBeUndefined();
    }
  });

  it('strips a UI label glued to the first title', () => {
    const papers = parsePapers(
      text('Get the latest research in your inbox!', 'SubscribePerceiver: General Perception', ABSTRACT_A, 'Re-Bottleneck: Latent Re-Structuring', ABSTRACT_B),
      'page.txt',
    );
    expect(papers.map((p) => p.title)).toEqual(['Perceiver: General Perception', 'Re-Bottleneck: Latent Re-Structuring']);
    expect(papers[0]!.line).toBe(2);
  });

  it('skips a "Sign in" line and strips a "Follow" label glued to the first title', () => {
    const papers = parsePapers(text('Sign in', 'Don’t miss a paper!', 'FollowScaling Up Probabilistic Circuits', ABSTRACT_C), 'page.txt');
    expect(papers).toEqual([{ title: 'Scaling Up Probabilistic Circuits', abstract: ABSTRACT_C, line: 3 }]);
  });

  it('strips a two-word label glued to the first title even without debris lines', () => {
    const papers = parsePapers(text('Sign upRe-Bottleneck: Latent Re-Structuring', ABSTRACT_B), 'page.txt');
    expect(papers[0]!.title).toBe('Re-Bottleneck: Latent Re-Structuring');
  });

  it('keeps a title whose name only looks like a glued label, because the abstract uses the name', () => {
    const abstract = `FollowBench is a multi-level benchmark for instruction following. ${ABSTRACT_C}`;
    const papers = parsePapers(text('Subscribe', 'FollowBench: A Multi-level Fine-grained Constraints Following Benchmark', abstract), 'page.txt');
    expect(papers[0]!.title).toBe('FollowBench: A Multi-level Fine-grained Constraints Following Benchmark');
  });

  it('does not strip labels from titles after the first', () => {
    const papers = parsePapers(text('Perceiver', ABSTRACT_A, 'ShareGPT4V: Improving Large Multi-Modal Models', ABSTRACT_B), 'p.txt');
    expect(papers[1]!.title).toBe('ShareGPT4V: Improving Large Multi-Modal Models');
  });

  it('skips navigation, cookie banners and newsletter prompts at the top of a page', () => {
    const papers = parsePapers(
      text(
        'Skip to main content',
        'Home | Papers | Datasets | Methods',
        'We use cookies to improve your experience.',
        'Accept all',
        'Subscribe to our weekly newsletter',
        'Re-Bottleneck: Latent Re-Structuring for Neural Audio Autoencoders',
        ABSTRACT_B,
      ),
      'scraped.txt',
    );
    expect(papers).toHaveLength(1);
    expect(papers[0]!.line).toBe(6);
  });

  it('keeps a call-to-action-looking first line as a title when an abstract follows it', () => {
    const papers = parsePapers(text('Sign In, Please! Learning to Authenticate with Large Language Models!', ABSTRACT_A), 'p.txt');
    expect(papers[0]!.title).toBe('Sign In, Please! Learning to Authenticate with Large Language Models!');
  });

  it('reports a page heading that is not UI chrome instead of guessing it away', () => {
    const error = inputError(() => parsePapers(text('Trending Papers', 'Perceiver: General Perception', ABSTRACT_A), 'page.txt'));
    expect(error.line).toBe(1);
    expect(error.reason).toMatch(/^title with no abstract: "Trending Papers" .*if it is page text rather than a paper title, delete it$/);
  });

  it('drops a page footer after the last record', () => {
    const papers = parsePapers(text('Perceiver', ABSTRACT_A, '© 2025 Example Labs. All rights reserved.', 'Follow us on Mastodon'), 'p.txt');
    expect(papers).toHaveLength(1);
  });

  it('fails on a title with no abstract, at that title\'s line', () => {
    const error = inputError(() =>
      parsePapers(text('Perceiver', ABSTRACT_A, 'A Title Without Its Abstract', 'Re-Bottleneck: Latent Re-Structuring', ABSTRACT_B), 'papers.txt'),
    );
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^papers\.txt:3: title with no abstract: "A Title Without Its Abstract"/);
  });

  it('fails on a trailing title at the end of the file', () => {
    const error = inputError(() => parsePapers(text('Perceiver', ABSTRACT_A, '', 'Re-Bottleneck: Latent Re-Structuring'), 'papers.txt'));
    expect(error.message).toBe('papers.txt:4: title with no abstract: "Re-Bottleneck: Latent Re-Structuring" is the last line');
  });

  it('fails on an abstract split over two lines instead of pairing it with the next title', () => {
    const error = inputError(() => parsePapers(text('Perceiver', ABSTRACT_A, ABSTRACT_B, 'Scaling', ABSTRACT_C), 'papers.txt'));
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/expected a title but found a paragraph/);
  });

  it('accepts Windows line endings', () => {
    const papers = parsePapers(`Perceiver\r\n${ABSTRACT_A}\r\nRe-Bottleneck\r\n${ABSTRACT_B}\r\n`, 'crlf.txt');
    expect(papers.map((p) => [p.title, p.line])).toEqual([
      ['Perceiver', 1],
      ['Re-Bottleneck', 3],
    ]);
    expect(papers[0]!.abstract).toBe(ABSTRACT_A);
  });

  it('skips blank lines between records and keeps true line numbers', () => {
    const papers = parsePapers(text('', '', 'Perceiver', ABSTRACT_A, '', '   ', 'Re-Bottleneck', '', ABSTRACT_B, ''), 'p.txt');
    expect(papers.map((p) => p.line)).toEqual([3, 7]);
  });

  it('trims and collapses whitespace inside titles and abstracts', () => {
    const papers = parsePapers(text('  Perceiver:\t General   Perception  ', `  ${ABSTRACT_A.replace(/ /g, '   ')}  `), 'p.txt');
    expect(papers[0]!.title).toBe('Perceiver: General Perception');
    expect(papers[0]!.abstract).toBe(ABSTRACT_A);
  });

  it('accepts a short abstract that ends with a full stop', () => {
    const papers = parsePapers(text('VIB is Half Bayes', 'We show the variational information bottleneck is half Bayesian.'), 'p.txt');
    expect(papers[0]!.abstract).toBe('We show the variational information bottleneck is half Bayesian.');
  });

  it('reads titles ending in a question mark and titles with "vs." as titles', () => {
    const papers = parsePapers(
      text('How Does Information Bottleneck Help Deep Learning?', ABSTRACT_A, 'Transformers vs. RNNs for Audio: A Study of Latent Codecs', ABSTRACT_B),
      'p.txt',
    );
    expect(papers).toHaveLength(2);
  });

  it('refuses a file that is only page debris', () => {
    expect(() => parsePapers(text('Sign in', 'Subscribe'), 'p.txt')).toThrow('p.txt: no papers found (only page debris)');
  });

  it('refuses a JSON array with a hint to use JSON Lines', () => {
    expect(() => parsePapers('[{"title": "T", "abstract": "A"}]', 'p.json')).toThrow(/p\.json:1: looks like a JSON array/);
  });
});

describe('parsePapers: JSON Lines', () => {
  it('reads required and optional fields, ignoring unknown keys and blank lines', () => {
    const input = [
      JSON.stringify({ title: ' Perceiver:\n General  Perception ', abstract: ABSTRACT_A, id: 'perceiver', url: 'https://example.org/p', year: 2021, stars: 5 }),
      '',
      JSON.stringify({ title: 'Re-Bottleneck', abstract: ABSTRACT_B, year: '2025', id: null }),
    ].join('\n');
    const papers = parsePapers(input, 'papers.jsonl');
    expect(papers).toEqual<ParsedPaper[]>([
      { title: 'Perceiver: General Perception', abstract: ABSTRACT_A, id: 'perceiver', url: 'https://example.org/p', year: 2021, line: 1 },
      { title: 'Re-Bottleneck', abstract: ABSTRACT_B, year: 2025, line: 3 },
    ]);
  });

  it('reports invalid JSON with its line and the parser\'s reason', () => {
    const input = text('{"title": "A", "abstract": "B"}', '{"title": "C", "abstract": "D"}', '{"title": "E", "abstract": }');
    const error = inputError(() => parsePapers(input, 'papers.jsonl'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^papers\.jsonl:3: invalid JSON: .+/);
  });

  it('reports a missing abstract', () => {
    expect(() => parsePapers(text('{"title": "A", "abstract": "B"}', '{"title": "C"}'), 'p.jsonl')).toThrow('p.jsonl:2: "abstract" is missing');
  });

  it('reports an empty title and a title of the wrong type', () => {
    expect(() => parsePapers('{"title": "  ", "abstract": "B"}', 'p.jsonl')).toThrow('p.jsonl:1: "title" is empty');
    expect(() => parsePapers('{"title": 42, "abstract": "B"}', 'p.jsonl')).toThrow('p.jsonl:1: "title" must be a string, got number 42');
  });

  it('refuses a numeric id, which would already have lost digits', () => {
    expect(() => parsePapers('{"title": "T", "abstract": "A", "id": 2103.1}', 'p.jsonl')).toThrow('p.jsonl:1: "id" must be a string, got number 2103.1');
  });

  it('refuses a line that is not an object', () => {
    expect(() => parsePapers(text('{"title": "T", "abstract": "A"}', '["T", "A"]'), 'p.jsonl')).toThrow('p.jsonl:2: expected a JSON object, got an array');
  });

  it('reports a bad year naming the field and the value', () => {
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ title: `T${i}`, abstract: 'A' }));
    lines.push('{"title": "T7", "abstract": "A", "year": "abc"}');
    expect(() => parsePapers(lines.join('\n'), 'papers.jsonl')).toThrow('papers.jsonl:7: "year" must be an integer between 1900 and 2100, got "abc"');
    expect(() => parsePapers('{"title": "T", "abstract": "A", "year": 1850}', 'p.jsonl')).toThrow(/"year" must be an integer between 1900 and 2100, got 1850$/);
    expect(() => parsePapers('{"title": "T", "abstract": "A", "year": 2020.5}', 'p.jsonl')).toThrow(/got 2020\.5$/);
  });

  it('enforces the length limits on title, abstract and id', () => {
    const long = (n: number) => 'x'.repeat(n);
    expect(() => parsePapers(JSON.stringify({ title: long(PAPER_LIMITS.maxTitleLength + 1), abstract: 'A' }), 'p.jsonl')).toThrow(
      'p.jsonl:1: "title" is 1001 characters long; the limit is 1000',
    );
    expect(() => parsePapers(JSON.stringify({ title: 'T', abstract: long(PAPER_LIMITS.maxAbstractLength + 1) }), 'p.jsonl')).toThrow(
      /"abstract" is 20001 characters long; the limit is 20000/,
    );
    expect(() => parsePapers(JSON.stringify({ title: 'T', abstract: 'A', id: long(201) }), 'p.jsonl')).toThrow(/"id" is 201 characters long; the limit is 200/);
    expect(parsePapers(JSON.stringify({ title: long(1000), abstract: long(20_000), id: long(200) }), 'p.jsonl')).toHaveLength(1);
  });

  it('refuses a url that is not http(s)', () => {
    expect(() => parsePapers('{"title": "T", "abstract": "A", "url": "javascript:alert(1)"}', 'p.jsonl')).toThrow(/"url" must be an http\(s\) URL/);
  });

  it('refuses duplicate ids, naming both lines', () => {
    const input = text('{"id": "p1", "title": "A", "abstract": "B"}', '{"id": "p2", "title": "C", "abstract": "D"}', '', '{"id": "p1", "title": "E", "abstract": "F"}');
    expect(() => parsePapers(input, 'p.jsonl')).toThrow('p.jsonl:4: duplicate id "p1" (lines 1 and 4)');
  });

  it('treats arXiv-shaped lines as plain records when the format is given as jsonl', () => {
    const papers = parsePapers('{"id": "2103.03206", "title": "T", "abstract": "A", "categories": "cs.CV"}', 'p.jsonl', 'jsonl');
    expect(papers[0]).toEqual({ id: '2103.03206', title: 'T', abstract: 'A', line: 1 });
  });
});

describe('parsePapers: arXiv metadata', () => {
  const perceiver = {
    id: '2103.03206',
    submitter: 'Andrew Jaegle',
    authors: 'Andrew Jaegle, Felix Gimeno, Andrew Brock',
    title: 'Perceiver: General Perception with\n  Iterative Attention',
    comments: 'ICML 2021',
    'journal-ref': null,
    doi: null,
    categories: 'cs.CV cs.AI cs.LG',
    license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
    abstract: '  Biological systems perceive the world by simultaneously processing\nhigh-dimensional inputs.\n',
    versions: [
      { version: 'v1', created: 'Thu, 4 Mar 2021 18:20:50 GMT' },
      { version: 'v2', created: 'Wed, 23 Jun 2021 10:17:32 GMT' },
    ],
    update_date: '2022-06-24',
    authors_parsed: [['Jaegle', 'Andrew', '']],
  };

  it('maps id, url and year, and collapses the wrapped title and abstract', () => {
    const papers = parsePapers(JSON.stringify(perceiver), 'arxiv.json');
    expect(papers).toEqual([
      {
        id: '2103.03206',
        url: 'https://arxiv.org/abs/2103.03206',
        year: 2021,
        title: 'Perceiver: General Perception with Iterative Attention',
        abstract: 'Biological systems perceive the world by simultaneously processing high-dimensional inputs.',
        line: 1,
      },
    ]);
  });

  it('takes the year from update_date when there are no versions', () => {
    const { versions: _versions, ...record } = perceiver;
    expect(parsePapers(JSON.stringify(record), 'arxiv.json')[0]!.year).toBe(2022);
  });

  it('reports a malformed update_date', () => {
    const { versions: _versions, ...record } = perceiver;
    expect(() => parsePapers(JSON.stringify({ ...record, update_date: 'June 2022' }), 'arxiv.json')).toThrow(
      'arxiv.json:1: "update_date" must be a date "YYYY-MM-DD", got "June 2022"',
    );
  });

  it('keeps old-style ids with a slash', () => {
    const papers = parsePapers(JSON.stringify({ ...perceiver, id: 'hep-th/9901001' }), 'arxiv.json');
    expect(papers[0]!.url).toBe('https://arxiv.org/abs/hep-th/9901001');
  });

  it('requires an id when the format is arxiv', () => {
    expect(() => parsePapers('{"title": "T", "abstract": "A"}', 'a.json', 'arxiv')).toThrow('a.json:1: "id" is missing (required for arXiv records)');
  });

  it('refuses duplicate arXiv ids, naming both lines', () => {
    const line = JSON.stringify(perceiver);
    expect(() => parsePapers(text(line, line), 'arxiv.json')).toThrow('arxiv.json:2: duplicate id "2103.03206" (lines 1 and 2)');
  });
});
