/**
 * Orderings and scores shared by every store, so that the embedded and the Neo4j adapter
 * agree to the last tie. Each comparator ends on an id so the order is total.
 */

/** Plain code-unit comparison; the same order Neo4j uses for ASCII ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Specificity of a concept across the corpus: ln(1 + N / df), where N is the number of papers
 * and df the number of papers mentioning the concept. Rare concepts weigh more when two papers share them.
 */
export function conceptIdf(totalPapers: number, paperCount: number): number {
  return Math.log(1 + totalPapers / Math.max(1, paperCount));
}

/** Order of the kinds in search results with equal scores. */
export const SEARCH_KIND_ORDER = { CONCEPT: 0, PAPER: 1, REPOSITORY: 2 } as const;
