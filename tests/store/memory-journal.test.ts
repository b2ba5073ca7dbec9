import { copyFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphData, PaperRecord } from '../../src/model.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { applyDeltaToIndex, buildIndex } from '../../src/store/memory/graph-index.js';
import { journalPath } from '../../src/store/memory/journal.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { snapshotPath } from '../../src/store/memory/snapshot.js';
import { generatedGraph } from '../fixtures/generated-graph.fixtures.js';
import { smallDelta, smallGraphWithDelta } from '../fixtures/small-delta.fixtures.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-journal-');

/** A store over `dir`, initialised; `warnings` collects what start-up reports. */
async function open(dir: string | null, warnings: string[] = []): Promise<MemoryStore> {
  const store = new MemoryStore({ dataDir: dir, warn: (m) => warnings.push(m) });
  await store.init();
  return store;
}

/** A second delta after smallDelta(): a paper on gamma and zeta, and new figures for (alpha, zeta). */
function secondDelta(): GraphData {
  return {
    papers: [{ ...smallGraph().papers[0]!, id: 'p-f', title: 'Gamma and zeta', abstract: 'Gamma meets zeta.', contentHash: 'hash-p-f' }],
    concepts: [],
    repositories: [],
    mentions: [{ paperId: 'p-f', conceptId: 'gamma', count: 1, confidence: 0.5, inTitle: true, spans: [] }],
    hasCode: [{ paperId: 'p-f', repositoryId: 'github.com/org/three' }],
    related: [{ source: 'alpha', target: 'zeta', sharedPapers: 2, weight: 0.7 }],
    broader: [],
  };
}

/**
 * `base` with `delta` merged in by the rules of applyDelta (records replaced by key, nothing
 * removed), computed independently of any store.
 */
function merge(base: GraphData, delta: GraphData): GraphData {
  const by = <T>(list: readonly T[], more: readonly T[], key: (x: T) => string) => {
    const map = new Map(list.map((x) => [key(x), x]));
    for (const x of more) map.set(key(x), x);
    return [...map.values()];
  };
  return {
    papers: by(base.papers, delta.papers, (p) => p.id),
    concepts: by(base.concepts, delta.concepts, (c) => c.id),
    repositories: by(base.repositories, delta.repositories, (r) => r.id),
    mentions: by(base.mentions, delta.mentions, (m) => `${m.paperId} ${m.conceptId}`),
    hasCode: by(base.hasCode, delta.hasCode, (h) => `${h.paperId} ${h.repositoryId}`),
    related: by(base.related, delta.related, (r) => [r.source, r.target].sort().join(' ')),
    broader: by(base.broader, delta.broader, (b) => `${b.narrower} ${b.broader}`),
  };
}

