import { InputError } from './errors.js';
import {
  checkAbstract,
  checkId,
  checkTitle,
  checkUniqueIds,
  checkUrl,
  collapseWhitespace,
  parseYear,
  splitLines,
  type ParsedPaper,
} from './record.js';

type JsonObject = Record<string, unknown>;

/**
 * JSON Lines: one `{"title", "abstract", "id"?, "url"?, "year"?}` object per line.
 * Blank lines are skipped; unknown keys are ignored; `null` counts as absent for optional fields.
 */
export function parseJsonl(text: string, file: string): ParsedPaper[] {
  const papers = eachObject(text, file).map(({ obj, line }) => jsonlRecord(obj, file, line));
  checkUniqueIds(papers, file);
  return papers;
}

/**
 * Kaggle arXiv metadata snapshot lines (`id`, `title`, `abstract`, `authors`, `categories`,
 * `update_date`, `versions`, ...). The id is required; the URL is derived from it; the year is
 * that of the first version when given (the submission date), else of `update_date`.
 */
export function parseArxiv(text: string, file: string): ParsedPaper[] {
  const papers = eachObject(text, file).map(({ obj, line }) => arxivRecord(obj, file, line));
  checkUniqueIds(papers, file);
  return papers;
}

/** The keys of a Kaggle arXiv record beyond id/title/abstract; one of them marks the format. */
export const ARXIV_MARKER_KEYS: readonly string[] = ['authors', 'categories', 'update_date', 'versions'];

/** True when a parsed JSON value has the shape of an arXiv metadata record. */
export function isArxivRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  return 'id' in value && 'title' in value && 'abstract' in value && ARXIV_MARKER_KEYS.some((k) => k in value);
}

function eachObject(text: string, file: string): { obj: JsonObject; line: number }[] {
  const out: { obj: JsonObject; line: number }[] = [];
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(file, line, `invalid JSON: ${(error as Error).message}`);
    }
    if (!isObject(value)) {
      throw new InputError(file, line, `expected a JSON object, got ${describe(value)}`);
    }
    out.push({ obj: value, line });
  });
  if (out.length === 0) throw new InputError(file, null, 'no papers found');
  return out;
}

function jsonlRecord(obj: JsonObject, file: string, line: number): ParsedPaper {
  const paper: ParsedPaper = {
    title: requiredText(obj, 'title', file, line),
    abstract: requiredText(obj, 'abstract', file, line),
    line,
  };
  checkTitle(paper.title, file, line);
  checkAbstract(paper.abstract, file, line);
  const id = optionalString(obj, 'id', file, line);
  if (id !== undefined) {
    checkId(id, file, line);
    paper.id = id;
  }
  const url = optionalString(obj, 'url', file, line);
  if (url !== undefined) {
    checkUrl(url, file, line);
    paper.url = url;
  }
  if (obj.year !== undefined && obj.year !== null) paper.year = parseYear(obj.year, file, line);
  return paper;
}

function arxivRecord(obj: JsonObject, file: string, line: number): ParsedPaper {
  const id = optionalString(obj, 'id', file, line);
  if (id === undefined) throw new InputError(file, line, '"id" is missing (required for arXiv records)');
  checkId(id, file, line);
  const paper: ParsedPaper = {
    title: requiredText(obj, 'title', file, line),
    abstract: requiredText(obj, 'abstract', file, line),
    id,
    url: `https://arxiv.org/abs/${id}`,
    line,
  };
  checkTitle(paper.title, file, line);
  checkAbstract(paper.abstract, file, line);
  const year = arxivYear(obj, file, line);
  if (year !== undefined) paper.year = year;
  return paper;
}

function arxivYear(obj: JsonObject, file: string, line: number): number | undefined {
  // versions[0].created looks like "Mon, 2 Apr 2007 19:18:42 GMT".
  const versions = obj.versions;
  if (Array.isArray(versions) && isObject(versions[0]) && typeof versions[0].created === 'string') {
    const match = /\b(\d{4})\b/.exec(versions[0].created);
    if (match) return parseYear(match[1], file, line, 'versions[0].created');
  }
  const updated = obj.update_date;
  if (updated === undefined || updated === null) return undefined;
  const match = typeof updated === 'string' ? /^\s*(\d{4})-\d{2}-\d{2}/.exec(updated) : null;
  if (!match) throw new InputError(file, line, `"update_date" must be a date "YYYY-MM-DD", got ${JSON.stringify(updated)}`);
  return parseYear(match[1], file, line, 'update_date');
}

function requiredText(obj: JsonObject, key: string, file: string, line: number): string {
  const value = obj[key];
  if (value === undefined || value === null) throw new InputError(file, line, `"${key}" is missing`);
  if (typeof value !== 'string') throw new InputError(file, line, `"${key}" must be a string, got ${describe(value)}`);
  const text = collapseWhitespace(value);
  if (text === '') throw new InputError(file, line, `"${key}" is empty`);
  return text;
}

function optionalString(obj: JsonObject, key: string, file: string, line: number): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  // A numeric arXiv id would already have lost trailing zeros ("2103.10" -> 2103.1), so refuse it.
  if (typeof value !== 'string') throw new InputError(file, line, `"${key}" must be a string, got ${describe(value)}`);
  return value.trim();
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
