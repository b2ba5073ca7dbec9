import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestProgressBar } from '../../src/ingest/arxiv-progress.js';
import { looksLikeArxiv, readArxivBatches, readArxivFile } from '../../src/ingest/arxiv-stream.js';
import { InputError } from '../../src/ingest/parse/index.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function file(lines: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kg-arxiv-'));
  dirs.push(dir);
  const path = join(dir, 'arxiv.jsonl');
  await writeFile(path, lines.join('\n'));
  return path;
}

const record = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    title: `Paper ${id} on graph neural networks`,
    abstract: `We study graph neural networks (GNN) for paper ${id}.`,
    authors: 'A. Author, B. Author',
    categories: 'cs.LG',
    update_date: '2021-03-04',
    ...extra,
  });

async function collect(path: string, batchSize = 500) {
  const batches: string[][] = [];
  for await (const batch of readArxivBatches(path, { batchSize })) batches.push(batch.map((p) => p.id));
  return batches;
}

describe('the streaming arXiv metadata reader', () => {
  it('reads valid lines into papers with the arXiv id, URL and year, skipping blank lines', async () => {
    const path = await file([record('2103.00001'), '', record('2103.00002', { versions: [{ created: 'Mon, 2 Apr 2007 19:18:42 GMT' }] }), '']);
    const papers = await readArxivFile(path);
    expect(papers.map((p) => [p.id, p.url, p.year, p.source])).toEqual([
      ['2103.00001', 'https://arxiv.org/abs/2103.00001', 2021, 'arxiv.jsonl'],
      ['2103.00002', 'https://arxiv.org/abs/2103.00002', 2007, 'arxiv.jsonl'],
    ]);
    expect(papers[0]!.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports a bad line as FILE:LINE', async () => {
    const path = await file([record('2103.00001'), '', record('2103.00003', { abstract: 42 })]);
    const error = await readArxivFile(path).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(3);
    expect((error as Error).message).toBe(`${path}:3: "abstract" must be a string, got number 42`);
  });

  it('reports invalid JSON and a repeated id with their lines', async () => {
    await expect(readArxivFile(await file([record('1'), '{"id": "2", "title":']))).rejects.toThrow(/arxiv\.jsonl:2: invalid JSON/);
    await expect(readArxivFile(await file([record('1'), record('2'), record('1')]))).rejects.toThrow(
      /arxiv\.jsonl:3: paper id "1" was already used at line 1/,
    );
    await expect(readArxivFile(await file([JSON.stringify({ title: 't', abstract: 'a', categories: 'x' })]))).rejects.toThrow(
      /arxiv\.jsonl:1: "id" is missing/,
    );
  });

  it('streams: batches come out as they are read, before a bad line further on is reached', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => record(`2103.0000${i}`));
    lines.push('not json');
    const path = await file(lines);
    const seen: string[][] = [];
    const error = await (async () => {
      for await (const batch of readArxivBatches(path, { batchSize: 2 })) seen.push(batch.map((p) => p.id));
    })().then(() => null, (e: unknown) => e);
    expect(seen).toEqual([['2103.00000', '2103.00001'], ['2103.00002', '2103.00003']]);
    expect((error as InputError).line).toBe(6);
  });

  it('yields the last partial batch and reports progress in bytes', async () => {
    const path = await file([record('a1'), record('a2'), record('a3')]);
    expect(await collect(path, 2)).toEqual([['a1', 'a2'], ['a3']]);
    const progress: number[] = [];
    for await (const _ of readArxivBatches(path, { batchSize: 2, onProgress: (p) => progress.push(p.papers) })) void _;
    expect(progress).toEqual([2, 3]);
  });

  it('refuses an empty file and a missing one', async () => {
    await expect(readArxivFile(await file(['', '  ']))).rejects.toThrow(/no papers found/);
    await expect(readArxivFile('/nonexistent/arxiv.jsonl')).rejects.toThrow(/cannot read the file \(ENOENT\)/);
  });

  it('recognises arXiv metadata from its first line only', async () => {
    expect(await looksLikeArxiv(await file(['', record('1'), 'garbage']))).toBe(true);
    expect(await looksLikeArxiv(await file([JSON.stringify({ title: 't', abstract: 'a' })]))).toBe(false);
    expect(await looksLikeArxiv(await file(['Title', 'Abstract']))).toBe(false);
  });
});

describe('the ingest progress display', () => {
  it('prints a log line per interval off a terminal, with papers/s and ETA', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new IngestProgressBar({ tty: false, write: (s) => out.push(s) }, 1000, 10_000, () => t);
    t = 5_000;
    bar.read(100, 250);
    bar.ingest({ stage: 'extract', done: 50, total: 100 });
    expect(out).toEqual([]);
    t = 10_000;
    bar.ingest({ stage: 'extract', done: 100, total: 100 });
    // 100 papers in a quarter of the bytes: 400 expected; 100 done in 10 s: 10/s, 300 left: 30 s.
    expect(out).toEqual(['25% read 100 papers, extracted 100 (10 papers/s, ETA 30 s)\n']);
  });

  it('redraws one line on a terminal', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new IngestProgressBar({ tty: true, write: (s) => out.push(s) }, 100, 10_000, () => t);
    t = 1000;
    bar.read(10, 50);
    expect(out[0]).toMatch(/^\r\[#{15}\.{15}\] 0% read 10 papers/);
    bar.ingest({ stage: 'write', papers: 10 });
    expect(out.slice(1)).toEqual(['\n', 'writing 10 papers and their graph\n']);
  });
});
