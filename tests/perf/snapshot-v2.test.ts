import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalGraph } from '../../src/store/canonical.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { readSnapshot, snapshotPath, SnapshotError, writeSnapshot } from '../../src/store/memory/snapshot.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kg-snap-'));
  dirs.push(dir);
  return dir;
}

describe('the version 2 snapshot (JSON Lines, streamed)', () => {
  it('reads back exactly the graph written', async () => {
    const dir = await tempDir();
    await writeSnapshot(dir, smallGraph());
    expect(await readSnapshot(dir)).toEqual(smallGraph());
    const lines = (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'paper-kg-snapshot', version: 2 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });
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
