import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { IngestService, IngestWriteError } from '../../src/ingest/ingest-service.js';
import { toPaperSource } from '../../src/ingest/paper-input.js';
import type { GraphData } from '../../src/model.js';
import { serve } from '../../src/server/bootstrap.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { backupPath, snapshotPath, SnapshotError } from '../../src/store/memory/snapshot.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { generatedCorpus } from './corpus.fixtures.js';
import { ADMIN_TOKEN, codes, startServer } from './hardening-harness.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-safety-');

const sources = (n: number, seed = 7) => generatedCorpus(n, seed).map((p) => toPaperSource(p, 'test'));

/** The graph a clean ingest of `papers` into an empty store gives. */
async function cleanGraph(papers: ReturnType<typeof sources>): Promise<GraphData> {
  const store = new MemoryStore({ dataDir: null });
  await store.init();
  await new IngestService(store).ingest(papers);
  return store.exportGraph();
}

/**
 * A store whose next `replaceGraph` dies the way a lost Neo4j connection does midway through:
 * the papers (written first) are committed, nothing after them is, and the call fails.
 */
function dyingStore(inner: MemoryStore): GraphStore & { dieOnce(): void } {
  let die = false;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'dieOnce') return () => void (die = true);
      if (prop === 'replaceGraph') {
        return async (graph: GraphData) => {
          if (!die) return target.replaceGraph(graph);
          die = false;
          await target.replaceGraph({ ...graph, concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] });
          throw new StoreUnavailableError('Neo4j at bolt://x is unavailable: the connection was lost', 'SessionExpired');
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as GraphStore & { dieOnce(): void };
}

describe('concurrent ingests', () => {
  it('serialises them: two ingests started together both keep their papers', async () => {
    const store = new MemoryStore({ dataDir: await tempDir() });
    await store.init();
    const service = new IngestService(store);
    const [a, b] = [sources(20, 1), sources(20, 2)];
    const reports = await Promise.all([service.ingest(a), service.ingest(b), service.ingest(a.slice(0, 5))]);
    expect(reports.map((r) => r.papersAdded)).toEqual([20, 20, 0]);
    expect((await store.stats()).papers).toBe(40);
    expect(await store.exportGraph()).toEqual(await cleanGraph([...a, ...b]));
  });

  it('over HTTP: concurrent ingestPapers and deletePaper mutations lose nothing', async () => {
    const s = await startServer(null);
    try {
      const mutation = 'mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { papersAdded } }';
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const batches = [1, 2, 3, 4].map((seed) => generatedCorpus(10, seed));
      const replies = await Promise.all(batches.map((p) => s.gql(mutation, { p }, auth)));
      expect(replies.map((r) => r.body.data.ingestPapers.papersAdded)).toEqual([10, 10, 10, 10]);
      const [deleted, added] = await Promise.all([
        s.gql('mutation { deletePaper(id: "gen-1-0") }', {}, auth),
        s.gql(mutation, { p: generatedCorpus(10, 5) }, auth),
      ]);
      expect([deleted.body.data.deletePaper, added.body.data.ingestPapers.papersAdded]).toEqual([true, 10]);
      expect(await s.readyWith()).toEqual({ ready: 200, papers: 49 });
    } finally {
      await s.close();
    }
  });
});

describe('a write that fails midway', () => {
  it('reports SERVICE_UNAVAILABLE with no paper written, and sending it again completes it without duplicates', async () => {
    const inner = new MemoryStore({ dataDir: null });
    await inner.init();
    await inner.replaceGraph(smallGraph());
    const store = dyingStore(inner);
    const s = await startServer(null, { store });
    try {
      const mutation = 'mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { papersAdded papersUnchanged writtenPaperIds } }';
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const papers = generatedCorpus(12, 3);
      store.dieOnce();
      const failed = await s.gql(mutation, { p: papers }, auth);
      expect([failed.status, codes(failed)]).toEqual([503, ['SERVICE_UNAVAILABLE']]);
      expect(failed.body.errors[0].extensions.writtenPaperIds).toEqual([]);
      expect(failed.body.errors[0].message).toMatch(/send it again/);
      expect((await s.request('/readyz')).status).toBe(200);

      // The papers went in before the failure, so they look unchanged; the graph is rebuilt all the same.
      const again = await s.gql(mutation, { p: papers }, auth);
      expect(again.body.data.ingestPapers).toMatchObject({ papersAdded: 0, papersUnchanged: 12 });
      const expected = await cleanGraph([
        ...smallGraph().papers.map(({ links: _l, ...p }) => p),
        ...papers.map((p) => toPaperSource(p, 'api')),
      ]);
      expect(await inner.exportGraph()).toEqual(expected);
      expect(await s.readyWith()).toEqual({ ready: 200, papers: 16 });
    } finally {
      await s.close();
    }
  });

  it('in another process, a verifying re-run (the ingest command) finds the half-written graph and completes it', async () => {
    const inner = new MemoryStore({ dataDir: null });
    await inner.init();
    const store = dyingStore(inner);
    const papers = sources(30, 4);
    store.dieOnce();
    await expect(new IngestService(store).ingest(papers)).rejects.toThrow(IngestWriteError);
    expect((await inner.stats()).papers).toBe(30); // half-written: papers without their graph

    // A fresh service knows nothing of the failure: without verify, nothing looks changed.
    expect((await new IngestService(store).ingest(papers)).repaired).toBeUndefined();
    const rerun = await new IngestService(store).ingest(papers, { verify: true });
    expect(rerun).toMatchObject({ papersAdded: 0, papersUnchanged: 30, repaired: true });
    expect(await inner.exportGraph()).toEqual(await cleanGraph(papers));
    // Once complete, verifying finds nothing to do.
    expect((await new IngestService(store).ingest(papers, { verify: true })).repaired).toBeUndefined();
  });

  it('the embedded store refuses a graph that is not one before writing anything, file and memory alike', async () => {
    const dir = await tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    await store.replaceGraph(smallGraph());
    const before = await readFile(snapshotPath(dir), 'utf8');
    const graph = smallGraph();
    await expect(store.replaceGraph({ ...graph, mentions: [...graph.mentions, { ...graph.mentions[0]!, conceptId: 'missing' }] })).rejects.toThrow();
    expect(await readFile(snapshotPath(dir), 'utf8')).toBe(before);
    expect(await store.exportGraph()).toEqual(await (async () => {
      const fresh = new MemoryStore({ dataDir: null });
      await fresh.replaceGraph(smallGraph());
      return fresh.exportGraph();
    })());
  });
});

