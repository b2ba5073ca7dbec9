/**
 * Input parsing: bytes -> text -> one record per paper, with line numbers for every error.
 * Pure functions; reading files is the caller's job.
 */
import { detectFormat } from './detect.js';
import { parseArxiv, parseJsonl } from './jsonl.js';
import type { ParsedPaper } from './record.js';
import { parseText } from './text.js';

export { InputError } from './errors.js';
export { decodeInput } from './decode.js';
export { detectFormat } from './detect.js';
export { PAPER_LIMITS, type ParsedPaper } from './record.js';

/** How to read an input file; "auto" detects it from the first non-blank line. */
export type InputFormat = 'auto' | 'text' | 'jsonl' | 'arxiv';

/** Every format a caller may name (for CLI flag validation). */
export const INPUT_FORMATS: readonly InputFormat[] = ['auto', 'text', 'jsonl', 'arxiv'];

/**
 * Parses a whole file into papers. All-or-nothing: the first problem found throws an
 * InputError naming the file and line, and no partial result is returned.
 */
export function parsePapers(text: string, file: string, format: InputFormat = 'auto'): ParsedPaper[] {
  const resolved = format === 'auto' ? detectFormat(text) : format;
  switch (resolved) {
    case 'text':
      return parseText(text, file);
    case 'jsonl':
      return parseJsonl(text, file);
    case 'arxiv':
      return parseArxiv(text, file);
  }
}
