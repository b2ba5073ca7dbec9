/**
 * Scores a concept graph against an evaluation corpus's gold terms (see the evaluation data
 * README): micro-averaged P/R/F1 of each paper's concepts and of its top concepts by
 * confidence, F1@k on Porter-stemmed keyphrases, recall of core concepts, and precision /
 * recall of acronym resolution.
 */
import { performance } from 'node:perf_hooks';
import { buildConceptGraph, type ConceptGraph } from '../ingest/consolidate/index.js';
import { extractPaper, type PaperExtraction } from '../ingest/extract/index.js';
import type { ConceptRecord, MentionRecord } from '../model.js';
import type { EvalRecord } from './dataset.js';
import { acronymKey, conceptForms, matchKey, matchesGold, stemKey, type ConceptForms } from './match.js';
import { MacroAverage, MicroCounts, type Prf } from './metrics.js';

export interface AcronymScores extends Prf {
  /** Gold pairs and how many were resolved correctly. */
  gold: number;
  found: number;
  /** Resolutions the graph claims for acronyms the papers use, and how many are right. */
  predicted: number;
  correct: number;
}

export interface PaperDetail {
  id: string;
  /** Predicted concept names, most confident first, with whether each matched. */
  predicted: { name: string; acronym: string | null; confidence: number; correct: boolean }[];
  /** Gold terms no predicted concept matched. */
  missed: string[];
}

export interface EvalReport {
  papers: number;
  top: number;
  /** Against `concepts` (or `keyphrases` when a file has no concepts), matching as the README defines. */
  all: Prf | null;
  topK: Prf | null;
  /** Against `keyphrases`: Porter-stemmed exact match of the top k, averaged over papers. */
  f1AtK: Prf | null;
  /** Recall of gold concepts marked core. */
  coreRecall: { gold: number; found: number; recall: number } | null;
  acronyms: AcronymScores | null;
  acronymsDefined: AcronymScores | null;
  concepts: number;
  mentions: number;
  details: PaperDetail[];
}

export interface EvalRun {
  report: EvalReport;
  graph: ConceptGraph;
  /** `papers`: all papers ingested, context included. */
  timing: { papers: number; extractMs: number; consolidateMs: number; papersPerSecond: number };
}

/**
 * Extracts and consolidates the records as one fresh corpus, then scores the result.
 * `context` papers are ingested alongside (as the rest of a deployed corpus would be) but not
 * scored; a context paper with a record's id is left out.
 */
export function runEvaluation(
  records: readonly EvalRecord[],
  top = 10,
  context: ReadonlyArray<{ id: string; title: string; abstract: string }> = [],
): EvalRun {
  const scored = new Set(records.map((r) => r.id));
  const papers = [
    ...records.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract })),
    ...context.filter((p) => !scored.has(p.id)).map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })),
  ];
  // The tagger builds its lexicon on first use and the JIT compiles the extractor over the first
  // papers; that one-off cost is not per-paper speed, so up to WARM_UP_PAPERS are extracted once
  // before timing starts (and timed again with the rest).
  for (const p of papers.slice(0, WARM_UP_PAPERS)) extractPaper(p);
  const t0 = performance.now();
  const extractions = new Map<string, PaperExtraction>();
  for (const p of papers) extractions.set(p.id, extractPaper(p));
  const t1 = performance.now();
  const graph = buildConceptGraph(papers, extractions);
  const t2 = performance.now();
  const extractMs = t1 - t0;
  return {
    report: evaluateGraph(records, graph, top),
    graph,
    timing: { papers: papers.length, extractMs, consolidateMs: t2 - t1, papersPerSecond: papers.length / Math.max(1e-9, (t2 - t0) / 1000) },
  };
}

/** Papers extracted once before extraction is timed. */
const WARM_UP_PAPERS = 20;

const byConfidence = (a: MentionRecord, b: MentionRecord): number =>
  b.confidence - a.confidence || (a.conceptId < b.conceptId ? -1 : a.conceptId > b.conceptId ? 1 : 0);

