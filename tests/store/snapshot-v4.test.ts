import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../src/bench/generator.js';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { toPaperSource } from '../../src/ingest/paper-input.js';
import type { GraphData, MentionRecord } from '../../src/model.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { buildIndex } from '../../src/store/memory/graph-index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { readSnapshot, readSnapshotFile, snapshotPath, SnapshotError, writeSnapshot } from '../../src/store/memory/snapshot.js';
import { decodeColumn, encodeColumn } from '../../src/store/memory/snapshot-columns.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-snap4-');

/** A generated graph (with more than one line of RELATED_TO columns). */
function generatedGraph(papers = 400): GraphData {
  const sources = [...syntheticCorpus(papers, { seed: 5 })].map((p) => toPaperSource({ id: p.id, title: p.title, abstract: p.abstract }, 's'));
  return buildGraph(sources);
}

/** `graph` with mentions whose spans do not all pack (a long span, several spans, none). */
function graphWithOddSpans(): GraphData {
  const graph = smallGraph();
  graph.mentions = graph.mentions.map((m, i) => ({
    ...m,
    spans:
      i === 0
        ? [{ field: 'abstract', start: 3, end: 3 + 5000 }]
        : i === 1
          ? [
              { field: 'title', start: 0, end: 4 },
              { field: 'abstract', start: 10, end: 14 },
            ]
          : i === 2
            ? []
            : m.spans,
  }));
  return graph;
}

/**
 * `smallGraph` with 40,000 mentions (its own, repeated, each with other counts and spans): more
 * than two lines of columns, one of them with a span that does not pack.
 */
function graphWithManyMentions(): GraphData {
  const graph = smallGraph();
  const base = graph.mentions;
  graph.mentions = Array.from({ length: 40_000 }, (_, i) => ({
    ...base[i % base.length]!,
    count: i,
    confidence: 1 - i / 40_000,
    spans: i % 3 === 0 ? [] : i === 30_001 ? [{ field: 'title', start: 0, end: 9000 }] : [{ field: i % 2 ? 'title' : 'abstract', start: i, end: i + (i % 7) }],
  }));
  return graph;
}

