import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { readPaperFile } from '../../src/ingest/read-files.js';
import type { SearchHit } from '../../src/store/graph-store.js';
import { rankHits } from '../../src/store/algorithms.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { conceptSearchDoc, paperSearchDoc, parseSearchQuery, scoreConcept, scorePaper, scoreRepository } from '../../src/store/search-scoring.js';
import { bundledCorpusPath } from '../../src/util/package-root.js';

const label = (h: SearchHit) => `${h.kind}:${h.kind === 'CONCEPT' ? h.concept.id : h.kind === 'PAPER' ? h.paper.id : h.repository.id}:${h.score}`;

describe('embedded search on the bundled corpus', () => {
  // Papers in id order (as a snapshot holds them: ties at the cut are then passed over by
  // ordinal), in id order but for the first ten coming last (as after a delta), and shuffled
  // (told apart by id one at a time).
  it.each(['in id order', 'in id order, the first ten last', 'shuffled'])('answers as scoring every concept, paper and repository would, ties and last bits included (papers %s)', async (order) => {
    const graph = buildGraph(await readPaperFile(bundledCorpusPath()));
    const key = (id: string) => (order === 'shuffled' ? [...id].reverse().join('') : id);
    graph.papers.sort((a, b) => (key(a.id) < key(b.id) ? -1 : 1));
    if (order === 'in id order, the first ten last') graph.papers.push(...graph.papers.splice(0, 10));
    const store = new MemoryStore({ dataDir: null });
    await store.init();
    await store.replaceGraph(graph);
    // Names, words, phrases whose papers and concepts score alike on paper but not in their last
    // bit ("diffusion model": 5/6 + 1 for a paper, 1.5 + 0.5 x 2/3 for a concept), prefixes,
    // typos, short last words.
    const queries = [
      ...graph.concepts.slice(0, 25).map((c) => c.name),
      'diffusion model', 'attention bottleneck', 'latent', 'github', 'bottlenck', 'informaton bottleneck',
      'atten', 'lat att', 'kv cach', 'resnet-50', 'model a', 'the art of', 'information bottleneck method',
      // Words most papers hold: thousands of papers tie at the cut.
      'the', 'and', 'of the', 'we', 'a',
    ];
    for (const query of queries) {
      const q = parseSearchQuery(query);
      const all: SearchHit[] = [];
      for (const concept of graph.concepts) {
        const score = scoreConcept(q, conceptSearchDoc(concept));
        if (score > 0) all.push({ kind: 'CONCEPT', score, concept });
      }
      for (const paper of graph.papers) {
        const score = scorePaper(q, paperSearchDoc(paper));
        if (score > 0) all.push({ kind: 'PAPER', score, paper });
      }
      for (const repository of graph.repositories) {
        const score = scoreRepository(q, repository);
        if (score > 0) all.push({ kind: 'REPOSITORY', score, repository });
      }
      for (const first of [1, 10]) {
        expect((await store.search(query, first)).map(label), `${query} / ${first}`).toEqual(rankHits(all, first).map(label));
      }
    }
  });
});
