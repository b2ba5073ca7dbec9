/** Plain-text rendering of an evaluation report. */
import type { EvalReport } from './evaluate.js';
import type { Prf } from './metrics.js';

const pct = (x: number): string => x.toFixed(3);
const prf = (x: Prf): string => `P ${pct(x.precision)}  R ${pct(x.recall)}  F1 ${pct(x.f1)}`;

export function formatReport(
  name: string,
  report: EvalReport,
  timing?: { papers: number; extractMs: number; consolidateMs: number; papersPerSecond: number },
): string {
  const lines = [`${name}: ${report.papers} papers, ${report.concepts} concepts, ${report.mentions} mentions`];
  if (report.all) lines.push(`  all concepts        ${prf(report.all)}   (micro over papers)`);
  if (report.topK) lines.push(`  top ${String(report.top).padEnd(2)} concepts     ${prf(report.topK)}   (micro over papers)`);
  if (report.f1AtK) lines.push(`  F1@${String(report.top).padEnd(2)} (stemmed)    ${prf(report.f1AtK)}   (averaged over papers)`);
  if (report.coreRecall) {
    lines.push(`  core concepts       recall ${pct(report.coreRecall.recall)}  (${report.coreRecall.found}/${report.coreRecall.gold})`);
  }
  if (report.acronyms) {
    const a = report.acronyms;
    lines.push(`  acronym resolution  ${prf(a)}   (${a.correct}/${a.predicted} claimed right, ${a.found}/${a.gold} gold pairs)`);
  }
  if (report.acronymsDefined) {
    const a = report.acronymsDefined;
    lines.push(`    defined in paper  ${prf(a)}   (${a.correct}/${a.predicted} claimed right, ${a.found}/${a.gold} gold pairs)`);
  }
  if (timing) {
    const perPaper = (timing.extractMs / Math.max(1, timing.papers)).toFixed(2);
    lines.push(
      `  time                ${timing.papers} papers: extract ${(timing.extractMs / 1000).toFixed(2)} s (${perPaper} ms/paper), consolidate ${(timing.consolidateMs / 1000).toFixed(2)} s, ${Math.round(timing.papersPerSecond)} papers/s`,
    );
  }
  return lines.join('\n');
}

/**
 * Per-paper errors of a report: the predicted concepts no gold term matched (false positives,
 * most confident first, with their confidence) and the gold terms no concept matched (false
 * negatives). Papers without errors are left out.
 */
export function formatErrors(report: EvalReport): string {
  const lines: string[] = [];
  for (const d of report.details) {
    const fp = d.predicted.filter((p) => !p.correct);
    if (fp.length === 0 && d.missed.length === 0) continue;
    const tp = d.predicted.length - fp.length;
    lines.push(`  ${d.id}  (${tp}/${d.predicted.length} predicted right, ${d.missed.length} gold missed)`);
    if (fp.length > 0) lines.push(`    false positives: ${fp.map((p) => `${p.name} ${p.confidence.toFixed(2)}`).join('; ')}`);
    if (d.missed.length > 0) lines.push(`    false negatives: ${d.missed.join('; ')}`);
  }
  return lines.join('\n');
}

/** One row of the summary table: a dataset, what it scored, and the target when one is known. */
export interface SummaryRow {
  dataset: string;
  result: string;
  target: string;
}

/** The summary rows of one report: the headline figures of each kind of gold in the file. */
export function summaryRows(name: string, report: EvalReport, targets: Partial<Record<'f1' | 'coreRecall' | 'f1AtK', number>> = {}): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const target = (k: 'f1' | 'coreRecall' | 'f1AtK', label: string): string => (targets[k] === undefined ? '-' : `${label} >= ${(targets[k] as number).toFixed(2)}`);
  if (report.f1AtK) rows.push({ dataset: name, result: `F1@${report.top} ${pct(report.f1AtK.f1)}`, target: target('f1AtK', `F1@${report.top}`) });
  else if (report.all) rows.push({ dataset: name, result: `F1 ${pct(report.all.f1)} (P ${pct(report.all.precision)} R ${pct(report.all.recall)})`, target: target('f1', 'F1') });
  if (report.coreRecall) rows.push({ dataset: name, result: `core recall ${pct(report.coreRecall.recall)}`, target: target('coreRecall', 'core recall') });
  if (report.acronyms) rows.push({ dataset: name, result: `acronyms P ${pct(report.acronyms.precision)} R ${pct(report.acronyms.recall)}`, target: '-' });
  return rows;
}

/** A plain-text table of summary rows (dataset | result | target). */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const head: SummaryRow = { dataset: 'dataset', result: 'result', target: 'target' };
  const all = [head, ...rows];
  const w = (k: keyof SummaryRow): number => Math.max(...all.map((r) => r[k].length));
  const line = (r: SummaryRow): string => `| ${r.dataset.padEnd(w('dataset'))} | ${r.result.padEnd(w('result'))} | ${r.target.padEnd(w('target'))} |`;
  const rule = `|${'-'.repeat(w('dataset') + 2)}|${'-'.repeat(w('result') + 2)}|${'-'.repeat(w('target') + 2)}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
