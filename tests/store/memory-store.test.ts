import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { snapshotPath } from '../../src/store/memory/snapshot.js';
import { graphStoreContract } from '../contract/graph-store.contract.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-memory-');

describe('embedded store: contract', () => {
  graphStoreContract(async () => {
    const store = new MemoryStore({ dataDir: await tempDir() });
    await store.init();
    return store;
  });
});

describe('embedded store: snapshot', () => {
  it('reloads the same graph from its snapshot after a restart', async () => {
    const dir = await tempDir();
    const first = new MemoryStore({ dataDir: dir });
    await first.init();
    await first.replaceGraph(smallGraph());
    const second = new MemoryStore({ dataDir: dir });
    await second.init();
    expect(await second.stats()).toEqual(await first.stats());
    expect(await second.exportGraph()).toEqual(await first.exportGraph());
  });

  it('leaves no temporary file behind', async () => {
    const dir = await tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    await store.replaceGraph(smallGraph());
    expect(await readdir(dir)).toEqual(['graph.json']);
  });

  it('refuses a corrupt snapshot with a message naming the file, and keeps the file', async () => {
    const dir = await tempDir();
    await writeFile(snapshotPath(dir), '{"format": "paper-kg-snapshot", "version": 1, "graph": {"pap');
    const store = new MemoryStore({ dataDir: dir });
    await expect(store.init()).rejects.toThrow(/graph\.json is not valid JSON/);
    expect(await readFile(snapshotPath(dir), 'utf8')).toContain('"pap');
  });

  it('starts empty when there is no snapshot yet', async () => {
    const store = new MemoryStore({ dataDir: await tempDir() });
    await store.init();
    expect(await store.stats()).toEqual({ papers: 0, concepts: 0, repositories: 0, mentions: 0 });
  });
});
