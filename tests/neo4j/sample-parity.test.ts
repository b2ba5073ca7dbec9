import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseJsonExport, toJsonExport } from '../../src/export/index.js';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { readPaperFile } from '../../src/ingest/read-files.js';
import type { GraphData } from '../../src/model.js';
import type { ListPage, SortKey } from '../../src/store/graph-store.js';
import { conceptLookupKeys } from '../../src/store/lookup.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { Neo4jStore } from '../../src/store/neo4j/index.js';
import { bundledCorpusPath } from '../../src/util/package-root.js';

const uri = inject('neo4jUri') ?? process.env.NEO4J_URI ?? null;

/** Rounds every number so float sums computed in different orders compare equal to 1e-9. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));
}

if (!uri) {
  it('runs without Neo4j only when it is not required', () => {
    expect(process.env.REQUIRE_NEO4J).not.toBe('1');
  });
} else {
  describe('embedded and Neo4j stores on the sample corpus', () => {
    let graph: GraphData;
    const memory = new MemoryStore({ dataDir: null });
    const neo = new Neo4jStore({ uri, user: 'neo4j', password: 'neo4j', database: 'neo4j' });
    let paperIds: string[];
    let conceptIds: string[];
    let topConcepts: string[];

    /** Asks both stores the same question and expects the same answer. */
    async function same<T>(ask: (s: MemoryStore | Neo4jStore) => Promise<T>): Promise<T> {
      const [a, b] = await Promise.all([ask(memory), ask(neo)]);
      expect(rounded(b)).toEqual(rounded(a));
      return a;
    }

    beforeAll(async () => {
      graph = buildGraph(await readPaperFile(bundledCorpusPath()));
      await Promise.all([memory.init(), neo.init()]);
      await memory.replaceGraph(graph);
      await neo.replaceGraph(graph);
      paperIds = graph.papers.map((p) => p.id);
      conceptIds = graph.concepts.map((c) => c.id);
      topConcepts = [...graph.concepts].sort((a, b) => b.paperCount - a.paperCount || (a.id < b.id ? -1 : 1)).slice(0, 25).map((c) => c.id);
    });
    afterAll(() => neo.close());

    it('hold the same nodes and counts', async () => {
      const stats = await same((s) => s.stats());
      expect(stats.papers).toBe(119);
      await same((s) => s.allPapers());
      await same((s) => s.conceptsByIds(conceptIds));
      await same((s) => s.repositoriesByIds(graph.repositories.map((r) => r.id)));
    });

    it("give the same papers' mentions, repositories and similar papers", async () => {
      await same((s) => s.mentionsOfPapers(paperIds));
      await same((s) => s.repositoriesOfPapers(paperIds));
      for (const id of paperIds) await same((s) => s.similarPapers(id, 10));
    });

    it("give the same concepts' related, broader, narrower and repositories", async () => {
      await same((s) => s.relatedOfConcepts(conceptIds, 10));
      await same((s) => s.broaderOfConcepts(conceptIds));
      await same((s) => s.narrowerOfConcepts(conceptIds));
      await same((s) => s.repositoriesOfConcepts(conceptIds));
      await same((s) => s.papersOfRepositories(graph.repositories.map((r) => r.id)));
      await same((s) => s.conceptsOfRepositories(graph.repositories.map((r) => r.id)));
    });

    it('find every concept by every alias alike', async () => {
      for (const concept of graph.concepts) {
        for (const alias of concept.aliases) {
          await same((s) => s.conceptByLookupKeys(conceptLookupKeys(alias)));
        }
      }
    });

    it('page lists alike in every order, page after page', async () => {
      /** Walks a whole list page by page in both stores, expecting the same pages. */
      async function walk<T>(list: (s: MemoryStore | Neo4jStore, after: SortKey | null) => Promise<ListPage<T>>) {
        let after: SortKey | null = null;
        for (let n = 0; n < 50; n++) {
          const p: ListPage<T> = await same((s) => list(s, after));
          if (!p.hasNextPage) return;
          after = p.keys.at(-1)!;
        }
      }
      await walk((s, after) => s.listPapers({ first: 40, after }, {}, 'ID_ASC'));
      await walk((s, after) => s.listPapers({ first: 40, after }, {}, 'TITLE_ASC'));
      await walk((s, after) => s.listPapers({ first: 40, after }, {}, 'YEAR_DESC'));
      await walk((s, after) => s.listPapers({ first: 10, after }, { search: 'latent attention' }, 'RELEVANCE'));
      await walk((s, after) => s.listConcepts({ first: 100, after }, {}, 'PAPER_COUNT_DESC'));
      await walk((s, after) => s.listConcepts({ first: 100, after }, {}, 'NAME_ASC'));
      await walk((s, after) => s.listConcepts({ first: 100, after }, {}, 'RANK_DESC'));
      await walk((s, after) => s.listConcepts({ first: 20, after }, { community: 2, minPapers: 2 }, 'RANK_DESC'));
      await walk((s, after) => s.listCommunities({ first: 5, after }));
      await same((s) => s.listPapers({ first: 100, after: null }, { hasCode: true }, 'ID_ASC'));
      await same((s) => s.listRepositories({ first: 100, after: null }));
      for (const id of topConcepts) {
        await same((s) => s.papersOfConcept(id, false, { first: 20, after: null }));
        await same((s) => s.papersOfConcept(id, true, { first: 20, after: null }));
        await same((s) => s.listPapers({ first: 20, after: null }, { conceptIds: [id] }, 'ID_ASC'));
        await same((s) => s.listPapers({ first: 20, after: null }, { conceptIds: [id, topConcepts[0]!] }, 'YEAR_DESC'));
      }
    });

    it('rank and cluster alike', async () => {
      const communities = await same((s) => s.listCommunities({ first: 100, after: null }));
      const cids = communities.items.map((c) => c.id);
      expect(cids.length).toBeGreaterThan(1);
      await same((s) => s.communitiesByIds(cids));
      await same((s) => s.conceptsOfCommunities(cids, 10));
      await same((s) => s.papersOfCommunities(cids, 10));
    });

    it('relate, look up and export alike', async () => {
      await same((s) => s.relatedOfConcepts(conceptIds, 10, 2));
      await same((s) => s.relatedOfConcepts(conceptIds, 5, 3));
      await same((s) => s.conceptsByLookupKeys(graph.concepts.flatMap((c) => c.aliases).slice(0, 100).map(conceptLookupKeys)));
      const pairs = graph.related.slice(0, 200).map((r) => ({ a: r.source, b: r.target }));
      await same((s) => s.papersOfConceptPairs(pairs, 5));
      await same((s) => s.papersOfConceptPairs(graph.broader.map((b) => ({ a: b.narrower, b: b.broader })), 5));
      const exported = await same((s) => s.exportGraph());
      expect(exported.concepts.every((c) => c.rank !== undefined && c.community !== undefined)).toBe(true);
    });

    it('import the other store\'s json export as the same graph', async () => {
      const text = toJsonExport(await memory.exportGraph());
      await neo.replaceGraph({ papers: [], concepts: [], repositories: [], mentions: [], hasCode: [], related: [], broader: [] });
      await neo.replaceGraph(parseJsonExport(text));
      expect(toJsonExport(await neo.exportGraph())).toBe(text);
    });

    it('traverse alike: neighbourhoods and paths', async () => {
      for (const id of topConcepts) {
        await same((s) => s.neighbourhood(id, { depth: 2, limit: 50, minWeight: 0 }));
        await same((s) => s.neighbourhood(id, { depth: 1, limit: 10, minWeight: 0.3 }));
      }
      for (let i = 0; i + 1 < topConcepts.length; i++) {
        await same((s) => s.path(topConcepts[i]!, topConcepts[topConcepts.length - 1 - i]!, 4));
      }
      for (let i = 0; i < 8; i++) {
        await same((s) => s.paths(topConcepts[i]!, topConcepts[topConcepts.length - 1 - i]!, 4, 5));
      }
      for (const id of topConcepts.slice(0, 10)) {
        await same((s) => s.neighbourhood(id, { depth: 2, limit: 30, minWeight: 0.1, perHop: 10, papers: true, repositories: true }));
      }
    });

    it('search alike', async () => {
      const queries = [
        ...graph.concepts.slice(0, 15).map((c) => c.name),
        'latent', 'github', 'attention bottleneck', 'diffusion model',
        // Prefixes and typos.
        'bottlenck', 'informaton bottleneck', 'atten', 'diffusion modle', 'transfor', 'mla', 'lat att', 'kv cach',
      ];
      for (const q of queries) await same((s) => s.search(q, 10));
    });
  });
}
