import { isArxivRecord } from './jsonl.js';

/**
 * Guesses the format from the first non-blank line: a line starting with "{" means JSON Lines,
 * and arXiv metadata when that object has id, title, abstract and at least one of
 * authors/categories/update_date/versions. Anything else is plain text.
 */
export function detectFormat(text: string): 'text' | 'jsonl' | 'arxiv' {
  const firstLine = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .find((l) => l.trim() !== '');
  if (firstLine === undefined || !firstLine.trimStart().startsWith('{')) return 'text';
  try {
    return isArxivRecord(JSON.parse(firstLine)) ? 'arxiv' : 'jsonl';
  } catch {
    // Still JSON Lines: the parser will report the syntax error with its line number.
    return 'jsonl';
  }
}
