import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphData, MentionRecord, Span } from '../../src/model.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { PackedMention, packMention, packSpan, plainMention, unpackSpan } from '../../src/store/memory/packed-mention.js';
import { readSnapshot, readSnapshotFile, writeSnapshot } from '../../src/store/memory/snapshot.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-packed-');

/** Spans of every shape a mention can have: none, one, several, and some that do not pack into a number. */
const SPAN_CASES: Span[][] = [
  [],
  [{ field: 'title', start: 0, end: 0 }],
  [{ field: 'abstract', start: 262_143, end: 262_143 + 4095 }],
  [
    { field: 'abstract', start: 40, end: 52 },
    { field: 'title', start: 3, end: 9 },
    { field: 'abstract', start: 40, end: 52 },
  ],
  [{ field: 'abstract', start: 2 ** 40 - 1, end: 2 ** 40 + 9 }],
  // Do not pack: too long, ends before it starts, negative, not an integer, past the start limit.
  [{ field: 'abstract', start: 10, end: 10 + 4096 }],
  [
    { field: 'title', start: 1, end: 4 },
    { field: 'abstract', start: 9, end: 7 },
  ],
  [{ field: 'abstract', start: -3, end: 2 }],
  [{ field: 'title', start: 1.5, end: 4 }],
  [{ field: 'abstract', start: 2 ** 40, end: 2 ** 40 + 1 }],
];

/** smallGraph() with the spans of its mentions replaced by SPAN_CASES, in turn. */
function graphWithSpans(): GraphData {
  const graph = smallGraph();
  graph.mentions = graph.mentions.map((m, i) => ({ ...m, spans: SPAN_CASES[i % SPAN_CASES.length]!.map((s) => ({ ...s })) }));
  return graph;
}

/** Each mention's spans by paper and concept. */
function spansOf(mentions: readonly MentionRecord[]): Map<string, Span[]> {
  return new Map(mentions.map((m) => [`${m.paperId} ${m.conceptId}`, m.spans]));
}

async function open(dir: string | null): Promise<MemoryStore> {
  const store = new MemoryStore({ dataDir: dir, warn: () => undefined });
  await store.init();
  return store;
}

