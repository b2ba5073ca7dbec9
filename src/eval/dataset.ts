/**
 * Evaluation corpora in JSON Lines: SciERC-style (`concepts: [{text, type}]`), Inspec-style
 * (`keyphrases: [...]`) and the sample gold set (`concepts: [{text, core}]`, `acronyms`).
 */

export interface GoldConcept {
  text: string;
  /** Whether the concept is core to the paper; null when the file does not say. */
  core: boolean | null;
}

export interface GoldAcronym {
  short: string;
  long: string;
  /** The paper itself defines the acronym (else its meaning comes from elsewhere). */
  defined: boolean;
}

export interface EvalRecord {
  id: string;
  /**
   * "" when the record has no title. Note: the id is never used as a title, so that tokens of
   * ids such as "CVPR_2003_18_abs" cannot become concepts.
   */
  title: string;
  abstract: string;
  concepts: GoldConcept[] | null;
  keyphrases: string[] | null;
  acronyms: GoldAcronym[] | null;
}

/** A line of an evaluation file that cannot be read. */
export class EvalDataError extends Error {
  override readonly name = 'EvalDataError';
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const squash = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** Parses an evaluation file's text; `file` only names the file in errors. */
export function parseEvalJsonl(text: string, file = 'input'): EvalRecord[] {
  const out: EvalRecord[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new EvalDataError(file, line, `not JSON (${(error as Error).message})`);
    }
    if (!isObject(value)) throw new EvalDataError(file, line, 'expected a JSON object');
    const { id, title, abstract } = value;
    if (typeof id !== 'string' || id.trim() === '') throw new EvalDataError(file, line, 'id: must be a non-empty string');
    if (seen.has(id)) throw new EvalDataError(file, line, `id "${id}" appears twice`);
    seen.add(id);
    if (typeof abstract !== 'string' || abstract.trim() === '') throw new EvalDataError(file, line, 'abstract: must be a non-empty string');
    if (title !== undefined && title !== null && typeof title !== 'string') throw new EvalDataError(file, line, 'title: must be a string');
    out.push({
      id,
      title: typeof title === 'string' ? squash(title) : '',
      abstract: squash(abstract),
      concepts: goldConcepts(value.concepts, file, line),
      keyphrases: keyphrases(value.keyphrases, file, line),
      acronyms: goldAcronyms(value.acronyms, file, line),
    });
  });
  return out;
}

function goldConcepts(v: unknown, file: string, line: number): GoldConcept[] | null {
  if (v === undefined) return null;
  if (!Array.isArray(v)) throw new EvalDataError(file, line, 'concepts: must be an array');
  return v.map((c, k) => {
    if (typeof c === 'string') return { text: c, core: null };
    if (!isObject(c) || typeof c.text !== 'string') throw new EvalDataError(file, line, `concepts[${k}]: needs a "text" string`);
    return { text: c.text, core: typeof c.core === 'boolean' ? c.core : null };
  });
}

function keyphrases(v: unknown, file: string, line: number): string[] | null {
  if (v === undefined) return null;
  if (!Array.isArray(v) || !v.every((k) => typeof k === 'string')) throw new EvalDataError(file, line, 'keyphrases: must be an array of strings');
  return v as string[];
}

function goldAcronyms(v: unknown, file: string, line: number): GoldAcronym[] | null {
  if (v === undefined) return null;
  if (!Array.isArray(v)) throw new EvalDataError(file, line, 'acronyms: must be an array');
  return v.map((a, k) => {
    if (!isObject(a) || typeof a.short !== 'string' || typeof a.long !== 'string') {
      throw new EvalDataError(file, line, `acronyms[${k}]: needs "short" and "long" strings`);
    }
    return { short: a.short, long: a.long, defined: a.defined !== false };
  });
}
