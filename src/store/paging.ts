import type { ConceptRecord, PaperRecord } from '../model.js';
import type { ConceptOrder, ListPage, ListRequest, PaperOrder, SortKey, SortValue } from './graph-store.js';
import { compareIds } from './ordering.js';

/**
 * Sort keys and keyset pages shared by every store: what each order sorts by, how two keys
 * compare, and which items come after a cursor. Each order ends on the id, so it is total.
 */

export type Direction = 'ASC' | 'DESC';

/** Sort-key value of a paper without a year (sorts last under YEAR_DESC). */
export const NO_YEAR = -1;
/** Sort-key value of a concept without a rank (sorts last under RANK_DESC). */
export const NO_RANK = -1;

/** Directions of each order's key values (the id after them is always ascending). */
export const PAPER_ORDER_KEYS: Record<PaperOrder, readonly Direction[]> = {
  ID_ASC: [],
  TITLE_ASC: ['ASC'],
  YEAR_DESC: ['DESC'],
  RELEVANCE: ['DESC'],
};

export const CONCEPT_ORDER_KEYS: Record<ConceptOrder, readonly Direction[]> = {
  PAPER_COUNT_DESC: ['DESC'],
  NAME_ASC: ['ASC'],
  RANK_DESC: ['DESC'],
};

/** Lists with one fixed order: by id, or (a concept's papers) by best confidence. */
export const ID_KEYS: readonly Direction[] = [];
export const CONFIDENCE_KEYS: readonly Direction[] = ['DESC'];
/** Communities: by their number (the key's value; the id is the same number as text). */
export const COMMUNITY_KEYS: readonly Direction[] = ['ASC'];

/** A paper's key under `order`; `score` is its search score (RELEVANCE only). */
export function paperKey(order: PaperOrder, paper: PaperRecord, score = 0): SortKey {
  switch (order) {
    case 'ID_ASC':
      return { values: [], id: paper.id };
    case 'TITLE_ASC':
      return { values: [paper.title], id: paper.id };
    case 'YEAR_DESC':
      return { values: [paper.year ?? NO_YEAR], id: paper.id };
    case 'RELEVANCE':
      return { values: [score], id: paper.id };
  }
}

export function conceptKey(order: ConceptOrder, concept: ConceptRecord): SortKey {
  switch (order) {
    case 'PAPER_COUNT_DESC':
      return { values: [concept.paperCount], id: concept.id };
    case 'NAME_ASC':
      return { values: [concept.name], id: concept.id };
    case 'RANK_DESC':
      return { values: [concept.rank ?? NO_RANK], id: concept.id };
  }
}

function compareValues(a: SortValue | undefined, b: SortValue | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareIds(String(a), String(b));
}

/** Compares two keys of one order: each value in its direction, then the id ascending. */
export function compareKeys(directions: readonly Direction[], a: SortKey, b: SortKey): number {
  for (let i = 0; i < directions.length; i++) {
    const c = compareValues(a.values[i], b.values[i]);
    if (c !== 0) return directions[i] === 'DESC' ? -c : c;
  }
  return compareIds(a.id, b.id);
}

/** Sorts keyed items and cuts the page after `page.after`. */
export function keysetPage<T>(
  entries: readonly { item: T; key: SortKey }[],
  directions: readonly Direction[],
  page: ListRequest,
): ListPage<T> {
  return sortedKeysetPage(
    [...entries].sort((a, b) => compareKeys(directions, a.key, b.key)),
    directions,
    page,
  );
}

/** {@link keysetPage} of entries already in key order: the page's start is found by bisection. */
export function sortedKeysetPage<T>(
  sorted: readonly { item: T; key: SortKey }[],
  directions: readonly Direction[],
  page: ListRequest,
): ListPage<T> {
  return pageOfSorted(sorted.length, (i) => sorted[i]!.key, (i) => sorted[i]!.item, directions, page);
}

/**
 * The page of `count` items held in key order, read through `keyAt` and `itemAt` (so a store
 * can page a list it keeps sorted without building an entry per item).
 */
export function pageOfSorted<T>(
  count: number,
  keyAt: (i: number) => SortKey,
  itemAt: (i: number) => T,
  directions: readonly Direction[],
  page: ListRequest,
): ListPage<T> {
  let start = 0;
  if (page.after) {
    const after = page.after;
    let hi = count;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (compareKeys(directions, keyAt(mid), after) > 0) hi = mid;
      else start = mid + 1;
    }
  }
  const end = Math.min(count, start + page.first);
  const items: T[] = [];
  const keys: SortKey[] = [];
  for (let i = start; i < end; i++) {
    items.push(itemAt(i));
    keys.push(keyAt(i));
  }
  return { totalCount: count, items, keys, hasNextPage: start + page.first < count };
}

/**
 * Keyset parameters for a Cypher list query: `$afterValue` / `$afterId` (null from the start) and
 * `$limit` = first + 1, the extra row telling whether there is a next page.
 */
export function keysetParams(page: ListRequest): { afterValue: SortValue | null; afterId: string | null; limit: number } {
  return { afterValue: page.after?.values[0] ?? null, afterId: page.after?.id ?? null, limit: page.first + 1 };
}

/** A Cypher page (`first + 1` rows at most) as a ListPage. */
export function pageFromRows<T>(totalCount: number, rows: readonly T[], keyOf: (item: T) => SortKey, page: ListRequest): ListPage<T> {
  const items = rows.slice(0, page.first);
  return { totalCount, items, keys: items.map(keyOf), hasNextPage: rows.length > page.first };
}
