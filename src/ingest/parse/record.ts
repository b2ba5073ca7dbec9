import { InputError } from './errors.js';

/** What a parser produces for one paper. */
export interface ParsedPaper {
  title: string;
  abstract: string;
  /** External id (e.g. an arXiv id) when the input has one. */
  id?: string;
  url?: string;
  year?: number;
  /** 1-based line of the record's first line in the input file. */
  line: number;
}

/**
 * Bounds on paper fields, enforced by every input format. They keep one bad record
 * (a whole PDF pasted into an abstract, a mangled id) from bloating the graph.
 */
export const PAPER_LIMITS = Object.freeze({
  maxTitleLength: 1_000,
  maxAbstractLength: 20_000,
  maxIdLength: 200,
  maxUrlLength: 2_000,
  minYear: 1900,
  maxYear: 2100,
});

/** One non-blank input line with its 1-based number. */
export interface SourceLine {
  text: string;
  line: number;
}

/** Splits on LF, CRLF or lone CR; drops a leading BOM; keeps blank lines so numbering stays right. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

/** Trims and collapses every run of whitespace (including newlines and NBSP) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Shortens a value for quoting in an error message. */
export function preview(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Throws unless the (already collapsed) title is non-empty and within the limit. */
export function checkTitle(title: string, file: string, line: number): void {
  if (title === '') throw new InputError(file, line, '"title" is empty');
  if (title.length > PAPER_LIMITS.maxTitleLength) {
    throw new InputError(file, line, `"title" is ${title.length} characters long; the limit is ${PAPER_LIMITS.maxTitleLength}`);
  }
}

/** Throws unless the (already collapsed) abstract is non-empty and within the limit. */
export function checkAbstract(abstract: string, file: string, line: number): void {
  if (abstract === '') throw new InputError(file, line, '"abstract" is empty');
  if (abstract.length > PAPER_LIMITS.maxAbstractLength) {
    throw new InputError(file, line, `"abstract" is ${abstract.length} characters long; the limit is ${PAPER_LIMITS.maxAbstractLength}`);
  }
}

/** Throws unless the id is non-empty, within the limit and free of whitespace. */
export function checkId(id: string, file: string, line: number): void {
  if (id === '') throw new InputError(file, line, '"id" is empty');
  if (id.length > PAPER_LIMITS.maxIdLength) {
    throw new InputError(file, line, `"id" is ${id.length} characters long; the limit is ${PAPER_LIMITS.maxIdLength}`);
  }
  // Ids become node keys and URL parts; whitespace or control characters there are always a mistake.
  if (/[\s\u0000-\u001f\u007f]/.test(id)) throw new InputError(file, line, `"id" must not contain whitespace or control characters, got ${JSON.stringify(id)}`);
}

/** Throws unless the URL parses as http(s) and is within the limit. */
export function checkUrl(url: string, file: string, line: number): void {
  if (url.length > PAPER_LIMITS.maxUrlLength) {
    throw new InputError(file, line, `"url" is ${url.length} characters long; the limit is ${PAPER_LIMITS.maxUrlLength}`);
  }
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new InputError(file, line, `"url" must be an http(s) URL, got ${JSON.stringify(preview(url))}`);
  }
}

/** Accepts an integer or a string of digits; anything else (or out of range) is an error naming the value. */
export function parseYear(value: unknown, file: string, line: number, field = 'year'): number {
  let year: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) year = value;
  else if (typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value)) year = Number(value);
  if (year === null || year < PAPER_LIMITS.minYear || year > PAPER_LIMITS.maxYear) {
    throw new InputError(
      file,
      line,
      `"${field}" must be an integer between ${PAPER_LIMITS.minYear} and ${PAPER_LIMITS.maxYear}, got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return year;
}

/** Fails on the second occurrence of an id, naming both lines. */
export function checkUniqueIds(papers: readonly ParsedPaper[], file: string): void {
  const seen = new Map<string, number>();
  for (const paper of papers) {
    if (paper.id === undefined) continue;
    const first = seen.get(paper.id);
    if (first !== undefined) {
      throw new InputError(file, paper.line, `duplicate id ${JSON.stringify(paper.id)} (lines ${first} and ${paper.line})`);
    }
    seen.set(paper.id, paper.line);
  }
}
