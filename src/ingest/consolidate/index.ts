/**
 * Corpus consolidation: from per-paper candidates to the concept graph (concepts, mentions,
 * co-occurrence and nesting relations). Pure and deterministic: papers are processed in id
 * order and every output array is sorted, so the same papers in any order give identical output.
 *
 * Stages: acronym senses -> term statistics and concept selection -> linking (lexicon matcher
 * over every paper) -> naming / ids / aliases -> mention confidence -> RELATED (NPMI) -> BROADER.
 */
import type { BroaderRecord, ConceptRecord, MentionRecord, RelatedRecord, Span } from '../../model.js';
import { compareSpans, extractPaper, normaliseTerm, type PaperExtraction } from '../extract/index.js';

const isPlainWord = (d: Draft): boolean => d.kind === 'term' && d.tokens.length === 1 && d.acronyms.size === 0;
import { broaderRecords } from './broader.js';
import { linkPapers } from './link.js';
import { aliasesOf, canonicalName, conceptId } from './naming.js';
import { relatedRecords } from './related.js';
import { mentionConfidence } from './scores.js';
import {
  MAX_LINKED_SINGLE_WORD_SHARE,
  collectAcronyms,
  countTokens,
  selectDrafts,
  tooCommonAfterLinking,
  type AcronymTable,
  type Draft,
} from './terms.js';

export { npmi } from './related.js';
export { mentionConfidence } from './scores.js';
export { conceptId, singularForm } from './naming.js';
export { expandAcronyms, type AcronymTable } from './terms.js';

export interface ConceptGraph {
  /** Sorted by id. */
  concepts: ConceptRecord[];
  /** Sorted by paper id, then concept id. */
  mentions: MentionRecord[];
  /** Sorted by source, then target; source < target. */
  related: RelatedRecord[];
  /** Sorted by narrower, then broader. */
  broader: BroaderRecord[];
  /** With a background: each concept's stored counterpart (concept id -> stored concept), when it has one. */
  stored?: Map<string, ConceptRecord>;
}

/**
 * What a build of new papers knows of the stored corpus they join (an incremental ingest, see
 * src/ingest/incremental.ts): its size, and the stored concept each draft key names. A term the
 * stored corpus made a concept stays one though the new papers alone would not make it one (a
 * single word, an acronym defined elsewhere, a term nested here); document frequencies and the
 * corpus size in mention confidence are the stored ones plus the new papers'.
 */
export interface CorpusBackground {
  /** Papers stored. */
  papers: number;
  /** The stored concept of a draft key ("\u0000" + acronym for an acronym), if any. */
  known(key: string): ConceptRecord | undefined;
}

/** Papers in which a multi-word term must be a phrase of its own to be linked where it only occurs inside longer concepts. */
export const MIN_PAPERS_ESTABLISHED = 2;

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Per-concept accumulation after drafts with the same id are merged. */
interface ConceptAcc {
  id: string;
  name: string;
  drafts: Draft[];
  acronyms: Map<string, number>;
  surfaces: Map<string, number>;
}

/**
 * What consolidation decided beyond the graph itself, for explanations (see explainPaper).
 * Filled by buildConceptGraph when passed in.
 */
export interface ConsolidationTrace {
  /** Papers' positions in the corpus order used by `acronyms`. */
  paperIndex: Map<string, number>;
  acronyms: AcronymTable;
  /** Term key (or "\u0000" + acronym) -> why it did not become a concept. */
  rejectedTerms: Map<string, string>;
  /** Key of each term that became a concept (or "\u0000" + acronym) -> the concept's id. */
  conceptOfKey: Map<string, string>;
  /** `${paperId}\u0000${conceptId}` -> why the link was dropped. */
  droppedLinks: Map<string, string>;
}

/** An empty trace to pass to buildConceptGraph. */
export function newTrace(): ConsolidationTrace {
  return {
    paperIndex: new Map(),
    acronyms: { senses: new Map(), definedIn: [], acronymsOfKey: new Map(), variantOf: new Map(), longForms: new Map() },
    rejectedTerms: new Map(),
    conceptOfKey: new Map(),
    droppedLinks: new Map(),
  };
}

/**
 * Builds the concept graph of a corpus. `extractions` (keyed by paper id) avoids re-extracting
 * papers whose extraction is cached; missing entries are extracted here. `trace`, when given,
 * records why terms and links were left out (see ConsolidationTrace).
 */
