import { badInput } from '../errors.js';
import { hasControlCharacters, isWellFormedText } from '../ingest/paper-input.js';

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
