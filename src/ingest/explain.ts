/**
 * Explanations of concept extraction for one paper: every candidate phrase, its normalised
 * form, and why it was kept, merged into another concept or rejected. Pure: the paper and its
 * corpus in, rows out (consolidation depends on the whole corpus, so the corpus is needed).
 */
import type { Span } from '../model.js';
import { buildConceptGraph, expandAcronyms, newTrace, type ConceptGraph, type ConsolidationTrace } from './consolidate/index.js';
import {
  acronymStem,
  compareSpans,
  explainTerm,
  extractPaper,
  fieldCandidates,
  isAcronymLike,
  type PaperExtraction,
} from './extract/index.js';

export type Decision = 'kept' | 'merged' | 'rejected';

export interface ExplainRow {
  /** The phrase as written at its first occurrence. */
  surface: string;
  span: Span;
  /** What found the phrase: a candidate source, "acronym" for a bare acronym, "linked" for a corpus term found in the text. */
  source: string;
  /** Normalised form, or null when normalisation refused the phrase. */
  normalised: string | null;
  decision: Decision;
  /** The concept the phrase counts for in this paper. */
  concept: { id: string; name: string; confidence: number } | null;
  reason: string;
}

export interface PaperExplanation {
  paper: { id: string; title: string };
  /** In text order, title first. */
  rows: ExplainRow[];
  /** The paper's concepts, most confident first. */
  concepts: { id: string; name: string; acronym: string | null; confidence: number; count: number; inTitle: boolean }[];
}

type PaperText = { id: string; title: string; abstract: string };

/**
 * Explains the concepts of `paperId` within `papers` (its corpus). Returns null when the corpus
 * has no such paper. `extractions` (by paper id) reuses cached extractions.
 */
export function explainPaper(
  paperId: string,
  papers: ReadonlyArray<PaperText>,
  extractions?: ReadonlyMap<string, PaperExtraction>,
): PaperExplanation | null {
  const paper = papers.find((p) => p.id === paperId);
  if (!paper) return null;
  const [explanation] = explainPapers([paperId], papers, extractions);
  return explanation ?? null;
}

/**
 * Explains each paper of `paperIds` (ids not in `papers` are skipped) within `papers`, building
 * the corpus's concept graph once: what `ingest --dry-run` prints for the papers it read.
 */
export function* explainPapers(
  paperIds: Iterable<string>,
  papers: ReadonlyArray<PaperText>,
  extractions?: ReadonlyMap<string, PaperExtraction>,
): Generator<PaperExplanation> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const trace = newTrace();
  const graph = buildConceptGraph(papers, extractions, trace);
  const conceptById = new Map(graph.concepts.map((c) => [c.id, c]));
  const mentionsOf = new Map<string, ConceptGraph['mentions']>();
  for (const m of graph.mentions) {
    const list = mentionsOf.get(m.paperId);
    if (list) list.push(m);
    else mentionsOf.set(m.paperId, [m]);
  }
  for (const id of paperIds) {
    const paper = byId.get(id);
    if (!paper) continue;
    const extraction = extractions?.get(id) ?? extractPaper(paper);
    yield explainWith(paper, extraction, mentionsOf.get(id) ?? [], conceptById, trace);
  }
}

