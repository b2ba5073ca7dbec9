import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RelatedRecord } from '../../src/model.js';
import { RelatedColumnsBuilder, relatedColumnsOf, RelatedLists, relatedRecordsOf } from '../../src/store/memory/related-lists.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { readSnapshot, readSnapshotFile, snapshotPath, SnapshotError, writeSnapshot } from '../../src/store/memory/snapshot.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { compareIds } from '../../src/store/ordering.js';
import { Ordinals } from '../../src/store/search-index.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface Entry {
  other: string;
  sharedPapers: number;
  weight: number;
  out: boolean;
}

/** The entries of `id` by reading the records one by one, in read order: the reference the columns must match. */
function reference(records: readonly RelatedRecord[], id: string): Entry[] {
  const entries: Entry[] = [];
  for (const r of records) {
    if (r.source === id) entries.push({ other: r.target, sharedPapers: r.sharedPapers, weight: r.weight, out: true });
    if (r.target === id) entries.push({ other: r.source, sharedPapers: r.sharedPapers, weight: r.weight, out: false });
  }
  return entries.sort((a, b) => b.weight - a.weight || b.sharedPapers - a.sharedPapers || compareIds(a.other, b.other));
}

/** The list of `id` as entries, in read order. */
function entriesOf(lists: RelatedLists, id: string): Entry[] {
  const list = lists.get(id);
  const out: Entry[] = [];
  for (let i = 0; i < (list?.length ?? 0); i++) {
    out.push({ other: lists.idOf(list!.otherAt(i)), sharedPapers: list!.sharedAt(i), weight: list!.weightAt(i), out: list!.outAt(i) });
  }
  return out;
}