/** Scores a built graph against the records' gold annotations. Pure. */
export function evaluateGraph(records: readonly EvalRecord[], graph: ConceptGraph, top = 10): EvalReport {
  const concepts = new Map(graph.concepts.map((c) => [c.id, c]));
  const forms = new Map<string, ConceptForms>(graph.concepts.map((c) => [c.id, conceptForms(c)]));
  const mentionsOf = new Map<string, MentionRecord[]>();
  for (const m of graph.mentions) {
    const list = mentionsOf.get(m.paperId) ?? [];
    list.push(m);
    mentionsOf.set(m.paperId, list);
  }

  const all = new MicroCounts();
  const topK = new MicroCounts();
  const atK = new MacroAverage();
  const core = { gold: 0, found: 0 };
  const acr = new MicroCounts();
  const acrDefined = new MicroCounts();
  let hasTerms = false;
  let hasKeyphrases = false;
  let hasCore = false;
  let hasAcronyms = false;
  const details: PaperDetail[] = [];

  for (const record of records) {
    const ranked = [...(mentionsOf.get(record.id) ?? [])].sort(byConfidence);
    const terms = record.concepts?.map((c) => c.text) ?? record.keyphrases;
    if (terms) {
      hasTerms = true;
      const gold = uniqueBy(terms, matchKey).filter((t) => matchKey(t).length > 0);
      const score = (list: readonly MentionRecord[]): { correct: boolean[]; found: boolean[] } => {
        const f = list.map((m) => forms.get(m.conceptId) as ConceptForms);
        return {
          correct: f.map((cf) => gold.some((g) => matchesGold(cf, g))),
          found: gold.map((g) => f.some((cf) => matchesGold(cf, g))),
        };
      };
      const s = score(ranked);
      all.add(ranked.length, count(s.correct), gold.length, count(s.found));
      const t = score(ranked.slice(0, top));
      topK.add(Math.min(top, ranked.length), count(t.correct), gold.length, count(t.found));
      details.push({
        id: record.id,
        predicted: ranked.map((m, i) => {
          const c = concepts.get(m.conceptId) as ConceptRecord;
          return { name: c.name, acronym: c.acronym, confidence: m.confidence, correct: s.correct[i] === true };
        }),
        missed: gold.filter((_, i) => !s.found[i]),
      });
      if (record.concepts?.some((c) => c.core === true)) {
        hasCore = true;
        const f = ranked.map((m) => forms.get(m.conceptId) as ConceptForms);
        for (const c of uniqueBy(record.concepts.filter((x) => x.core === true), (x) => matchKey(x.text))) {
          core.gold++;
          if (f.some((cf) => matchesGold(cf, c.text))) core.found++;
        }
      }
    }
    if (record.keyphrases) {
      hasKeyphrases = true;
      const gold = new Set(record.keyphrases.map(stemKey).filter((k) => k.length > 0));
      const predicted = ranked.slice(0, top).map((m) => stemForms(m, concepts.get(m.conceptId) as ConceptRecord, record));
      const predictedStems = new Set<string>();
      let correct = 0;
      for (const stems of predicted) {
        // Two concepts that stem alike are one prediction.
        const key = [...stems][0] as string;
        if (predictedStems.has(key)) continue;
        predictedStems.add(key);
        if ([...stems].some((s) => gold.has(s))) correct++;
      }
      const found = [...gold].filter((g) => predicted.some((stems) => stems.has(g))).length;
      atK.add(predictedStems.size, correct, gold.size, found);
    }
    if (record.acronyms) {
      hasAcronyms = true;
      const text = `${record.title}\n${record.abstract}`;
      const claims = ranked
        .map((m) => concepts.get(m.conceptId) as ConceptRecord)
        .filter((c) => c.acronym !== null && c.acronym !== c.name && usesAcronym(text, c.acronym));
      const resolves = (c: ConceptRecord, g: { short: string; long: string }): boolean =>
        c.acronym === acronymKey(g.short) && longFormMatches(c, g.long);
      for (const [counts, pairs] of [
        [acr, record.acronyms],
        [acrDefined, record.acronyms.filter((a) => a.defined)],
      ] as const) {
        // Only acronyms the gold gives a meaning for are judged (not "GPU" or a system's name).
        const claimed = claims.filter((c) => pairs.some((g) => acronymKey(g.short) === c.acronym));
        counts.add(
          claimed.length,
          claimed.filter((c) => pairs.some((g) => resolves(c, g))).length,
          pairs.length,
          pairs.filter((g) => claimed.some((c) => resolves(c, g))).length,
        );
      }
    }
  }

  const acronymScores = (m: MicroCounts): AcronymScores => ({
    ...m.result(),
    gold: m.gold,
    found: m.goldFound,
    predicted: m.predicted,
    correct: m.predictedCorrect,
  });
  return {
    papers: records.length,
    top,
    all: hasTerms ? all.result() : null,
    topK: hasTerms ? topK.result() : null,
    f1AtK: hasKeyphrases ? atK.result() : null,
    coreRecall: hasCore ? { ...core, recall: core.gold === 0 ? 0 : core.found / core.gold } : null,
    acronyms: hasAcronyms ? acronymScores(acr) : null,
    acronymsDefined: hasAcronyms ? acronymScores(acrDefined) : null,
    concepts: graph.concepts.length,
    mentions: graph.mentions.length,
    details,
  };
}

/** Stemmed forms of a predicted concept: its name and the ways this paper writes it. */
function stemForms(m: MentionRecord, c: ConceptRecord, record: EvalRecord): Set<string> {
  const out = new Set<string>([stemKey(c.name)]);
  for (const s of m.spans) out.add(stemKey(record[s.field].slice(s.start, s.end)));
  out.delete('');
  return out;
}

/** Whether the acronym (or its plural) occurs in the text as a token of its own. */
function usesAcronym(text: string, acronym: string): boolean {
  const escaped = acronym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}s?(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** The concept's name or one of its word aliases is the gold long form. */
function longFormMatches(c: ConceptRecord, long: string): boolean {
  const key = matchKey(long);
  return [c.name, ...c.aliases].some((a) => a !== c.acronym && acronymKey(a) !== c.acronym && matchKey(a) === key);
}

const count = (xs: readonly boolean[]): number => xs.filter(Boolean).length;

function uniqueBy<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
