import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PaperSource } from './build-graph.js';
import { paperInputProblems, toPaperSource } from './paper-input.js';
import { decodeInput, InputError, parsePapers, type InputFormat } from './parse/index.js';

/**
 * Reads, parses and validates one input file. All or nothing: the first problem throws an
 * InputError naming the file and line, and nothing from the file is returned.
 */
export async function readPaperFile(path: string, format: InputFormat = 'auto'): Promise<PaperSource[]> {
  const bytes = await readInputFile(path);
  const parsed = parsePapers(decodeInput(bytes, path), path, format);
  const source = basename(path);
  const seen = new Map<string, number>();
  return parsed.map((record) => {
    const problems = paperInputProblems(record);
    if (problems.length > 0) throw new InputError(path, record.line, problems.join('; '));
    const paper = toPaperSource(record, source);
    const earlier = seen.get(paper.id);
    if (earlier !== undefined) {
      throw new InputError(path, record.line, `paper id "${paper.id}" was already used at line ${earlier}`);
    }
    seen.set(paper.id, record.line);
    return paper;
  });
}

/** The bytes of an input file; an InputError naming it (and the system's code) when it cannot be read. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError(path, null, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