describe('the embedded snapshot', () => {
  it('keeps the previous good snapshot as graph.json.bak on every write', async () => {
    const dir = await tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    await store.replaceGraph(smallGraph());
    const first = await readFile(snapshotPath(dir), 'utf8');
    await store.replaceGraph(buildGraph(sources(5)));
    expect(await readFile(backupPath(dir), 'utf8')).toBe(first);
    expect((await readdir(dir)).sort()).toEqual(['graph.json', 'graph.json.bak']);
  });

  it('refuses to start on a corrupt snapshot, says how to restore the backup, and leaves both files as they were', async () => {
    const dir = await tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    await store.replaceGraph(smallGraph());
    await store.replaceGraph(buildGraph(sources(5)));
    const good = await readFile(snapshotPath(dir), 'utf8');
    const backup = await readFile(backupPath(dir), 'utf8');
    const damaged = good.slice(0, Math.floor(good.length / 2));
    await writeFile(snapshotPath(dir), damaged);

    const reopened = new MemoryStore({ dataDir: dir });
    const error = await reopened.init().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toMatch(/refusing to start: the snapshot .*graph\.json is not valid JSON/);
    expect((error as Error).message).toContain(`cp ${backupPath(dir)} ${snapshotPath(dir)}`);
    expect(await readFile(snapshotPath(dir), 'utf8')).toBe(damaged);
    expect(await readFile(backupPath(dir), 'utf8')).toBe(backup);

    // The server refuses to start too, instead of seeding over it.
    await expect(serve(loadConfig({ KG_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' }), () => {})).rejects.toThrow(SnapshotError);
    expect(await readFile(snapshotPath(dir), 'utf8')).toBe(damaged);

    // Following the message brings back the last good graph.
    await writeFile(snapshotPath(dir), backup);
    const restored = new MemoryStore({ dataDir: dir });
    await restored.init();
    expect((await restored.stats()).papers).toBe(4);
  });

  it('refuses a snapshot whose edges point at missing nodes', async () => {
    const dir = await tempDir();
    const graph = smallGraph();
    const body = { format: 'paper-kg-snapshot', version: 1, graph: { ...graph, mentions: [{ ...graph.mentions[0]!, paperId: 'ghost' }] } };
    await writeFile(snapshotPath(dir), JSON.stringify(body));
    await expect(new MemoryStore({ dataDir: dir }).init()).rejects.toThrow(/does not hold a consistent graph/);
  });

  it('refuses to start empty when graph.json is gone but a backup exists', async () => {
    const dir = await tempDir();
    await writeFile(backupPath(dir), '{}');
    await expect(new MemoryStore({ dataDir: dir }).init()).rejects.toThrow(/graph\.json is missing but .*graph\.json\.bak exists/);
  });

  it('removes the temporary files of a write that crashed, and loads the last whole snapshot', async () => {
    const dir = await tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    await store.replaceGraph(smallGraph());
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    await writeFile(join(dir, `graph.json.${deadPid}.1.tmp`), '{"format": "paper-kg-snap');
    const reopened = new MemoryStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.stats()).papers).toBe(4);
    expect(await readdir(dir)).toEqual(['graph.json']);
  });

  it('writes concurrent replacements one after the other, ending with the last one', async () => {
    const dir = await tempDir();
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    const graphs = [1, 2, 3, 4].map((seed) => buildGraph(sources(8, seed)));
    await Promise.all(graphs.map((g) => store.replaceGraph(g)));
    const reopened = new MemoryStore({ dataDir: dir });
    await reopened.init();
    expect((await reopened.allPapers()).map((p) => p.id)).toEqual(graphs[3]!.papers.map((p) => p.id));
  });
});

describe('the extraction cache', () => {
  it('holds only the current papers after every rebuild', async () => {
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    const service = new IngestService(store);
    const papers = sources(20);
    await service.ingest(papers);
    expect(service.cachedExtractions).toBe(20);
    // Ten papers change: their old extractions are dropped.
    await service.ingest(papers.slice(0, 10).map((p) => ({ ...p, abstract: `${p.abstract} Revised.`, contentHash: `${p.contentHash}-v2` })));
    expect(service.cachedExtractions).toBe(20);
    await service.deletePaper(papers[15]!.id);
    expect(service.cachedExtractions).toBe(19);
  });
});
