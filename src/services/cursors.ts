import { badInput } from '../errors.js';
import type { ConnectionShape } from '../schema/connection.type.js';
import type { ListPage, ListRequest, SortKey, SortValue } from '../store/graph-store.js';
import { intInRange, MAX_FIRST } from './arguments.js';

/**
 * Keyset cursors. A cursor names its list and order and holds the sort key of an item (the values
 * the list is sorted by, then the id), so the next page starts right after that item whatever was
 * added or removed meanwhile: no item is repeated or skipped because another one moved.
 *
 * Opaque to clients: base64url of `[list, values, id]`.
 */

/** What a cursor of one list and order must hold: its name and the type of each key value. */
export interface CursorSpec {
  /** e.g. "papers:TITLE_ASC"; a cursor of another list or order is refused. */
  list: string;
  values: readonly ('string' | 'number')[];
}

export function encodeCursor(spec: CursorSpec, key: SortKey): string {
  return Buffer.from(JSON.stringify([spec.list, key.values, key.id])).toString('base64url');
}

function decodeCursor(spec: CursorSpec, cursor: string): SortKey {
  const refuse = () => badInput('after', `is not a cursor returned by this API for ${spec.list.replace(':', ' ordered by ')}`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw refuse();
  const [list, values, id] = decoded as unknown[];
  if (list !== spec.list || typeof id !== 'string' || !Array.isArray(values) || values.length !== spec.values.length) {
    throw refuse();
  }
  values.forEach((v, i) => {
    const ok = spec.values[i] === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string';
    if (!ok) throw refuse();
  });
  return { values: values as SortValue[], id };
}

/** Validates `first` and `after` and turns them into a store list request. */
export function listRequest(spec: CursorSpec, first: number, after: string | null | undefined): ListRequest {
  intInRange('first', first, 0, MAX_FIRST);
  return { first, after: after == null ? null : decodeCursor(spec, after) };
}

/** A store page as a Relay connection. */
export function toListConnection<T>(spec: CursorSpec, page: ListPage<T>): ConnectionShape<T> {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(spec, page.keys[i]!), node }));
  return {
    totalCount: page.totalCount,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    edges,
    nodes: page.items,
  };
}

/** A connection with nothing in it. */
export function emptyConnection<T>(): ConnectionShape<T> {
  return { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [], nodes: [] };
}