/** Deterministic pseudo-random records over `n` concepts, with ties in weight and pairs stored more than once. */
function randomRecords(n: number, count: number, seed: number): RelatedRecord[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(3, '0')}`);
  const records: RelatedRecord[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = [ids[Math.floor(next() * n)]!, ids[Math.floor(next() * n)]!];
    if (a === b) continue;
    const [source, target] = compareIds(a, b) < 0 ? [a, b] : [b, a];
    records.push({ source, target, sharedPapers: 1 + Math.floor(next() * 4), weight: Math.floor(next() * 5) / 4 });
  }
  records.push({ ...records[0]!, weight: 0.123 });
  return records;
}

/** Lists of `records`, built as a load builds them. */
function listsOf(records: readonly RelatedRecord[], ordinals = new Ordinals()): RelatedLists {
  return new RelatedLists(ordinals, [relatedColumnsOf(records, ordinals)]);
}

const canonical = (records: readonly RelatedRecord[]) =>
  [...records].sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target) || a.weight - b.weight || a.sharedPapers - b.sharedPapers);

describe('RELATED_TO lists as columns', () => {
  const records = randomRecords(60, 3000, 7);
  const ids = [...new Set(records.flatMap((r) => [r.source, r.target]))];

  it('reads each list by weight, then shared papers, then the other id, exactly as the records say', () => {
    const lists = listsOf(records, new Ordinals(ids));
    for (const id of ids) expect(entriesOf(lists, id)).toEqual(reference(records, id));
    expect(lists.lengthOf('nope')).toBe(0);
    expect(lists.get('nope')).toBeUndefined();
  });

  it('gives the records back, a pair stored twice twice', () => {
    const lists = listsOf(records);
    expect(canonical(lists.records())).toEqual(canonical(records));
  });

  it('finds the entries of a pair by bisection, in read order', () => {
    const lists = listsOf(records, new Ordinals(ids));
    const twice = records[0]!;
    const found = lists.between(twice.source, twice.target);
    const stored = records.filter((r) => r.source === twice.source && r.target === twice.target).length;
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(found).toHaveLength(stored);
    const list = lists.get(twice.source)!;
    expect(found.map((i) => lists.idOf(list.otherAt(i)))).toEqual(Array(stored).fill(twice.target));
    expect([...found].sort((x, y) => x - y)).toEqual(found);
    for (const id of ids.slice(0, 10)) {
      for (const other of ids.slice(0, 10)) {
        const want = reference(records, id).filter((e) => e.other === other);
        const got = lists.between(id, other).map((i) => lists.get(id)!.weightAt(i));
        expect(got).toEqual(want.map((e) => e.weight));
      }
    }
    expect(lists.between(twice.source, 'nope')).toEqual([]);
  });

  it('puts a delta in place of the entries it replaces, and reads the lists in order again', () => {
    const lists = listsOf(records, new Ordinals(ids));
    lists.sortAll();
    const [a, b] = [records[5]!, records[0]!];
    const delta: RelatedRecord[] = [
      { ...a, sharedPapers: 9, weight: 0.99 },
      { ...b, sharedPapers: 1, weight: 0.01 },
      { source: 'c000', target: 'new-concept', sharedPapers: 2, weight: 0.5 },
    ];
    const touched = lists.upsert(delta);
    expect(new Set(touched)).toEqual(new Set([a.source, a.target, b.source, b.target, 'c000', 'new-concept']));
    const key = (r: RelatedRecord) => `${r.source} ${r.target}`;
    const replaced = new Set(delta.map(key));
    const want = [...records.filter((r) => !replaced.has(key(r))), ...delta];
    for (const id of [...ids, 'new-concept']) expect(entriesOf(lists, id)).toEqual(reference(want, id));
    expect(canonical(lists.records())).toEqual(canonical(want));
    expect(lists.between(b.source, b.target)).toHaveLength(1);
    expect(lists.others('new-concept')).toEqual(['c000']);
  });

  it('builds lists from several sets of columns as from their records together', () => {
    const ordinals = new Ordinals(ids);
    const builder = new RelatedColumnsBuilder();
    const [first, rest] = [records.slice(0, 2000), records.slice(2000)];
    for (const r of first) builder.push(ordinals.of(r.source), ordinals.of(r.target), r.sharedPapers, r.weight);
    expect(builder.size).toBe(first.length);
    const columns = builder.build();
    expect(relatedRecordsOf(columns, (n) => ordinals.idAt(n))).toEqual(first);
    const lists = new RelatedLists(ordinals, [columns, relatedColumnsOf(rest, ordinals)]);
    for (const id of ids) expect(entriesOf(lists, id)).toEqual(reference(records, id));
  });
});

describe('RELATED_TO records read from a snapshot as columns', () => {
  it('reads every record of a version 3 snapshot into columns, by concept position', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-related-'));
    dirs.push(dir);
    const graph = smallGraph();
    await writeSnapshot(dir, graph, 3);
    const read = (await readSnapshotFile(dir, true))!;
    expect(read.graph.related).toEqual([]);
    const records = relatedRecordsOf(read.related!, (n) => read.graph.concepts[n]!.id);
    expect(canonical(records)).toEqual(canonical(graph.related));
    // Read as records when not asked for columns.
    expect(canonicalGraph((await readSnapshot(dir))!)).toEqual(canonicalGraph(graph));
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    expect(await store.exportGraph()).toEqual(canonicalGraph(graph));
  });

  it('refuses a record naming a concept position the snapshot does not hold', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-related-'));
    dirs.push(dir);
    await writeSnapshot(dir, smallGraph(), 3);
    const lines = (await readFile(snapshotPath(dir), 'utf8')).trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"s":"related"'));
    const chunk = JSON.parse(lines[at]!) as { s: string; r: unknown[][] };
    chunk.r[0]![1] = 9999;
    lines[at] = JSON.stringify(chunk);
    await writeFile(snapshotPath(dir), `${lines.join('\n')}\n`);
    await expect(readSnapshotFile(dir, true)).rejects.toThrow(/refers to concepts number 9999/);
    await expect(new MemoryStore({ dataDir: dir }).init()).rejects.toThrow(SnapshotError);
  });
});
