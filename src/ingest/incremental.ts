/**
 * Incremental ingest: the records that add new papers to a stored graph, worked out from the new
 * papers and point reads of the stored graph (GraphStore.applyDelta writes them), so adding 100
 * papers to a 100k-paper graph costs time in proportion to the 100 papers, not a rebuild.
 *
 * What it computes exactly as a rebuild would: the new papers, their links and repositories,
 * which of their terms are concepts (a term the stored corpus made a concept stays one; see
 * CorpusBackground), their mentions with confidence against the whole corpus's document
 * frequencies, and the RELATED_TO pairs among their concepts, each pair's shared papers and NPMI
 * weight counted over the whole corpus.
 *
 * What it leaves as it was, until the next rebuild (`kg ingest --rebuild`, or any ingest that
 * updates a stored paper or is larger than INCREMENTAL.maxShare of the corpus):
 * - stored papers are not linked to concepts that only the new papers introduce;
 * - NPMI weights of pairs the new papers do not touch keep the corpus size they were computed at;
 * - PageRank and Louvain are not re-run: a new concept gets the rank of a concept nothing links
 *   to and the community of its heaviest RELATED_TO neighbour (a community of its own when it has
 *   none), stored concepts keep theirs;
 * - BROADER edges are added from new concepts to the stored or new concepts their names end with,
 *   not from stored concepts to new ones.
 */
import { RANKING_PARAMETERS } from '../graph/ranking.js';
import type { BroaderRecord, ConceptRecord, GraphData, MentionRecord, RelatedRecord, Span } from '../model.js';
import type { GraphStore } from '../store/graph-store.js';
import { conceptLookupKeys } from '../store/lookup.js';
import { compareIds } from '../store/ordering.js';
import { budgetRelated, paperLinks, type PaperSource } from './build-graph.js';
import { buildConceptGraph, draftKeys, npmi } from './consolidate/index.js';
import { relatedRecords } from './consolidate/related.js';
import { round4 } from './consolidate/scores.js';
import { compareSpans, normaliseTerm, type PaperExtraction } from './extract/index.js';

/**
 * When an ingest is incremental: the stored corpus has at least `minPapers` papers (below that a
 * rebuild takes a few seconds and is exact), the ingest only adds papers, and it adds at most
 * `maxShare` of the stored corpus (more would make the approximations above matter).
 */
export const INCREMENTAL = { minPapers: 2000, maxShare: 0.1 } as const;

export interface IncrementalPolicy {
  minPapers: number;
  maxShare: number;
}

/** The size of the stored graph a delta is computed against. */
export interface StoredTotals {
  papers: number;
  concepts: number;
  /** Communities are numbered 1..communities. */
  communities: number;
}

/** Lookups per store call. */
const LOOKUP_CHUNK = 1000;

/**
 * The delta that adds `papers` (none of them stored) to the stored graph. `extractions` holds
 * each paper's extraction by paper id.
 */
