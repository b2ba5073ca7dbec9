/**
 * Streaming reader of the arXiv metadata snapshot (JSON Lines: `id`, `title`, `abstract`,
 * `authors`, `categories`, `update_date`, `versions`, ...), for files of millions of lines:
 * the file is read through a stream line by line and papers come out in batches, so memory
 * holds one batch, not the file. Each line is validated exactly as `parseArxiv` validates it;
 * the first bad line throws an InputError "FILE:LINE: reason".
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { PaperSource } from './build-graph.js';
import { paperInputProblems, toPaperSource } from './paper-input.js';
import { InputError } from './parse/errors.js';
import { isArxivRecord, parseArxiv } from './parse/jsonl.js';

export interface ArxivReadProgress {
  /** Lines read so far (blank lines included). */
  lines: number;
  papers: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ArxivReadOptions {
  /** Papers per batch yielded (default 500). */
  batchSize?: number;
  /** Called after every batch. */
  onProgress?: (progress: ArxivReadProgress) => void;
}

/**
 * The papers of an arXiv JSON Lines file, in file order, in batches. Throws an InputError
 * naming the file and line on the first invalid line (papers of earlier batches were already
 * yielded: the caller decides whether to write them), and on an id used twice.
 */
export async function* readArxivBatches(path: string, options: ArxivReadOptions = {}): AsyncGenerator<PaperSource[]> {
  const batchSize = options.batchSize ?? 500;
  let totalBytes: number;
  try {
    totalBytes = (await stat(path)).size;
  } catch (error) {
    throw new InputError(path, null, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const source = basename(path);
  const firstLineOfId = new Map<string, number>();
  let lineNo = 0;
  let papers = 0;
  let batch: PaperSource[] = [];
  const progress = () =>
    options.onProgress?.({ lines: lineNo, papers, bytesRead: Math.min(totalBytes, stream.bytesRead), totalBytes });
  try {
    for await (const raw of lines) {
      lineNo++;
      const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      const paper = arxivLine(text, path, lineNo, source);
      const earlier = firstLineOfId.get(paper.id);
      if (earlier !== undefined) throw new InputError(path, lineNo, `paper id "${paper.id}" was already used at line ${earlier}`);
      firstLineOfId.set(paper.id, lineNo);
      batch.push(paper);
      papers++;
      if (batch.length >= batchSize) {
        progress();
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(path, code ? null : lineNo, `cannot read the file (${code ?? (error as Error).message})`);
  } finally {
    lines.close();
    stream.destroy();
  }
  if (papers === 0) throw new InputError(path, null, 'no papers found');
  progress();
  if (batch.length > 0) yield batch;
}

/** Every paper of the file (for callers that want them all at once; memory grows with the file). */
export async function readArxivFile(path: string, options: ArxivReadOptions = {}): Promise<PaperSource[]> {
  const out: PaperSource[] = [];
  for await (const batch of readArxivBatches(path, options)) out.push(...batch);
  return out;
}

/** One line, validated as `parseArxiv` validates a record, as a paper; errors carry FILE:LINE. */
export function arxivLine(text: string, file: string, line: number, source: string): PaperSource {
  let record;
  try {
    [record] = parseArxiv(text, file);
  } catch (error) {
    // parseArxiv numbers the lines of the text it was given: this one line is line 1.
    if (error instanceof InputError) throw new InputError(file, line, error.reason);
    throw error;
  }
  if (!record) throw new InputError(file, line, 'no paper on this line');
  const problems = paperInputProblems(record);
  if (problems.length > 0) throw new InputError(file, line, problems.join('; '));
  return toPaperSource(record, source);
}

/** Whether the first non-blank line of the file is an arXiv metadata record (reads only that line). */
export async function looksLikeArxiv(path: string): Promise<boolean> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const raw of lines) {
      const text = raw.replace(/^\uFEFF/, '').trim();
      if (text === '') continue;
      if (!text.startsWith('{')) return false;
      try {
        return isArxivRecord(JSON.parse(text));
      } catch {
        return false;
      }
    }
    return false;
  } catch {
    return false;
  } finally {
    lines.close();
    stream.destroy();
  }
}
