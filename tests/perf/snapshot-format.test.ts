import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalGraph } from '../../src/store/canonical.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { readSnapshot, snapshotPath, SnapshotError, writeSnapshot } from '../../src/store/memory/snapshot.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-snap-');

describe('the version 3 snapshot (JSON Lines, streamed)', () => {
  it('reads back exactly the graph written', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph(), 3);
    expect(canonicalGraph((await readSnapshot(dir))!)).toEqual(canonicalGraph(smallGraph()));
    const lines = (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'paper-kg-snapshot', version: 3 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });
  });

  it('names the nodes of an edge by position, and keeps edges in the order the store lists them', async () => {
    const dir = await tempDir();
    const graph = smallGraph();
    await writeSnapshot(dir, graph, 3);
    const rows = (await readFile(snapshotPath(dir), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(1, -1)
      .map((l) => JSON.parse(l) as { s: string; r: unknown[][] });
    const mentions = rows.filter((c) => c.s === 'mentions').flatMap((c) => c.r);
    expect(mentions.length).toBe(graph.mentions.length);
    for (const m of mentions) {
      expect(graph.papers[m[0] as number]).toBeDefined();
      expect(graph.concepts[m[1] as number]).toBeDefined();
    }
    const confidences = mentions.map((m) => m[3] as number);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    const weights = rows.filter((c) => c.s === 'related').flatMap((c) => c.r.map((r) => r[3] as number));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('refuses an edge naming a node position the snapshot does not hold', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph(), 3);
    const lines = (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"s":"mentions"'));
    const chunk = JSON.parse(lines[at]!) as { s: string; r: unknown[][] };
    chunk.r[0]![0] = 9999;
    lines[at] = JSON.stringify(chunk);
    await writeFile(snapshotPath(dir), `${lines.join('\n')}\n`);
    await expect(readSnapshot(dir)).rejects.toThrow(/refers to papers number 9999/);
  });

  it('still reads a version 2 snapshot (edges naming nodes by id)', async () => {
    const dir = await tempDir();
    const graph = smallGraph();
    const v2 = [
      { format: 'paper-kg-snapshot', version: 2, id: 'v2' },
      { s: 'papers', r: graph.papers },
      { s: 'concepts', r: graph.concepts },
      { s: 'repositories', r: graph.repositories },
      {
        s: 'mentions',
        r: graph.mentions.map((m) => [m.paperId, m.conceptId, m.count, m.confidence, m.inTitle ? 1 : 0, m.spans.flatMap((x) => [x.field === 'title' ? 0 : 1, x.start, x.end])]),
      },
      { s: 'hasCode', r: graph.hasCode.map((h) => [h.paperId, h.repositoryId]) },
      { s: 'related', r: graph.related.map((r) => [r.source, r.target, r.sharedPapers, r.weight]) },
      { s: 'broader', r: graph.broader.map((b) => [b.narrower, b.broader]) },
      {
        end: true,
        counts: Object.fromEntries(
          (['papers', 'concepts', 'repositories', 'mentions', 'hasCode', 'related', 'broader'] as const).map((k) => [k, graph[k].length]),
        ),
      },
    ];
    await writeFile(snapshotPath(dir), v2.map((l) => `${JSON.stringify(l)}\n`).join(''));
    expect(await readSnapshot(dir)).toEqual(graph);
  });

  it('refuses a file cut at a line boundary (no end marker) as not valid JSON', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph());
    const lines = (await readFile(snapshotPath(dir), 'utf8')).split('\n');
    await writeFile(snapshotPath(dir), `${lines.slice(0, 3).join('\n')}\n`);
    await expect(readSnapshot(dir)).rejects.toThrow(SnapshotError);
    await expect(readSnapshot(dir)).rejects.toThrow(/is not valid JSON \(it ends before its end marker/);
  });

  it('still reads a version 1 snapshot', async () => {
    const dir = await tempDir();
    await writeFile(snapshotPath(dir), JSON.stringify({ format: 'paper-kg-snapshot', version: 1, graph: smallGraph() }));
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    expect(await store.exportGraph()).toEqual(canonicalGraph(smallGraph()));
  });
});
