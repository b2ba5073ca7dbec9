import { createHash } from 'node:crypto';
import { slugify } from '../util/slug.js';
import type { PaperSource } from './build-graph.js';
import { PAPER_LIMITS as L } from './parse/index.js';

/** A paper as it arrives from a file or the API, before it gets an id and a hash. */
export interface PaperInput {
  title: string;
  abstract: string;
  id?: string | null;
  url?: string | null;
  year?: number | null;
}


const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
/** Control characters other than whitespace (tab, line and form feeds, carriage return). */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` is valid Unicode text: no unpaired surrogate (which has no UTF-8 form). */
export function isWellFormedText(value: string): boolean {
  return !UNPAIRED_SURROGATE.test(value);
}

/** Whether `value` holds a control character other than whitespace. */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * Checks one input paper; returns the problems found as "field: rule" strings (empty when valid),
 * so callers can name the file line or the GraphQL argument it came from.
 */
export function paperInputProblems(input: PaperInput): string[] {
  const problems: string[] = [];
  if (typeof input.title !== 'string' || input.title.trim() === '') problems.push('title: must not be empty');
  else if (input.title.length > L.maxTitleLength) problems.push(`title: at most ${L.maxTitleLength} characters`);
  if (typeof input.abstract !== 'string' || input.abstract.trim() === '') problems.push('abstract: must not be empty');
  else if (input.abstract.length > L.maxAbstractLength) problems.push(`abstract: at most ${L.maxAbstractLength} characters`);
  if (input.id != null) {
    if (input.id.length > L.maxIdLength || !ID_PATTERN.test(input.id)) {
      problems.push(`id: at most ${L.maxIdLength} characters of letters, digits and . _ : / - (starting with a letter or digit)`);
    }
  } else if (typeof input.title === 'string' && input.title.trim() !== '' && slugify(input.title) === '') {
    problems.push('title: needs at least one letter or digit to derive an id (or give an id)');
  }
  if (input.url != null) {
    if (input.url.length > L.maxUrlLength || !isHttpUrl(input.url)) problems.push('url: must be an http(s) URL');
  }
  for (const field of ['title', 'abstract', 'id', 'url'] as const) {
    const value = input[field];
    if (typeof value !== 'string') continue;
    if (!isWellFormedText(value)) problems.push(`${field}: must be valid Unicode text (it holds an unpaired surrogate)`);
    else if (hasControlCharacters(value)) problems.push(`${field}: must not hold control characters`);
  }
  if (input.year != null && (!Number.isInteger(input.year) || input.year < L.minYear || input.year > L.maxYear)) {
    problems.push(`year: must be an integer from ${L.minYear} to ${L.maxYear}`);
  }
  return problems;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Gives a validated input its stable id (the external id, else a slug of the title) and content hash. */
export function toPaperSource(input: PaperInput, source: string): PaperSource {
  const title = input.title.trim().replace(/\s+/g, ' ');
  const abstract = input.abstract.trim().replace(/\s+/g, ' ');
  const url = input.url ?? null;
  const year = input.year ?? null;
  const id = input.id?.trim() || slugify(title);
  const contentHash = createHash('sha256').update(JSON.stringify([title, abstract, url, year])).digest('hex').slice(0, 32);
  return { id, title, abstract, url, year, source, contentHash };
}
