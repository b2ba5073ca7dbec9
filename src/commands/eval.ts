/**
 * `kg eval FILE.jsonl... [--top N] [--corpus PAPERS] [--details OUT.json]`: ingests each
 * evaluation corpus into a fresh in-memory graph and prints how its concepts compare with the
 * file's gold terms. `--corpus` adds the papers of another file (any ingest format) to the
 * graph without scoring them, to measure a gold subset inside the corpus it comes from.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, parseEvalJsonl, runEvaluation } from '../eval/index.js';
import { readPaperFile } from '../ingest/read-files.js';

export const EVAL_USAGE = 'kg eval FILE.jsonl... [--top N] [--corpus PAPERS] [--details OUT.json]';

export async function runEval(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { top: { type: 'string', default: '10' }, details: { type: 'string' }, corpus: { type: 'string' } },
  });
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) {
    process.stderr.write(`error: --top must be a positive integer, got "${values.top}"\n\nUsage: ${EVAL_USAGE}\n`);
    return 2;
  }
  if (positionals.length === 0) {
    process.stderr.write(`error: eval needs at least one FILE\n\nUsage: ${EVAL_USAGE}\n`);
    return 2;
  }
  const context = values.corpus ? await readPaperFile(values.corpus) : [];
  const details: Record<string, unknown> = {};
  for (const file of positionals) {
    const records = parseEvalJsonl(await readFile(file, 'utf8'), file);
    const run = runEvaluation(records, top, context);
    const name = values.corpus ? `${basename(file)} (within ${basename(values.corpus)})` : basename(file);
    process.stdout.write(`${formatReport(name, run.report, run.timing)}\n`);
    details[file] = run.report.details;
  }
  if (values.details) await writeFile(values.details, `${JSON.stringify(details, null, 1)}\n`);
  return 0;
}
