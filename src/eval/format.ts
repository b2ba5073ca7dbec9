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
