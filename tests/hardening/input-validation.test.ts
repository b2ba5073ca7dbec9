import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { ADMIN_TOKEN, codes, startServer, type Server } from './hardening-harness.js';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ingest = 'mutation($papers: [PaperInput!]!) { ingestPapers(papers: $papers) { papersAdded writtenPaperIds } }';
const goodPaper = { title: 'A valid paper about alpha', abstract: 'We study alpha and beta.' };

describe('input validation', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer(smallGraph());
  });
  afterAll(() => s.close());

  /** Each case: an operation, its variables, and the start of the message naming the field and rule. */
  const refused: [string, string, Record<string, unknown>, RegExp][] = [
    ['paper id empty', 'query($v: ID!) { paper(id: $v) { id } }', { v: '  ' }, /^id: must not be empty/],
    ['paper id too long', 'query($v: ID!) { paper(id: $v) { id } }', { v: 'p'.repeat(201) }, /^id: must be at most 200 characters, got 201/],
    ['paper id with a control character', 'query($v: ID!) { paper(id: $v) { id } }', { v: 'p-a\u0000' }, /^id: must not hold control characters/],
    ['paper id with an unpaired surrogate', 'query($v: ID!) { paper(id: $v) { id } }', { v: 'p-\ud800' }, /^id: must be valid Unicode text/],
    ['concept id and name together', '{ concept(id: "alpha", name: "alpha") { id } }', {}, /^concept: give exactly one of "id" or "name"/],
    ['concept name too long', 'query($v: String) { concept(name: $v) { id } }', { v: 'n'.repeat(201) }, /^name: must be at most 200/],
    ['search text too long', 'query($v: String!) { search(query: $v) { score } }', { v: 'q'.repeat(201) }, /^query: must be at most 200/],
    ['search first negative', '{ search(query: "alpha", first: -1) { score } }', {}, /^first: must be an integer from 0 to 100, got -1/],
    ['papers first over 100', '{ papers(first: 101) { totalCount } }', {}, /^first: must be an integer from 0 to 100, got 101/],
    ['concepts first over 100', '{ concepts(first: 101) { totalCount } }', {}, /^first: must be an integer from 0 to 100/],
    ['repositories first over 100', '{ repositories(first: 101) { totalCount } }', {}, /^first: must be an integer from 0 to 100/],
    ['forged cursor', '{ papers(after: "bm9wZQ") { totalCount } }', {}, /^after: is not a cursor returned by this API/],
    ['year out of range', '{ papers(filter: { year: 10000 }) { totalCount } }', {}, /^filter\.year: must be an integer from 0 to 9999/],
    ['filter concept empty', '{ papers(filter: { concept: " " }) { totalCount } }', {}, /^filter\.concept: must not be empty/],
    ['minPapers negative', '{ concepts(filter: { minPapers: -1 }) { totalCount } }', {}, /^filter\.minPapers: must be an integer from 0/],
    ['concept search too long', 'query($v: String) { concepts(filter: { search: $v }) { totalCount } }', { v: 's'.repeat(201) }, /^filter\.search: must be at most 200/],
    ['repository url not a repository', '{ repository(url: "https://example.org/page") { id } }', {}, /^url: is not a code repository URL/],
    ['repository url too long', 'query($v: String!) { repository(url: $v) { id } }', { v: `https://github.com/a/${'b'.repeat(2000)}` }, /^url: must be at most 2000/],
    ['path maxHops over 6', '{ path(from: "alpha", to: "beta", maxHops: 7) { hops } }', {}, /^maxHops: must be an integer from 0 to 6/],
    ['path from empty', '{ path(from: "", to: "beta") { hops } }', {}, /^from: must not be empty/],
    ['neighbourhood depth over 3', '{ concept(id: "alpha") { neighbourhood(depth: 4) { nodes { id } } } }', {}, /^depth: must be an integer from 1 to 3/],
    ['neighbourhood limit 0', '{ concept(id: "alpha") { neighbourhood(limit: 0) { nodes { id } } } }', {}, /^limit: must be an integer from 1/],
    ['neighbourhood minWeight over 1', '{ concept(id: "alpha") { neighbourhood(minWeight: 1.5) { nodes { id } } } }', {}, /^minWeight: must be a number from 0 to 1/],
    ['related first over 100', '{ concept(id: "alpha") { related(first: 101) { weight } } }', {}, /^first: must be an integer from 0 to 100/],
    ['similar first over 100', '{ paper(id: "p-a") { similar(first: 101) { score } } }', {}, /^first: must be an integer from 0 to 100/],
    ['concept papers first over 100', '{ concept(id: "alpha") { papers(first: 101) { totalCount } } }', {}, /^first: must be an integer from 0 to 100/],
    ['deletePaper id empty', 'mutation { deletePaper(id: "") }', {}, /^id: must not be empty/],
  ];

  it.each(refused)('refuses %s with BAD_USER_INPUT naming the field and rule', async (_name, query, variables, message) => {
    const reply = await s.gql(query, variables, auth);
    expect(codes(reply), JSON.stringify(reply.body)).toEqual(['BAD_USER_INPUT']);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].message).toMatch(message);
  });

  it('refuses wrongly typed variables before running anything', async () => {
    const reply = await s.gql('query($n: Int) { papers(first: $n) { totalCount } }', { n: 'many' });
    expect([reply.status, codes(reply)]).toEqual([400, ['BAD_USER_INPUT']]);
    const huge = await s.gql('query($n: Int) { papers(first: $n) { totalCount } }', { n: 2 ** 40 });
    expect([huge.status, codes(huge)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  describe('ingestPapers', () => {
    const refusedPapers: [string, unknown[], RegExp][] = [
      ['an empty batch', [], /^papers: must hold at least one paper/],
      ['a batch over 500', Array.from({ length: 501 }, (_, i) => ({ ...goodPaper, title: `Paper ${i}` })), /^papers: at most 500 papers per call, got 501/],
      ['an empty title', [{ ...goodPaper, title: ' ' }], /papers\[0\]\.title: must not be empty/],
      ['a title over 1000 characters', [{ ...goodPaper, title: 't'.repeat(1001) }], /papers\[0\]\.title: at most 1000 characters/],
      ['an abstract over 20000 characters', [{ ...goodPaper, abstract: 'a '.repeat(10_001) }], /papers\[0\]\.abstract: at most 20000 characters/],
      ['an id with spaces', [{ ...goodPaper, id: 'has space' }], /papers\[0\]\.id: at most 200 characters of letters, digits/],
      ['an id over 200 characters', [{ ...goodPaper, id: 'i'.repeat(201) }], /papers\[0\]\.id: at most 200 characters/],
      ['a url that is not http(s)', [{ ...goodPaper, url: 'javascript:alert(1)' }], /papers\[0\]\.url: must be an http\(s\) URL/],
      ['a year before 1900', [{ ...goodPaper, year: 1800 }], /papers\[0\]\.year: must be an integer from 1900 to 2100/],
      ['a title with a control character', [{ ...goodPaper, title: 'Bad \u0007 title' }], /papers\[0\]\.title: must not hold control characters/],
      ['an abstract with an unpaired surrogate', [{ ...goodPaper, abstract: 'Broken \udc00 text' }], /papers\[0\]\.abstract: must be valid Unicode text/],
      ['two papers with one id', [{ ...goodPaper, id: 'same' }, { ...goodPaper, title: 'Other', id: 'same' }], /^papers: two papers in one ingest have the id "same"/],
      ['one bad paper among good ones', [goodPaper, { ...goodPaper, title: 'Second', year: 3000 }], /papers\[1\]\.year/],
    ];

    it.each(refusedPapers)('refuses %s whole, writing nothing', async (_name, papers, message) => {
      const reply = await s.gql(ingest, { papers }, auth);
      expect(codes(reply), JSON.stringify(reply.body).slice(0, 500)).toEqual(['BAD_USER_INPUT']);
      expect(reply.body.errors[0].message).toMatch(message);
      expect(await s.readyWith()).toEqual({ ready: 200, papers: 4 });
    });

    it('accepts a valid batch after all those refusals', async () => {
      const reply = await s.gql(ingest, { papers: [goodPaper] }, auth);
      expect(reply.body).toEqual({ data: { ingestPapers: { papersAdded: 1, writtenPaperIds: ['a-valid-paper-about-alpha'] } } });
      expect(await s.readyWith()).toEqual({ ready: 200, papers: 5 });
    });
  });
});