async function lines(dir: string): Promise<string[]> {
  return (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
}

async function open(dir: string): Promise<MemoryStore> {
  const store = new MemoryStore({ dataDir: dir, warn: () => undefined });
  await store.init();
  return store;
}

/** Replaces the first line of `section` with what `change` makes of its parsed chunk. */
async function damage(dir: string, section: string, change: (chunk: { n: number; b: Record<string, string> }) => void): Promise<void> {
  const all = await lines(dir);
  const at = all.findIndex((l) => l.startsWith(`{"s":"${section}"`));
  const chunk = JSON.parse(all[at]!) as { n: number; b: Record<string, string> };
  change(chunk);
  all[at] = JSON.stringify(chunk);
  await writeFile(snapshotPath(dir), `${all.join('\n')}\n`);
}

describe('the version 4 snapshot (mentions and RELATED_TO records as columns)', () => {
  it('reads back exactly the graph written, its edges as columns', async () => {
    for (const graph of [smallGraph(), graphWithOddSpans(), generatedGraph(), graphWithManyMentions()]) {
      const dir = await tempDir();
      await writeSnapshot(dir, graph);
      const all = await lines(dir);
      expect(JSON.parse(all[0]!)).toMatchObject({ format: 'paper-kg-snapshot', version: 4 });
      const columnar = all.filter((l) => l.startsWith('{"s":"mentions"') || l.startsWith('{"s":"related"')).map((l) => JSON.parse(l) as object);
      expect(columnar.length).toBeGreaterThan(0);
      for (const chunk of columnar) expect(Object.keys(chunk).sort()).toEqual(['b', 'n', 's']);
      expect(canonicalGraph((await readSnapshot(dir))!)).toEqual(canonicalGraph(graph));
      expect(await (await open(dir)).exportGraph()).toEqual(canonicalGraph(graph));
    }
  });

  it('writes spans that do not pack flattened, and those that do as codes', async () => {
    const [odd, plain] = [await tempDir(), await tempDir()];
    await writeSnapshot(odd, graphWithOddSpans());
    await writeSnapshot(plain, smallGraph());
    const columnsOf = async (dir: string) => Object.keys((JSON.parse((await lines(dir)).find((l) => l.startsWith('{"s":"mentions"'))!) as { b: object }).b);
    expect(await columnsOf(odd)).toContain('x');
    expect(await columnsOf(plain)).toContain('y');
    const read = (await readSnapshot(odd))!;
    const byKey = (ms: readonly MentionRecord[]) => new Map(ms.map((m) => [`${m.paperId} ${m.conceptId}`, m.spans]));
    expect(byKey(read.mentions)).toEqual(byKey(graphWithOddSpans().mentions));
  });

  it('gives the positions of every mention\'s nodes, and RELATED_TO records as columns', async () => {
    const dir = await tempDir();
    const graph = generatedGraph(120);
    await writeSnapshot(dir, graph);
    const read = (await readSnapshotFile(dir, true))!;
    const ends = read.mentionEnds!;
    expect(ends.papers.length).toBe(graph.mentions.length);
    read.graph.mentions.forEach((m, i) => {
      expect(read.graph.papers[ends.papers[i]!]!.id).toBe(m.paperId);
      expect(read.graph.concepts[ends.concepts[i]!]!.id).toBe(m.conceptId);
    });
    expect(read.graph.related).toEqual([]);
    expect(read.related!.sources.length).toBe(graph.related.length);
  });

  it('serves the same answers loaded from version 4 as from version 3 and version 1', async () => {
    const graph = generatedGraph(200);
    const [v4, v3, v1] = [await tempDir(), await tempDir(), await tempDir()];
    await writeSnapshot(v4, graph);
    await writeSnapshot(v3, graph, 3);
    expect(JSON.parse((await lines(v3))[0]!)).toMatchObject({ version: 3 });
    await writeFile(snapshotPath(v1), JSON.stringify({ format: 'paper-kg-snapshot', version: 1, graph }));
    const stores = await Promise.all([v4, v3, v1].map(open));
    await Promise.all(stores.map((s) => s.warm()));
    const concepts = graph.concepts.slice(0, 25).map((c) => c.id);
    const papers = graph.papers.slice(0, 25).map((p) => p.id);
    const answers = async (store: MemoryStore) => ({
      export: await store.exportGraph(),
      mentions: await store.mentionsOfPapers(papers),
      related: await store.relatedOfConcepts(concepts, 10),
      papersOfConcept: await Promise.all(concepts.map((id) => store.papersOfConcept(id, true, { first: 10, after: null }))),
      similar: await Promise.all(papers.map((id) => store.similarPapers(id, 5))),
      search: await Promise.all(graph.concepts.slice(0, 10).map((c) => store.search(c.name, 10))),
      lookup: await store.conceptsByLookupKeys(graph.concepts.slice(0, 25).map((c) => [c.name.toLowerCase()])),
    });
    const [a, b, c] = await Promise.all(stores.map(answers));
    expect(a).toEqual(b);
    expect(a).toEqual(c);
  });

  it('refuses a column that does not hold its chunk\'s records, naming the file and the line', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph());
    await damage(dir, 'mentions', (chunk) => (chunk.b.f = chunk.b.f!.slice(0, -8)));
    const error = await readSnapshot(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toContain(snapshotPath(dir));
    expect((error as Error).message).toMatch(/has a mentions chunk at line \d+ that does not hold \d+ records in each column/);
    await expect(open(dir)).rejects.toThrow(SnapshotError);
  });

  it('refuses a column whose text is not base64', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph());
    await damage(dir, 'related', (chunk) => (chunk.b.w = `!${chunk.b.w!.slice(1)}`));
    await expect(readSnapshot(dir)).rejects.toThrow(/has a related chunk at line \d+ that does not hold \d+ records/);
  });

  it('refuses a position the snapshot does not hold', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph());
    await damage(dir, 'mentions', (chunk) => {
      const papers = decodeColumn(chunk.b.p, 'i32', chunk.n)!;
      papers[0] = 9999;
      chunk.b.p = encodeColumn(papers);
    });
    await expect(readSnapshot(dir)).rejects.toThrow(/refers to papers number 9999/);
    const other = await tempDir();
    await writeSnapshot(other, smallGraph());
    await damage(other, 'related', (chunk) => {
      const targets = decodeColumn(chunk.b.t, 'i32', chunk.n)!;
      targets[0] = -1;
      chunk.b.t = encodeColumn(targets);
    });
    await expect(readSnapshotFile(other, true)).rejects.toThrow(/refers to concepts number -1/);
  });

  it('refuses a span code that no span packs to, and a chunk without a record count', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph());
    await damage(dir, 'mentions', (chunk) => {
      const codes = decodeColumn(chunk.b.y, 'f64', chunk.n)!;
      codes[0] = 0.5;
      chunk.b.y = encodeColumn(codes);
    });
    await expect(readSnapshot(dir)).rejects.toThrow(/has a span that is not a packed span/);
    const other = await tempDir();
    await writeSnapshot(other, smallGraph());
    await damage(other, 'related', (chunk) => ((chunk as { n: unknown }).n = 'many'));
    await expect(readSnapshot(other)).rejects.toThrow(/has no record count or columns/);
  });

  it('still counts the records against the end marker', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, generatedGraph(60));
    const all = await lines(dir);
    const at = all.findIndex((l) => l.startsWith('{"s":"related"'));
    all.splice(at, 1);
    await writeFile(snapshotPath(dir), `${all.join('\n')}\n`);
    await expect(readSnapshot(dir)).rejects.toThrow(/related where its end marker says/);
  });
});

