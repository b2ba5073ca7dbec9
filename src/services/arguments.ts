import { badInput } from '../errors.js';
import { hasControlCharacters, isWellFormedText } from '../ingest/paper-input.js';
import type { Page, PageRequest } from '../store/graph-store.js';
import type { ConnectionShape } from '../schema/connection.type.js';

/** Largest page any list field returns. */
export const MAX_FIRST = 100;
/** Longest free-text argument (search queries, names). */
export const MAX_TEXT = 200;

/** An integer argument within [min, max], else BAD_USER_INPUT naming it. */
export function intInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(name, `must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** A number argument within [min, max]. */
export function numberInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badInput(name, `must be a number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * A non-blank string argument of bounded length, trimmed. Refuses text that is not valid
 * Unicode (unpaired surrogates) or holds control characters: no stored text has them.
 */
export function text(name: string, value: string, max = MAX_TEXT): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(name, 'must not be empty');
  if (trimmed.length > max) throw badInput(name, `must be at most ${max} characters, got ${trimmed.length}`);
  if (!isWellFormedText(trimmed)) throw badInput(name, 'must be valid Unicode text (it holds an unpaired surrogate)');
  if (hasControlCharacters(trimmed)) throw badInput(name, 'must not hold control characters');
  return trimmed;
}

const CURSOR_PREFIX = 'offset:';

/** Cursors are opaque to clients: base64url of the item's position in the list. */
export function encodeCursor(position: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${position}`).toString('base64url');
}

function decodeCursor(name: string, cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = Number(decoded.slice(CURSOR_PREFIX.length));
  if (!decoded.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(position) || position < 0) {
    throw badInput(name, 'is not a cursor returned by this API');
  }
  return position;
}

/** Validates `first` and `after` and turns them into a store page request. */
export function pageRequest(first: number, after: string | null | undefined): PageRequest {
  intInRange('first', first, 0, MAX_FIRST);
  const offset = after == null ? 0 : decodeCursor('after', after) + 1;
  return { first, offset };
}

/** A store page as a Relay connection. */
export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.offset + page.items.length < page.totalCount,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    edges,
    nodes: page.items,
  };
}
