import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { readPaperFile } from '../../src/ingest/read-files.js';
import type { GraphData } from '../../src/model.js';
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

    it('page lists alike in every order', async () => {
      for (const offset of [0, 20, 100]) {
        await same((s) => s.listPapers({ first: 20, offset }, {}));
        await same((s) => s.listConcepts({ first: 50, offset }, {}, 'PAPER_COUNT_DESC'));
        await same((s) => s.listConcepts({ first: 50, offset }, {}, 'NAME_ASC'));
      }
      await same((s) => s.listPapers({ first: 100, offset: 0 }, { hasCode: true }));
      await same((s) => s.listRepositories({ first: 100, offset: 0 }));
      for (const id of topConcepts) {
        await same((s) => s.papersOfConcept(id, false, { first: 20, offset: 0 }));
        await same((s) => s.papersOfConcept(id, true, { first: 20, offset: 0 }));
        await same((s) => s.listPapers({ first: 20, offset: 0 }, { conceptId: id }));
      }
    });

    it('traverse alike: neighbourhoods and paths', async () => {
      for (const id of topConcepts) {
        await same((s) => s.neighbourhood(id, { depth: 2, limit: 50, minWeight: 0 }));
        await same((s) => s.neighbourhood(id, { depth: 1, limit: 10, minWeight: 0.3 }));
      }
      for (let i = 0; i + 1 < topConcepts.length; i++) {
        await same((s) => s.path(topConcepts[i]!, topConcepts[topConcepts.length - 1 - i]!, 4));
      }
    });

    it('search alike', async () => {
      const queries = [...graph.concepts.slice(0, 15).map((c) => c.name), 'latent', 'github', 'attention bottleneck', 'diffusion model'];
      for (const q of queries) await same((s) => s.search(q, 10));
    });
  });
}
