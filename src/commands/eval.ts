/**
 * `kg eval FILE.jsonl... [--top N] [--corpus PAPERS] [--details OUT.json] [--errors]`: ingests
 * each evaluation corpus into a fresh in-memory graph and prints how its concepts compare with
 * the file's gold terms, then a summary table (dataset | result | target). `--corpus` adds the
 * papers of another file (any ingest format) to the graph without scoring them, to measure a gold
 * subset inside the corpus it comes from. `--errors` lists each paper's false positives and
 * false negatives.
 */
import { access, constants, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatErrors, formatReport, formatSummary, parseEvalJsonl, runEvaluation, summaryRows, type EvalRecord, type SummaryRow } from '../eval/index.js';
import { decodeInput, InputError } from '../ingest/parse/index.js';
import { readInputFile, readPaperFile } from '../ingest/read-files.js';

export const EVAL_USAGE = 'kg eval FILE.jsonl... [--top N] [--corpus PAPERS] [--details OUT.json] [--errors]';

/**
 * Targets of the evaluation files the project is measured on (issue #4), by file name; other
 * files get no target.
 */
const TARGETS: { pattern: RegExp; targets: Partial<Record<'f1' | 'coreRecall' | 'f1AtK', number>> }[] = [
  { pattern: /^sample-gold/, targets: { f1: 0.8, coreRecall: 0.95 } },
  { pattern: /^scierc/i, targets: { f1: 0.5 } },
  { pattern: /^inspec/i, targets: { f1AtK: 0.4 } },
];

export async function runEval(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '10' },
      details: { type: 'string' },
      corpus: { type: 'string' },
      errors: { type: 'boolean', default: false },
    },
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
  // Every file is read and checked, and the details' folder found, before the first is evaluated:
  // a mistake in the last argument does not cost the minutes the others take.
  const context = values.corpus ? await readPaperFile(values.corpus) : [];
  const datasets: [string, EvalRecord[]][] = [];
  for (const file of positionals) datasets.push([file, parseEvalJsonl(decodeInput(await readInputFile(file), file), file)]);
  if (values.details) {
    try {
      await access(dirname(values.details), constants.W_OK);
    } catch {
      throw new InputError(values.details, null, `cannot write the details there (no such folder, or not writable)`);
    }
  }
  const details: Record<string, unknown> = {};
  const summary: SummaryRow[] = [];
  for (const [file, records] of datasets) {
    const run = runEvaluation(records, top, context);
    const name = values.corpus ? `${basename(file)} (within ${basename(values.corpus)})` : basename(file);
    process.stdout.write(`${formatReport(name, run.report, run.timing)}\n`);
    if (values.errors) process.stdout.write(`  errors per paper (false positives with confidence; false negatives):\n${formatErrors(run.report)}\n`);
    details[file] = run.report.details;
    const targets = TARGETS.find((t) => t.pattern.test(basename(file)))?.targets ?? {};
    summary.push(...summaryRows(name, run.report, targets));
    summary.push({ dataset: name, result: `${Math.round(run.timing.papersPerSecond)} papers/s (${(run.timing.extractMs / Math.max(1, run.timing.papers)).toFixed(2)} ms/paper extraction)`, target: 'extraction < 10 ms/paper' });
  }
  process.stdout.write(`\n${formatSummary(summary)}\n`);
  if (values.details) await writeFile(values.details, `${JSON.stringify(details, null, 1)}\n`);
  return 0;
}