describe('column encoding', () => {
  it('decodes what it encodes, and nothing of another length', () => {
    const values = Float64Array.from([0, -0, 1.5, -2.25, Number.MAX_VALUE, 1e-300, NaN]);
    const text = encodeColumn(values);
    const back = decodeColumn(text, 'f64', values.length)!;
    expect([...back].map((x) => Object.is(x, -0) ? '-0' : String(x))).toEqual([...values].map((x) => Object.is(x, -0) ? '-0' : String(x)));
    expect(decodeColumn(text, 'f64', values.length - 1)).toBeNull();
    expect(decodeColumn(encodeColumn(Int32Array.from([1, -1, 2 ** 31 - 1])), 'i32', 3)).toEqual(Int32Array.from([1, -1, 2 ** 31 - 1]));
    expect(decodeColumn(encodeColumn(new Uint8Array(0)), 'u8', 0)).toEqual(new Uint8Array(0));
    expect(decodeColumn(42, 'u8', 0)).toBeNull();
  });
});

describe('the index built from mention positions', () => {
  /** The index's lists and derived sets, in the order it holds them. */
  function shape(index: ReturnType<typeof buildIndex>) {
    const lists = (entries: IterableIterator<[string, readonly MentionRecord[]]>) =>
      [...entries].map(([key, list]) => [key, list.map((m) => `${m.paperId} ${m.conceptId} ${m.count}`)]);
    return {
      byPaper: lists(index.mentionsByPaper.entries()),
      byConcept: lists(index.mentionsByConcept.entries()),
      byConceptRead: [...index.mentionsByConcept.entries()].map(([key]) => index.mentionsByConcept.get(key)!.map((m) => m.paperId)),
      repeated: [...index.conceptsWithRepeatedPapers],
      paperConcepts: index.paperConcepts.get(),
      lookup: [...index.lookup.entries()].map(([key, list]) => [key, list.map((c) => c.id)]),
    };
  }

  it('is the index built from the records alone, repeated edges and all', async () => {
    const graph = generatedGraph(150);
    // A mention stored twice (served twice), and one of a concept stored three times by one paper.
    graph.mentions.push({ ...graph.mentions[3]!, count: 99 }, { ...graph.mentions[7]! }, { ...graph.mentions[7]!, confidence: 0.01 });
    const dir = await tempDir();
    await writeSnapshot(dir, graph);
    const read = (await readSnapshotFile(dir, true))!;
    const fromEnds = buildIndex(read.graph, read.related!, read.mentionEnds!);
    const plain = (await readSnapshotFile(dir, false))!;
    const fromRecords = buildIndex(plain.graph);
    expect(fromEnds.conceptsWithRepeatedPapers.size).toBeGreaterThan(0);
    expect(shape(fromEnds)).toEqual(shape(fromRecords));
  });

  it('sorts concepts\' lists on read when the mentions were not in read order', async () => {
    const graph = generatedGraph(80);
    const dir = await tempDir();
    await writeSnapshot(dir, graph);
    const read = (await readSnapshotFile(dir, true))!;
    // The same mentions in the opposite order, with their positions.
    const reversed = { ...read.graph, mentions: [...read.graph.mentions].reverse() };
    const ends = { papers: read.mentionEnds!.papers.slice().reverse(), concepts: read.mentionEnds!.concepts.slice().reverse() };
    const index = buildIndex(reversed, read.related!, ends);
    for (const [conceptId] of index.mentionsByConcept.entries()) {
      const list = index.mentionsByConcept.get(conceptId)!;
      const sorted = [...list].sort((a, b) => b.confidence - a.confidence || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0));
      expect(list).toEqual(sorted);
    }
  });
});