function explainWith(
  paper: PaperText,
  extraction: PaperExtraction,
  mentions: ConceptGraph['mentions'],
  conceptById: ReadonlyMap<string, ConceptGraph['concepts'][number]>,
  trace: ConsolidationTrace,
): PaperExplanation {
  const mentionOf = new Map(mentions.map((m) => [m.conceptId, m]));
  const index = trace.paperIndex.get(paper.id) ?? -1;
  const definedHere = trace.acronyms.definedIn[index] ?? new Map<string, string>();
  const rows: ExplainRow[] = [];
  const concept = (id: string): ExplainRow['concept'] => {
    const c = conceptById.get(id);
    const m = mentionOf.get(id);
    return c && m ? { id, name: c.name, confidence: m.confidence } : null;
  };
  const outcome = (conceptId: string | undefined, merged: string | null, fallback: string): Pick<ExplainRow, 'decision' | 'concept' | 'reason'> => {
    if (conceptId === undefined) return { decision: 'rejected', concept: null, reason: fallback };
    const linked = concept(conceptId);
    if (!linked) {
      const dropped = trace.droppedLinks.get(`${paper.id}\u0000${conceptId}`);
      return { decision: 'rejected', concept: null, reason: dropped ?? 'not linked to this paper' };
    }
    return merged === null
      ? { decision: 'kept', concept: linked, reason: 'a concept of its own' }
      : { decision: 'merged', concept: linked, reason: merged };
  };

  // Phrases that normalisation refused never become candidates; show them with the reason.
  const seen = new Set<string>();
  for (const field of ['title', 'abstract'] as const) {
    for (const raw of fieldCandidates(paper[field], field)) {
      const { key, reason } = explainTerm(raw.surface);
      if (key !== null || reason === null) continue;
      const label = raw.surface.toLowerCase();
      if (seen.has(label)) continue;
      seen.add(label);
      rows.push({ surface: raw.surface, span: raw.span, source: raw.source, normalised: null, decision: 'rejected', concept: null, reason });
    }
  }

  const covered = new Set<string>();
  for (const c of extraction.candidates) {
    const span = c.spans[0] as Span;
    const bare = !/[\s‐‑-]/u.test(c.surface) && isAcronymLike(c.surface);
    if (bare || trace.acronyms.senses.has(acronymStem(c.surface))) {
      const acronym = acronymStem(c.surface);
      const sense = definedHere.get(acronym) ?? trace.acronyms.senses.get(acronym)?.[0]?.key;
      const id = sense !== undefined ? trace.conceptOfKey.get(sense) : trace.conceptOfKey.get(`\u0000${acronym}`);
      const how =
        sense === undefined
          ? null
          : definedHere.has(acronym)
            ? `acronym defined here as "${sense}"`
            : `acronym resolved through the corpus's most frequent sense "${sense}"`;
      const row = { surface: c.surface, span, source: 'acronym', normalised: acronym, ...outcome(id, how, trace.rejectedTerms.get(`\u0000${acronym}`) ?? 'acronym not resolved') };
      rows.push(row);
      if (row.concept) covered.add(row.concept.id);
      continue;
    }
    const expansion = expandAcronyms(c.surface, trace.acronyms, index);
    const variant = trace.acronyms.variantOf.get(c.key);
    const key = expansion?.key ?? variant ?? c.key;
    const merged =
      expansion !== null
        ? `written with an acronym; spelled out as "${expansion.key}"`
        : variant !== undefined
          ? `inflection variant of the acronym's long form "${variant}"`
          : c.source === 'acronym-definition'
            ? 'long form of an acronym, merged with it'
            : null;
    const row = {
      surface: c.surface,
      span,
      source: c.source,
      normalised: c.key,
      ...outcome(trace.conceptOfKey.get(key), merged, trace.rejectedTerms.get(key) ?? 'not selected'),
    };
    if (row.decision === 'kept' && row.concept && conceptById.get(row.concept.id)?.name.toLowerCase() !== c.surface.toLowerCase() && c.key !== key) {
      row.decision = 'merged';
    }
    rows.push(row);
    if (row.concept) covered.add(row.concept.id);
  }

  // Corpus terms found in the text without being a phrase of their own here ("Markov
  // model" inside "hidden Markov model").
  for (const m of mentions) {
    if (covered.has(m.conceptId)) continue;
    const span = m.spans[0] as Span;
    rows.push({
      surface: paper[span.field].slice(span.start, span.end),
      span,
      source: 'linked',
      normalised: null,
      decision: 'kept',
      concept: concept(m.conceptId),
      reason: 'a corpus concept found in the text (inside a longer phrase)',
    });
  }

  rows.sort((a, b) => compareSpans(a.span, b.span) || (a.surface < b.surface ? -1 : a.surface > b.surface ? 1 : 0));
  const concepts = [...mentions]
    .sort((a, b) => b.confidence - a.confidence || (a.conceptId < b.conceptId ? -1 : 1))
    .map((m) => {
      const c = conceptById.get(m.conceptId);
      return { id: m.conceptId, name: c?.name ?? m.conceptId, acronym: c?.acronym ?? null, confidence: m.confidence, count: m.count, inTitle: m.inTitle };
    });
  return { paper: { id: paper.id, title: paper.title }, rows, concepts };
}

/** A readable table of an explanation. */
export function formatExplanation(x: PaperExplanation): string {
  const lines = [`${x.paper.id}: ${x.paper.title}`, '', 'Concepts (most confident first):'];
  for (const c of x.concepts) {
    lines.push(`  ${c.confidence.toFixed(3)}  ${c.name}${c.acronym && c.acronym !== c.name ? ` (${c.acronym})` : ''}  x${c.count}${c.inTitle ? ', in title' : ''}`);
  }
  lines.push('', 'Candidates:');
  const width = Math.min(40, Math.max(8, ...x.rows.map((r) => r.surface.length)));
  const cut = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  lines.push(`  ${'decision'.padEnd(8)}  ${cut('phrase', width)}  ${cut('normalised', width)}  why`);
  for (const r of x.rows) {
    const target = r.concept ? ` -> ${r.concept.name}` : '';
    lines.push(`  ${r.decision.padEnd(8)}  ${cut(r.surface, width)}  ${cut(r.normalised ?? '-', width)}  ${r.reason}${target}`);
  }
  return lines.join('\n');
}