export function buildConceptGraph(
  papers: ReadonlyArray<{ id: string; title: string; abstract: string }>,
  extractions?: ReadonlyMap<string, PaperExtraction>,
  trace?: ConsolidationTrace,
  background?: CorpusBackground,
): ConceptGraph {
  const sorted = uniqueById(papers);
  const n = sorted.length;
  const ex = sorted.map((p) => extractions?.get(p.id) ?? extractPaper(p));

  const acronyms = collectAcronyms(ex);
  if (background) addStoredSenses(acronyms, ex, background);
  const counts = countTokens(sorted);
  const rejected = trace?.rejectedTerms ?? (background ? new Map<string, string>() : undefined);
  const drafts = selectDrafts(ex, acronyms, counts.all, counts.lowerCase, rejected);
  if (background && rejected) drafts.push(...knownDrafts(rejected, drafts, background));
  const storedOf = (acc: ConceptAcc): ConceptRecord | undefined => {
    for (const d of acc.drafts) {
      const known = background?.known(d.key);
      if (known) return known;
    }
    return undefined;
  };
  const stored = new Map<string, ConceptRecord>();
  if (trace) {
    sorted.forEach((p, i) => trace.paperIndex.set(p.id, i));
    trace.acronyms = acronyms;
  }
  const { evidence, surfaces } = linkPapers(sorted, drafts, acronyms);
  const isProperWord = (k: string): boolean =>
    (counts.capitalisedInSentence.get(k) ?? 0) > 0 && (counts.lowerCase.get(k) ?? 0) === 0;

  // Name every draft; drafts whose names give the same id are one concept.
  const concepts = new Map<string, ConceptAcc>();
  const conceptOfDraft: (ConceptAcc | undefined)[] = [];
  drafts.forEach((d, i) => {
    const draftSurfaces = surfaces[i] as Map<string, number>;
    if (draftSurfaces.size === 0) {
      conceptOfDraft.push(undefined);
      return;
    }
    const attested = (w: string): boolean => counts.words.has(w);
    const name = d.display !== null ? canonicalName(d, new Map([[d.display, 1]]), isProperWord, attested) : canonicalName(d, draftSurfaces, isProperWord, attested);
    const id = conceptId(name);
    if (id.length === 0) {
      conceptOfDraft.push(undefined);
      return;
    }
    let acc = concepts.get(id);
    if (!acc) {
      acc = { id, name, drafts: [], acronyms: new Map(), surfaces: new Map() };
      concepts.set(id, acc);
    }
    acc.drafts.push(d);
    for (const [a, c] of d.acronyms) acc.acronyms.set(a, (acc.acronyms.get(a) ?? 0) + c);
    for (const [s, c] of draftSurfaces) acc.surfaces.set(s, (acc.surfaces.get(s) ?? 0) + c);
    conceptOfDraft.push(acc);
  });

  // Merge evidence per (paper, concept).
  interface Link {
    spans: Span[];
    inTitle: boolean;
    definedHere: boolean;
    nestedOnly: boolean;
  }
  const links = new Map<string, Map<number, Link>>();
  for (const e of evidence) {
    const acc = conceptOfDraft[e.draft];
    if (!acc) continue;
    const perPaper = links.get(acc.id) ?? new Map<number, Link>();
    const link = perPaper.get(e.paper);
    if (!link) {
      perPaper.set(e.paper, { spans: [...e.spans], inTitle: e.inTitle, definedHere: e.definedHere, nestedOnly: e.nestedOnly });
    } else {
      for (const s of e.spans) if (!link.spans.some((x) => compareSpans(x, s) === 0)) link.spans.push(s);
      link.inTitle ||= e.inTitle;
      link.definedHere ||= e.definedHere;
      link.nestedOnly &&= e.nestedOnly;
    }
    links.set(acc.id, perPaper);
  }

  const conceptRecords: ConceptRecord[] = [];
  const mentions: MentionRecord[] = [];
  const df = new Map<string, number>();
  const conceptTokens = new Map<string, readonly string[]>();
  for (const acc of [...concepts.values()].sort(byId)) {
    const perPaper = links.get(acc.id);
    if (!perPaper || perPaper.size === 0) continue;
    // A paper that writes a term only inside longer concepts ("decision tree" only in
    // "oblique decision tree") is about the longer concept, which the BROADER edge ties
    // to this one. The link stays when the term is established (a multi-word phrase of its own in
    // MIN_PAPERS_ESTABLISHED papers: "hidden Markov model" in "factorial hidden Markov model") or defined here.
    // A paper that writes the term after two different words ("deep / sparse metric learning
    // objective") uses it as a term of its own too (see Draft.sharedTailIn).
    const ownHere = (paper: number, link: Link): boolean => !link.nestedOnly || acc.drafts.some((d) => d.sharedTailIn?.has(paper));
    const ownDf = [...perPaper].filter(([paper, link]) => ownHere(paper, link)).length;
    const storedConcept = storedOf(acc);
    const established =
      (acc.drafts.some((d) => d.kind === 'term' && d.tokens.length >= 2) && ownDf >= MIN_PAPERS_ESTABLISHED) || storedConcept !== undefined;
    for (const [paper, link] of perPaper) {
      if (ownHere(paper, link) || link.definedHere || established) continue;
      perPaper.delete(paper);
      trace?.droppedLinks.set(`${(sorted[paper] as { id: string }).id}\u0000${acc.id}`, 'only inside longer concepts here');
    }
    if (perPaper.size === 0) continue;
    if (acc.drafts.every(isPlainWord)) {
      const key = (acc.drafts[0] as Draft).key;
      for (const [paper, link] of perPaper) {
        const own = (ex[paper] as PaperExtraction).candidates.some((c) => c.key === key);
        if (own && (link.inTitle || link.spans.length >= 2)) continue;
        perPaper.delete(paper);
        trace?.droppedLinks.set(`${(sorted[paper] as { id: string }).id}\u0000${acc.id}`, own ? 'single word mentioned once, not in the title' : 'single word only inside other phrases here');
      }
      if (perPaper.size === 0) continue;
    }
    if (acc.drafts.every((d) => tooCommonAfterLinking(d, perPaper.size, n))) {
      links.delete(acc.id);
      for (const d of acc.drafts) trace?.rejectedTerms.set(d.key, `single word linked to more than ${MAX_LINKED_SINGLE_WORD_SHARE * 100}% of the papers`);
      continue;
    }
    for (const d of acc.drafts) trace?.conceptOfKey.set(d.key, acc.id);
    if (storedConcept) stored.set(acc.id, storedConcept);
    const acronym = [...acc.acronyms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? acronymOfKind(acc);
    conceptRecords.push({
      id: acc.id,
      name: acc.name,
      acronym,
      aliases: aliasesOf(acc.name, acc.acronyms.keys(), acc.surfaces.keys()),
      paperCount: perPaper.size,
    });
    df.set(acc.id, perPaper.size);
    const wordDraft = acc.drafts.find((d) => d.kind !== 'acronym');
    if (wordDraft) conceptTokens.set(acc.id, wordDraft.tokens);
  }

  const perPaperMentions: MentionRecord[][] = sorted.map(() => []);
  for (const c of conceptRecords) {
    const acc = concepts.get(c.id) as ConceptAcc;
    const named = acc.drafts.every((d) => d.kind !== 'term');
    const words = acc.name.split(/[\s\-‐‑–/]+/u).filter((w) => w.length > 0).length;
    for (const [paper, link] of links.get(c.id) as Map<number, Link>) {
      link.spans.sort(compareSpans);
      (perPaperMentions[paper] as MentionRecord[]).push({
        paperId: (sorted[paper] as { id: string }).id,
        conceptId: c.id,
        count: link.spans.length,
        confidence: mentionConfidence({
          inTitle: link.inTitle,
          count: link.spans.length,
          definedHere: link.definedHere,
          words,
          named,
          nestedOnly: link.nestedOnly,
          df: c.paperCount + (stored.get(c.id)?.paperCount ?? 0),
          n: n + (background?.papers ?? 0),
          position: firstPosition(link.spans, (sorted[paper] as { abstract: string }).abstract.length),
        }),
        inTitle: link.inTitle,
        spans: link.spans,
      });
    }
  }
  for (const list of perPaperMentions) {
    list.sort((a, b) => (a.conceptId < b.conceptId ? -1 : a.conceptId > b.conceptId ? 1 : 0));
    mentions.push(...list);
  }

  const ranked = perPaperMentions.map((list) =>
    [...list].sort((a, b) => b.confidence - a.confidence || (a.conceptId < b.conceptId ? -1 : 1)).map((m) => m.conceptId),
  );
  const related = relatedRecords(ranked, df, n);
  const broader = broaderRecords(conceptTokens);
  return { concepts: conceptRecords, mentions, related, broader, ...(background ? { stored } : {}) };
}

/**
 * Acronyms the papers use without defining them that a stored concept stands for get that
 * concept's long form as their sense, as a definition in another paper of the corpus would give it.
 */
function addStoredSenses(acronyms: AcronymTable, ex: readonly PaperExtraction[], background: CorpusBackground): void {
  const used = new Set(ex.flatMap((e) => e.acronymUses.map((u) => u.acronym)));
  for (const acronym of [...used].sort()) {
    if (acronyms.senses.has(acronym)) continue;
    const stored = background.known(`\u0000${acronym}`);
    if (!stored || stored.acronym !== acronym || stored.name === acronym) continue;
    const key = normaliseTerm(stored.name);
    if (key === null) continue;
    acronyms.senses.set(acronym, [{ key, papers: [] }]);
    const counts = acronyms.acronymsOfKey.get(key) ?? new Map<string, number>();
    counts.set(acronym, 0);
    acronyms.acronymsOfKey.set(key, counts);
    if (!acronyms.longForms.has(key)) acronyms.longForms.set(key, stored.name);
  }
}

/**
 * Every key concept selection considers for these papers, kept or not ("\u0000" + acronym for
 * acronyms): what an incremental build looks up in the stored graph (see CorpusBackground).
 */
export function draftKeys(
  papers: ReadonlyArray<{ id: string; title: string; abstract: string }>,
  extractions?: ReadonlyMap<string, PaperExtraction>,
): string[] {
  const sorted = uniqueById(papers);
  const ex = sorted.map((p) => extractions?.get(p.id) ?? extractPaper(p));
  const counts = countTokens(sorted);
  const rejected = new Map<string, string>();
  const drafts = selectDrafts(ex, collectAcronyms(ex), counts.all, counts.lowerCase, rejected);
  return [...new Set([...drafts.map((d) => d.key), ...rejected.keys()])].sort();
}

/**
 * Drafts for the keys selection left out that name a stored concept: the stored corpus made them
 * concepts, and a few new papers do not unmake them.
 */
function knownDrafts(rejected: ReadonlyMap<string, string>, drafts: readonly Draft[], background: CorpusBackground): Draft[] {
  const have = new Set(drafts.map((d) => d.key));
  const out: Draft[] = [];
  for (const key of [...rejected.keys()].sort()) {
    const known = background.known(key);
    if (!known || have.has(key)) continue;
    if (key.startsWith('\u0000')) {
      const written = key.slice(1);
      out.push({ key, tokens: [written.toLowerCase()], kind: 'acronym', acronyms: new Map(), written, variants: [], display: null });
    } else {
      const named = /\p{Lu}/u.test(known.name) && known.acronym === null;
      out.push({ key, tokens: key.split(' '), kind: named ? 'named' : 'term', acronyms: new Map(), written: null, variants: [], display: null });
    }
  }
  return out;
}

/** Offset of the first abstract span as a share of the abstract's length; 1 when there is none. */
function firstPosition(spans: readonly Span[], abstractLength: number): number {
  const first = spans.find((s) => s.field === 'abstract');
  return first === undefined ? 1 : first.start / Math.max(1, abstractLength);
}

/** An acronym-only concept is its own acronym. */
function acronymOfKind(acc: ConceptAcc): string | null {
  const d = acc.drafts.find((x) => x.kind === 'acronym');
  return d?.written ?? null;
}

/** Papers sorted by id; of several papers with one id, the first in (id, title, abstract) order wins. */
function uniqueById<T extends { id: string; title: string; abstract: string }>(papers: ReadonlyArray<T>): T[] {
  const sorted = [...papers].sort(
    (a, b) =>
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
      (a.abstract < b.abstract ? -1 : a.abstract > b.abstract ? 1 : 0),
  );
  return sorted.filter((p, i) => i === 0 || (sorted[i - 1] as T).id !== p.id);
}
