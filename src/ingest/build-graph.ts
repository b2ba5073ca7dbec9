import { withRanking } from '../graph/ranking.js';
import type { GraphData, HasCodeRecord, PaperLink, PaperRecord, RelatedRecord, RepositoryRecord } from '../model.js';
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
  const { records, repositories, hasCode } = paperLinks(sorted);
  const concepts = buildConceptGraph(sorted, extractions);
  // Rank and cluster the concept graph here, once, so every store serves the same numbers.
  return withRanking({
    papers: records,
    concepts: concepts.concepts,
    repositories,
    mentions: concepts.mentions,
    hasCode,
    related: budgetRelated(concepts.related, sorted.length),
    broader: concepts.broader,
  });
}

/**
 * Each paper's record with its links, the repositories the papers cite (sorted by id) and their
 * HAS_CODE edges (in paper order, then repository id).
 */
export function paperLinks(papers: readonly PaperSource[]): { records: PaperRecord[]; repositories: RepositoryRecord[]; hasCode: HasCodeRecord[] } {
  const repositories = new Map<string, RepositoryRecord>();
  const hasCode: HasCodeRecord[] = [];
  const records: PaperRecord[] = papers.map((paper) => {
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
  return { records, repositories: [...repositories.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), hasCode };
}

/**
 * The co-occurrence budget. Pairs grow with the sum over papers of (concepts per paper)^2: about
 * 180 pairs per paper on real abstracts, 99% of them shared by one paper only (a sample of 1,
 * whose NPMI says little). From RELATED_BUDGET.minPapers papers on, a pair is kept when it is
 * shared by at least `minShared` papers, or is among the `perConcept` heaviest of the other pairs
 * of one of its concepts (by weight, shared papers, then id), so every concept keeps some
 * neighbours: at most `perConcept` single-paper pairs per concept, whatever the corpus size.
 * Smaller corpora keep every pair.
 */
export const RELATED_BUDGET = { minPapers: 2000, minShared: 2, perConcept: 3 } as const;

export function budgetRelated(related: readonly RelatedRecord[], papers: number): RelatedRecord[] {
  if (papers < RELATED_BUDGET.minPapers) return [...related];
  const k = RELATED_BUDGET.perConcept;
  const best = new Map<string, RelatedRecord[]>();
  /** Whether `a` ranks before `b` among the pairs of concept `id`: weight, shared papers, then the other concept's id. */
  const before = (a: RelatedRecord, b: RelatedRecord, id: string): boolean => {
    if (a.weight !== b.weight) return a.weight > b.weight;
    if (a.sharedPapers !== b.sharedPapers) return a.sharedPapers > b.sharedPapers;
    const oa = a.source === id ? a.target : a.source;
    const ob = b.source === id ? b.target : b.source;
    return oa < ob;
  };
  const offer = (id: string, r: RelatedRecord) => {
    let list = best.get(id);
    if (!list) {
      best.set(id, [r]);
      return;
    }
    // Most pairs lose to a full list's last one on weight alone.
    if (list.length === k && !before(r, list[k - 1]!, id)) return;
    let i = list.length;
    while (i > 0 && before(r, list[i - 1]!, id)) i--;
    list.splice(i, 0, r);
    if (list.length > k) list.pop();
  };
  for (const r of related) {
    if (r.sharedPapers >= RELATED_BUDGET.minShared) continue; // kept anyway
    offer(r.source, r);
    offer(r.target, r);
  }
  const keep = new Set<RelatedRecord>();
  for (const list of best.values()) for (const r of list) keep.add(r);
  return related.filter((r) => r.sharedPapers >= RELATED_BUDGET.minShared || keep.has(r));
}
