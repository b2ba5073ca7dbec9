/** Evaluation of concept extraction against gold annotations. */
export { parseEvalJsonl, EvalDataError, type EvalRecord, type GoldAcronym, type GoldConcept } from './dataset.js';
export { matchKey, stemKey, acronymKey, conceptForms, matchesGold, type ConceptForms } from './match.js';
export { MicroCounts, MacroAverage, f1Of, type Prf } from './metrics.js';
export { evaluateGraph, runEvaluation, type EvalReport, type EvalRun, type AcronymScores, type PaperDetail } from './evaluate.js';
export { formatErrors, formatReport, formatSummary, summaryRows, type SummaryRow } from './format.js';