describe('packed mention spans', () => {
  it('packs a span into one integer and reads it back exactly', () => {
    for (const spans of SPAN_CASES.slice(0, 5)) {
      for (const s of spans) {
        const code = packSpan(s.field, s.start, s.end);
        expect(code).not.toBeNull();
        expect(Number.isSafeInteger(code)).toBe(true);
        expect(unpackSpan(code!)).toEqual(s);
      }
    }
    // Spans early in a paper are small integers (V8 keeps them without a heap object).
    expect(packSpan('abstract', 262_143, 262_143 + 4095)).toBeLessThan(2 ** 31);
  });

  it('refuses to pack what would not come back exactly', () => {
    expect(packSpan('abstract', 10, 10 + 4096)).toBeNull();
    expect(packSpan('abstract', 9, 7)).toBeNull();
    expect(packSpan('abstract', -3, 2)).toBeNull();
    expect(packSpan('title', 1.5, 4)).toBeNull();
    expect(packSpan('abstract', 2 ** 40, 2 ** 40 + 1)).toBeNull();
    expect(packSpan('summary', 1, 2)).toBeNull();
    expect(packSpan('title', -0, 2)).toBeNull();
  });

  it('gives a mention back exactly, with new span objects on each read', () => {
    for (const spans of SPAN_CASES) {
      const given: MentionRecord = { paperId: 'p', conceptId: 'c', count: 2, confidence: 0.25, inTitle: false, spans };
      const packed = packMention(given);
      expect(packed).toBeInstanceOf(PackedMention);
      expect(plainMention(packed)).toEqual(given);
      const read = packed.spans;
      read.push({ field: 'title', start: 1, end: 2 });
      if (read.length > 1) read[0]!.start = 999;
      expect(packed.spans).toEqual(spans);
    }
  });

  it('keeps one packable span as a number, several as an array of numbers, and no Span objects', () => {
    expect(typeof packMention({ paperId: 'p', conceptId: 'c', count: 1, confidence: 1, inTitle: true, spans: SPAN_CASES[1]! }).packedSpans).toBe('number');
    const several = packMention({ paperId: 'p', conceptId: 'c', count: 3, confidence: 1, inTitle: true, spans: SPAN_CASES[3]! }).packedSpans;
    expect(Array.isArray(several) && several.every((x) => typeof x === 'number')).toBe(true);
  });

  it('round-trips spans through a replacement, the snapshot, a delta, the journal and a fold', async () => {
    const dir = await tempDir();
    const graph = graphWithSpans();
    const store = await open(dir);
    await store.replaceGraph(graph);
    expect(await store.exportGraph()).toEqual(canonicalGraph(graph));
    const paperIds = graph.papers.map((p) => p.id);
    const served = (await store.mentionsOfPapers(paperIds)).flat();
    expect(spansOf(served)).toEqual(spansOf(graph.mentions));
    for (const m of served) expect(Object.keys(m).sort()).toEqual(['conceptId', 'confidence', 'count', 'inTitle', 'paperId', 'spans']);

    // The snapshot decodes straight to packed mentions: no Span object per span.
    const snapshot = await readSnapshotFile(dir);
    for (const m of snapshot!.graph.mentions) expect(m).toBeInstanceOf(PackedMention);
    const reloaded = await open(dir);
    expect(await reloaded.exportGraph()).toEqual(canonicalGraph(graph));

    // A delta replacing a mention's spans, and adding one with new spans; then a restart replays the journal.
    const [first, second] = graph.mentions;
    const delta: GraphData = {
      papers: [],
      concepts: [],
      repositories: [],
      mentions: [
        { ...first!, spans: [{ field: 'abstract', start: 77, end: 80 }, { field: 'title', start: 0, end: 3 }] },
        { ...second!, spans: [{ field: 'title', start: 5, end: 5 + 5000 }] },
      ],
      hasCode: [],
      related: [],
      broader: [],
    };
    await reloaded.applyDelta(delta);
    expect(await readdir(dir)).toContain('graph.delta.jsonl');
    const want = canonicalGraph({ ...graph, mentions: [...delta.mentions, ...graph.mentions.slice(2)] });
    expect(await reloaded.exportGraph()).toEqual(want);
    const replayed = await open(dir);
    expect(await replayed.exportGraph()).toEqual(want);
    expect(spansOf((await replayed.mentionsOfPapers(paperIds)).flat())).toEqual(spansOf(want.mentions));

    // Replacing the graph with its own export keeps every span.
    await replayed.replaceGraph(await replayed.exportGraph());
    expect(await (await open(dir)).exportGraph()).toEqual(want);
  });

  it('writes packed mentions into a snapshot as their plain records would be written', async () => {
    const [plainDir, packedDir] = [await tempDir(), await tempDir()];
    const graph = graphWithSpans();
    await writeSnapshot(plainDir, graph);
    await writeSnapshot(packedDir, { ...graph, mentions: graph.mentions.map(packMention) });
    const body = async (dir: string) => (await readFile(join(dir, 'graph.json'), 'utf8')).split('\n').slice(1);
    expect(await body(packedDir)).toEqual(await body(plainDir));
    expect(canonicalGraph((await readSnapshot(packedDir))!)).toEqual(canonicalGraph(graph));
  });

  it('serves the same spans without a data folder', async () => {
    const graph = graphWithSpans();
    const store = await open(null);
    await store.replaceGraph(graph);
    await store.applyDelta({ ...EMPTY, mentions: [{ ...graph.mentions[0]!, spans: [{ field: 'title', start: 8, end: 9 }] }] });
    const want = canonicalGraph({ ...graph, mentions: [{ ...graph.mentions[0]!, spans: [{ field: 'title', start: 8, end: 9 }] }, ...graph.mentions.slice(1)] });
    expect(await store.exportGraph()).toEqual(want);
  });
});

const EMPTY: GraphData = { papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] };
