import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { readPaperFile } from '../../src/ingest/read-files.js';
import type { GraphData } from '../../src/model.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { conceptLookupKeys } from '../../src/store/lookup.js';
import { bundledCorpusPath } from '../../src/util/package-root.js';

describe('the bundled sample corpus', () => {
  let graph: GraphData;
  const store = new MemoryStore({ dataDir: null });
  const find = async (name: string) => (await store.conceptByLookupKeys(conceptLookupKeys(name)))?.id ?? null;

  beforeAll(async () => {
    graph = buildGraph(await readPaperFile(bundledCorpusPath()));
    await store.init();
    await store.replaceGraph(graph);
  });

  it('yields its 119 papers with clean titles', () => {
    expect(graph.papers).toHaveLength(119);
    expect(graph.papers.some((p) => p.title === 'Perceiver: General Perception with Iterative Attention')).toBe(true);
    expect(graph.papers.filter((p) => /subscribe|trending papers/i.test(p.title))).toEqual([]);
  });

  it('finds one concept by acronym, long form, plural or any case', async () => {
    const groups = [
      ['MLA', 'Multi-head Latent Attention', 'multi-head latent attention', 'MULTI-HEAD LATENT ATTENTION'],
      ['CBM', 'CBMs', 'concept bottleneck models', 'Concept Bottleneck Model'],
      ['IB', 'information bottleneck', 'Information Bottlenecks'],
    ];
    for (const names of groups) {
      const ids = await Promise.all(names.map(find));
      expect(ids[0], names[0]).not.toBeNull();
      expect(new Set(ids).size, names.join(' / ')).toBe(1);
    }
  });

  it('links every paper that uses one of a concept’s names, also inside a longer term', async () => {
    const ib = graph.concepts.find((c) => c.acronym === 'IB');
    expect(ib).toBeDefined();
    const linked = new Set(graph.mentions.filter((m) => m.conceptId === ib!.id).map((m) => m.paperId));
    const names = ib!.aliases.filter((a) => a.length > 2).map((a) => a.toLowerCase());
    const using = graph.papers.filter((p) => names.some((n) => `${p.title} ${p.abstract}`.toLowerCase().includes(n)));
    expect(using.length).toBeGreaterThan(10);
    for (const paper of using) expect(linked.has(paper.id), paper.title).toBe(true);
    expect(ib!.paperCount).toBe(linked.size);
  });

  it('turns every cited code link into one repository linked to its paper', () => {
    const cited = graph.papers.filter((p) => /github\.com\/[\w.-]+\/[\w.-]+/i.test(p.abstract));
    const withCode = new Set(graph.hasCode.map((h) => h.paperId));
    expect(cited.length).toBeGreaterThan(5);
    for (const paper of cited) expect(withCode.has(paper.id), paper.title).toBe(true);
    for (const repo of graph.repositories) expect(repo.id).toBe(repo.id.toLowerCase());
  });
});