describe('embedded store: delta journal', () => {
  it('keeps deltas across a restart: a new store over the same folder replays the journal', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.replaceGraph(smallGraph());
    await first.applyDelta(smallDelta());
    await first.applyDelta(secondDelta());
    expect((await readdir(dir)).sort()).toEqual(['graph.delta.jsonl', 'graph.json']);
    // Header and one record per delta; the snapshot was not rewritten.
    expect((await readFile(journalPath(dir), 'utf8')).trimEnd().split('\n')).toHaveLength(3);
    const warnings: string[] = [];
    const second = await open(dir, warnings);
    expect(await second.exportGraph()).toEqual(await first.exportGraph());
    expect(await second.stats()).toEqual({ papers: 6, concepts: 6, repositories: 3, mentions: 12 });
    expect(await second.relatedOfPairs([{ a: 'zeta', b: 'alpha' }])).toEqual([{ source: 'alpha', target: 'zeta', sharedPapers: 2, weight: 0.7 }]);
    expect(warnings).toEqual([]);
  });

  it('ignores and reports a torn last record, and the next delta writes over it', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.replaceGraph(smallGraph());
    await first.applyDelta(smallDelta());
    const whole = await readFile(journalPath(dir));
    await first.applyDelta(secondDelta());
    // A crash in the middle of writing the second record.
    const torn = (await readFile(journalPath(dir))).subarray(0, whole.length + 40);
    await writeFile(journalPath(dir), torn);
    const warnings: string[] = [];
    const second = await open(dir, warnings);
    expect(warnings).toEqual([expect.stringMatching(/graph\.delta\.jsonl: its last record \(line 3\) was ignored: it is cut short/)]);
    expect(await second.exportGraph()).toEqual(canonicalGraph(smallGraphWithDelta()));
    // Start-up changed no file; the next append cuts the torn bytes off first.
    expect(await readFile(journalPath(dir))).toEqual(torn);
    await second.applyDelta(secondDelta());
    const third = await open(dir, warnings);
    expect(warnings).toHaveLength(1);
    expect(await third.exportGraph()).toEqual(await first.exportGraph());
  });

  it('ignores a last record whose checksum does not match', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.replaceGraph(smallGraph());
    await first.applyDelta(smallDelta());
    const text = await readFile(journalPath(dir), 'utf8');
    await writeFile(journalPath(dir), text.replace('Zeta networks', 'Zeta netwerks'));
    const warnings: string[] = [];
    const second = await open(dir, warnings);
    expect(warnings).toEqual([expect.stringMatching(/its checksum does not match/)]);
    expect(await second.stats()).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
  });

  it('refuses to start over a damaged record followed by good ones, naming the journal and leaving it as it is', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.replaceGraph(smallGraph());
    await first.applyDelta(smallDelta());
    await first.applyDelta(secondDelta());
    const damaged = (await readFile(journalPath(dir), 'utf8')).replace('Zeta networks', 'Zeta netwerks');
    await writeFile(journalPath(dir), damaged);
    const store = new MemoryStore({ dataDir: dir });
    await expect(store.init()).rejects.toThrow(/delta journal .*graph\.delta\.jsonl has a damaged record at line 2 \(its checksum does not match\)/);
    expect(await readFile(journalPath(dir), 'utf8')).toBe(damaged);
  });

  it('a replacement writes a full snapshot and removes the journal', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.replaceGraph(smallGraph());
    await first.applyDelta(smallDelta());
    await first.replaceGraph(smallGraphWithDelta());
    expect((await readdir(dir)).sort()).toEqual(['graph.json', 'graph.json.bak']);
    const second = await open(dir);
    expect(await second.exportGraph()).toEqual(await first.exportGraph());
  });

  it('ignores a journal left by a replacement that died before removing it', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.replaceGraph(smallGraph());
    await first.applyDelta(smallDelta());
    await copyFile(journalPath(dir), join(dir, 'kept'));
    await first.replaceGraph(smallGraph());
    await copyFile(join(dir, 'kept'), journalPath(dir));
    await rm(join(dir, 'kept'));
    const warnings: string[] = [];
    const second = await open(dir, warnings);
    expect(warnings).toEqual([expect.stringMatching(/graph\.delta\.jsonl was ignored: its deltas apply to another snapshot/)]);
    expect(await second.stats()).toEqual({ papers: 4, concepts: 5, repositories: 2, mentions: 9 });
    // The next delta starts a journal for the current snapshot.
    await second.applyDelta(smallDelta());
    expect(await (await open(dir)).exportGraph()).toEqual(await second.exportGraph());
  });

  it('leaves the files and the served graph as they were when it refuses a delta', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.replaceGraph(smallGraph());
    await store.applyDelta(smallDelta());
    const [snapshot, journal, served] = [await readFile(snapshotPath(dir)), await readFile(journalPath(dir)), await store.exportGraph()];
    const broken = { ...secondDelta(), broader: [{ narrower: 'p-f', broader: 'gamma' }] };
    await expect(store.applyDelta(broken)).rejects.toThrow(/BROADER edge p-f -> gamma refers to p-f/);
    expect(await readFile(snapshotPath(dir))).toEqual(snapshot);
    expect(await readFile(journalPath(dir))).toEqual(journal);
    expect(await store.exportGraph()).toEqual(served);
  });

  it('turns a snapshot written before snapshot ids into one with an id before journaling', async () => {
    const dir = await tempDir();
    await writeFile(snapshotPath(dir), JSON.stringify({ format: 'paper-kg-snapshot', version: 1, graph: smallGraph() }));
    const first = await open(dir);
    await first.applyDelta(smallDelta());
    const header = JSON.parse((await readFile(snapshotPath(dir), 'utf8')).split('\n')[0]!) as { version: number; id?: string };
    expect(header.version).toBe(4);
    expect(JSON.parse((await readFile(journalPath(dir), 'utf8')).split('\n')[0]!)).toMatchObject({ base: header.id });
    expect(await (await open(dir)).exportGraph()).toEqual(await first.exportGraph());
  });

  it('folds a journal grown bigger than the snapshot into a new snapshot', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.replaceGraph(smallGraph());
    // Over 1 MiB of papers: more than the snapshot and the least journal worth folding.
    const papers: PaperRecord[] = Array.from({ length: 300 }, (_, i) => ({
      ...smallGraph().papers[0]!,
      id: `p-big-${i}`,
      abstract: `Alpha ${'x'.repeat(4000)} ${i}`,
    }));
    await store.applyDelta({ ...smallDelta(), papers: [...smallDelta().papers, ...papers] });
    expect((await readdir(dir)).sort()).toEqual(['graph.json', 'graph.json.bak']);
    expect((await stat(snapshotPath(dir))).size).toBeGreaterThan(300 * 4000);
    const again = await open(dir);
    expect((await again.stats()).papers).toBe(305);
    expect(await again.exportGraph()).toEqual(await store.exportGraph());
  });
});