export async function buildDelta(
  store: GraphStore,
  papers: readonly PaperSource[],
  extractions: ReadonlyMap<string, PaperExtraction>,
  totals: StoredTotals,
): Promise<GraphData> {
  const sorted = [...papers].sort((a, b) => compareIds(a.id, b.id));
  const { records, repositories, hasCode } = paperLinks(sorted);
  const n = totals.papers + sorted.length;

  // 1. The stored concept of every key the new papers' concept selection considers.
  const keys = draftKeys(sorted, extractions);
  const found = await lookUp(
    store,
    keys.map((k) => (k.startsWith('\u0000') ? conceptLookupKeys(k.slice(1)) : [k])),
  );
  const known = new Map<string, ConceptRecord>();
  keys.forEach((k, i) => {
    const c = found[i];
    if (c) known.set(k, c);
  });
  const local = buildConceptGraph(sorted, extractions, undefined, { papers: totals.papers, known: (k) => known.get(k) });

  // 2. Each local concept's id in the stored graph: its stored counterpart, else a stored concept
  // with its id or one of its names, else its own (a new concept).
  const finalId = new Map<string, string>();
  const storedById = new Map<string, ConceptRecord>();
  for (const [id, c] of local.stored ?? []) {
    finalId.set(id, c.id);
    storedById.set(c.id, c);
  }
  const unmapped = local.concepts.filter((c) => !finalId.has(c.id));
  const [byId, byName] = await Promise.all([
    unmapped.length > 0 ? store.conceptsByIds(unmapped.map((c) => c.id)) : Promise.resolve([]),
    lookUp(store, unmapped.map((c) => conceptLookupKeys(c.name))),
  ]);
  unmapped.forEach((c, i) => {
    const s = byId[i] ?? byName[i] ?? null;
    finalId.set(c.id, s?.id ?? c.id);
    if (s) storedById.set(s.id, s);
  });

  // 3. Mentions by (paper, concept), merged where two local concepts are one stored concept.
  const mentionOf = new Map<string, MentionRecord>();
  for (const m of local.mentions) {
    const conceptId = finalId.get(m.conceptId) as string;
    const key = `${m.paperId}\u0000${conceptId}`;
    const prev = mentionOf.get(key);
    if (!prev) {
      mentionOf.set(key, { ...m, conceptId });
      continue;
    }
    const spans: Span[] = [...prev.spans];
    for (const s of m.spans) if (!spans.some((x) => compareSpans(x, s) === 0)) spans.push(s);
    spans.sort(compareSpans);
    mentionOf.set(key, {
      ...prev,
      spans,
      count: spans.length,
      inTitle: prev.inTitle || m.inTitle,
      confidence: Math.max(prev.confidence, m.confidence),
    });
  }
  const mentions = [...mentionOf.values()].sort((a, b) => compareIds(a.paperId, b.paperId) || compareIds(a.conceptId, b.conceptId));
  const linked = new Map<string, number>();
  for (const m of mentions) linked.set(m.conceptId, (linked.get(m.conceptId) ?? 0) + 1);

  // 4. Concepts: stored ones with the new papers counted and their new names added; new ones.
  const localById = new Map(local.concepts.map((c) => [c.id, c]));
  const concepts = new Map<string, ConceptRecord>();
  for (const [localId, id] of [...finalId].sort((a, b) => compareIds(a[0], b[0]))) {
    const l = localById.get(localId) as ConceptRecord;
    if (!linked.has(id)) continue;
    const base = concepts.get(id) ?? storedById.get(id);
    if (!base) {
      concepts.set(id, { ...l, paperCount: linked.get(id) as number });
      continue;
    }
    const first = !concepts.has(id);
    concepts.set(id, {
      ...base,
      acronym: base.acronym ?? l.acronym,
      aliases: [...new Set([...base.aliases, ...l.aliases])].sort(),
      paperCount: first ? base.paperCount + (linked.get(id) as number) : base.paperCount,
    });
  }
  const isNew = (id: string): boolean => !storedById.has(id);
  const df = (id: string): number => (concepts.get(id) ?? storedById.get(id))?.paperCount ?? 0;

  // 5. RELATED_TO among the new papers' concepts, counted over the whole corpus.
  const ranked = groupByPaper(mentions).map((list) =>
    [...list].sort((a, b) => b.confidence - a.confidence || compareIds(a.conceptId, b.conceptId)).map((m) => m.conceptId),
  );
  // Pairs shared by the new papers, counted as a rebuild counts them; weights are set below.
  const dfs = new Map([...linked.keys()].map((id) => [id, df(id)]));
  const pairs = relatedRecords(ranked, dfs, n);
  const storedPairs = pairs.filter((p) => !isNew(p.source) && !isNew(p.target));
  const before = new Map<string, RelatedRecord>();
  for (let i = 0; i < storedPairs.length; i += LOOKUP_CHUNK) {
    const chunk = storedPairs.slice(i, i + LOOKUP_CHUNK);
    const rows = await store.relatedOfPairs(chunk.map((p) => ({ a: p.source, b: p.target })));
    rows.forEach((r, j) => {
      if (r) before.set(pairKey(chunk[j] as RelatedRecord), r);
    });
  }
  const updated: RelatedRecord[] = [];
  const fresh: RelatedRecord[] = [];
  for (const p of pairs) {
    const old = before.get(pairKey(p));
    const shared = (old?.sharedPapers ?? 0) + p.sharedPapers;
    const record = { ...p, sharedPapers: shared, weight: round4(npmi(shared, df(p.source), df(p.target), n)) };
    (old ? updated : fresh).push(record);
  }
  const related = [...updated, ...budgetRelated(fresh, n)].sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));

  // 6. BROADER from each new multi-word concept to the longest tail of its name that is a concept.
  const newConcepts = [...concepts.values()].filter((c) => isNew(c.id)).sort((a, b) => compareIds(a.id, b.id));
  const tokensOf = new Map<string, string[]>();
  for (const c of newConcepts) {
    const key = c.acronym === c.name ? null : normaliseTerm(c.name);
    if (key && key.includes(' ')) tokensOf.set(c.id, key.split(' '));
  }
  const tails = [...new Set([...tokensOf.values()].flatMap((t) => t.slice(1).map((_, k) => t.slice(k + 1).join(' '))))].sort();
  const newByKey = new Map<string, string>();
  for (const [id, t] of tokensOf) if (!newByKey.has(t.join(' '))) newByKey.set(t.join(' '), id);
  const tailConcepts = await lookUp(store, tails.map((t) => [t]));
  const conceptOfTail = new Map<string, string>();
  tails.forEach((t, i) => {
    const id = newByKey.get(t) ?? tailConcepts[i]?.id;
    if (id !== undefined) conceptOfTail.set(t, id);
  });
  const broader: BroaderRecord[] = [];
  for (const [id, t] of tokensOf) {
    for (let k = 1; k < t.length; k++) {
      const target = conceptOfTail.get(t.slice(k).join(' '));
      if (target !== undefined && target !== id) {
        broader.push({ narrower: id, broader: target });
        break;
      }
    }
  }
  broader.sort((a, b) => compareIds(a.narrower, b.narrower) || compareIds(a.broader, b.broader));

  // 7. Rank and community of each new concept (see the module comment).
  const rank = Number(((1 - RANKING_PARAMETERS.damping) / Math.max(1, totals.concepts + newConcepts.length)).toPrecision(RANKING_PARAMETERS.rankDigits));
  const neighbours = new Map<string, RelatedRecord[]>();
  for (const r of related) {
    if (r.weight <= 0) continue;
    for (const id of [r.source, r.target]) neighbours.set(id, [...(neighbours.get(id) ?? []), r]);
  }
  const communityOf = (id: string): number | undefined => (concepts.get(id) ?? storedById.get(id))?.community;
  let nextCommunity = totals.communities;
  for (const c of newConcepts) {
    const best = (neighbours.get(c.id) ?? [])
      .map((r) => ({ r, other: r.source === c.id ? r.target : r.source }))
      .filter((x) => communityOf(x.other) !== undefined)
      .sort((a, b) => b.r.weight - a.r.weight || b.r.sharedPapers - a.r.sharedPapers || compareIds(a.other, b.other))[0];
    concepts.set(c.id, { ...c, rank, community: best ? (communityOf(best.other) as number) : ++nextCommunity });
  }

  return {
    papers: records,
    concepts: [...concepts.values()].sort((a, b) => compareIds(a.id, b.id)),
    repositories,
    mentions,
    hasCode,
    related,
    broader,
  };
}

/** `conceptsByLookupKeys` in chunks. */
async function lookUp(store: GraphStore, keyLists: readonly (readonly string[])[]): Promise<(ConceptRecord | null)[]> {
  const out: (ConceptRecord | null)[] = [];
  for (let i = 0; i < keyLists.length; i += LOOKUP_CHUNK) {
    out.push(...(await store.conceptsByLookupKeys(keyLists.slice(i, i + LOOKUP_CHUNK))));
  }
  return out;
}

function groupByPaper(mentions: readonly MentionRecord[]): MentionRecord[][] {
  const out = new Map<string, MentionRecord[]>();
  for (const m of mentions) {
    const list = out.get(m.paperId);
    if (list) list.push(m);
    else out.set(m.paperId, [m]);
  }
  return [...out.values()];
}

const pairKey = (r: { source: string; target: string }): string => `${r.source}\u0000${r.target}`;
