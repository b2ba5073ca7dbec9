import { withRanking } from '../graph/ranking.js';
import type { GraphData, HasCodeRecord, PaperLink, PaperRecord, RepositoryRecord } from '../model.js';
import { buildConceptGraph } from './consolidate/index.js';
import type { PaperExtraction } from './extract/index.js';
import { findLinks } from './links/index.js';

/** A paper before its links are derived: what the pipeline stores and rebuilds from. */
export type PaperSource = Omit<PaperRecord, 'links'>;

/**
 * Derives the whole graph from the papers: links and repositories per paper, then the
 * corpus-level concept graph, ranked and clustered (`withRanking`). Pure and deterministic
 * (output order does not depend on input order).
 */
export function buildGraph(papers: readonly PaperSource[], extractions?: ReadonlyMap<string, PaperExtraction>): GraphData {
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const repositories = new Map<string, RepositoryRecord>();
  const hasCode: HasCodeRecord[] = [];
  const records: PaperRecord[] = sorted.map((paper) => {
    const links: PaperLink[] = [];
    const repoIds = new Set<string>();
    for (const link of findLinks(paper.abstract)) {
      if (link.repository) {
        repositories.set(link.repository.id, link.repository);
        repoIds.add(link.repository.id);
      } else if (link.kind !== 'code' && !links.some((l) => l.url === link.url)) {
        links.push({ url: link.url, kind: link.kind });
      }
    }
    for (const repositoryId of [...repoIds].sort()) hasCode.push({ paperId: paper.id, repositoryId });
    return { ...paper, links };
  });
  const concepts = buildConceptGraph(sorted, extractions);
  // Rank and cluster the concept graph here, once, so every store serves the same numbers.
  return withRanking({
    papers: records,
    concepts: concepts.concepts,
    repositories: [...repositories.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    mentions: concepts.mentions,
    hasCode,
    related: concepts.related,
    broader: concepts.broader,
  });
}