describe('embedded store: deltas give the graph a replacement gives', () => {
  /** A generated graph with RELATED_TO pairs, cut in three: a base, and two deltas adding the rest and replacing some records. */
  function split(): { base: GraphData; deltas: GraphData[] } {
    const g = generatedGraph(60);
    const related = g.concepts.flatMap((a, i) =>
      g.concepts.slice(i + 1).map((b, j) => ({ source: a.id, target: b.id, sharedPapers: ((i + j) % 4) + 1, weight: ((i * 7 + j * 3) % 10) / 10 })),
    );
    const early = (id: string) => id < 'paper-0040';
    const oldRepos = new Set(g.repositories.slice(0, 3).map((r) => r.id));
    const base: GraphData = {
      papers: g.papers.filter((p) => early(p.id)),
      concepts: g.concepts,
      repositories: g.repositories.filter((r) => oldRepos.has(r.id)),
      mentions: g.mentions.filter((m) => early(m.paperId)),
      hasCode: g.hasCode.filter((h) => early(h.paperId) && oldRepos.has(h.repositoryId)),
      related: related.slice(0, 20),
      broader: [],
    };
    const added = g.papers.filter((p) => !early(p.id));
    const mentionsOf = (papers: PaperRecord[]) => g.mentions.filter((m) => papers.some((p) => p.id === m.paperId));
    const first: GraphData = {
      // A replaced paper too: its new title words must be found, its old ones no longer.
      papers: [...added.slice(0, 10), { ...g.papers[3]!, title: 'Rewritten heading about quasars', abstract: 'Nothing else.' }],
      concepts: g.concepts.slice(0, 4).map((c, i) => ({ ...c, paperCount: c.paperCount + 5, aliases: [...c.aliases, `extra name ${i}`], community: 1, rank: 0.01 * i })),
      repositories: [],
      // Replaced mentions of a stored paper too, and a stored paper's new concept.
      mentions: [
        ...mentionsOf(added.slice(0, 10)),
        ...mentionsOf([g.papers[1]!]).map((m) => ({ ...m, confidence: 0.05, count: 9 })),
        { ...mentionsOf([g.papers[2]!])[0]!, conceptId: g.concepts.find((c) => !mentionsOf([g.papers[2]!]).some((m) => m.conceptId === c.id))!.id },
      ],
      hasCode: [],
      related: [...related.slice(20, 30), ...related.slice(0, 5).map((r) => ({ ...r, weight: r.weight / 2, sharedPapers: r.sharedPapers + 1 }))],
      broader: [{ narrower: 'concept-1', broader: 'concept-2' }],
    };
    const second: GraphData = {
      papers: added.slice(10),
      concepts: [],
      repositories: g.repositories.filter((r) => !oldRepos.has(r.id)),
      mentions: mentionsOf(added.slice(10)),
      hasCode: g.hasCode.filter((h) => !base.hasCode.includes(h)),
      related: related.slice(30),
      broader: [],
    };
    return { base, deltas: [first, second] };
  }

  it("keeps every paper's concepts (read by similar papers) as a store built from the merged graph has them", () => {
    const { base, deltas } = split();
    /** Each paper's concept ids, sorted, as the index's per-paper arrays give them. */
    const conceptsByPaper = (index: ReturnType<typeof buildIndex>) => {
      const { offsets, ordinals } = index.paperConcepts.get();
      return new Map(
        [...index.papers.keys()].map((id) => {
          const p = index.paperOrdinals.get(id)!;
          return [id, Array.from(ordinals.subarray(offsets[p]!, offsets[p + 1]!), (c) => index.conceptOrdinals.idAt(c)).sort()];
        }),
      );
    };
    const index = buildIndex(base);
    let merged = base;
    for (const delta of deltas) {
      index.paperConcepts.get();
      applyDeltaToIndex(index, delta);
      merged = merge(merged, delta);
      expect(conceptsByPaper(index)).toEqual(conceptsByPaper(buildIndex(merged)));
    }
  });

  it('answers every read as a store replaced with the merged graph does', async () => {
    const { base, deltas } = split();
    const merged = deltas.reduce(merge, base);
    const dir = await tempDir();
    const incremental = await open(dir);
    await incremental.replaceGraph(base);
    await incremental.warm(); // the search index is then updated in place, not built after the deltas
    await incremental.papersOfConcept('concept-2', true, { first: 5, after: null });
    await incremental.path('concept-1', 'concept-2', 3);
    for (const delta of deltas) {
      // Similar papers read every paper's concepts: the first delta (a stored paper's mentions)
      // drops them, the second (new papers only) appends to them.
      await incremental.similarPapers(base.papers[0]!.id, 3);
      await incremental.applyDelta(delta);
    }
    const full = await open(null);
    await full.replaceGraph(merged);
    const restarted = await open(dir);

    for (const store of [incremental, restarted]) {
      const same = async (read: (s: MemoryStore) => Promise<unknown>) => expect(await read(store)).toEqual(await read(full));
      await same((s) => s.exportGraph());
      await same((s) => s.stats());
      const conceptIds = merged.concepts.map((c) => c.id);
      const paperIds = merged.papers.map((p) => p.id);
      await same((s) => s.mentionsOfPapers(paperIds));
      await same((s) => s.repositoriesOfPapers(paperIds));
      await same((s) => s.relatedOfConcepts(conceptIds, 20));
      await same((s) => s.broaderOfConcepts(conceptIds));
      await same((s) => s.narrowerOfConcepts(conceptIds));
      await same((s) => s.papersOfRepositories(merged.repositories.map((r) => r.id)));
      await same((s) => s.listCommunities({ first: 10, after: null }));
      await same((s) => s.conceptsOfCommunities([1, 2, 3], 20));
      await same((s) => s.papersOfConcept('concept-2', true, { first: 50, after: null }));
      await same((s) => s.path('concept-1', 'concept-2', 3));
      await same((s) => s.neighbourhood('concept-1', { depth: 2, limit: 50, minWeight: 0, papers: true, repositories: true }));
      await same((s) => s.conceptsByLookupKeys([['extra name 2'], ['concept 3'], ['nope']]));
      await same((s) => s.relatedOfPairs(merged.related.map((r) => ({ a: r.target, b: r.source }))));
      await same((s) => Promise.all(paperIds.map((id) => s.similarPapers(id, 10))));
      for (const q of ['quasars', 'heading', 'paper 3', 'concept', 'extra name', 'repo-4', 'conc', 'concpt']) await same((s) => s.search(q, 20));
    }
    expect((await incremental.search('quasars', 5)).map((h) => h.kind === 'PAPER' && h.paper.id)).toEqual(['paper-0003']);
  });
});
