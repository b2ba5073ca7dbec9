import type { ConceptRecord, GraphData, MentionRecord, PaperRecord, RepositoryRecord } from '../../model.js';
import { compareByRank } from '../algorithms.js';
import type { SortKey } from '../graph-store.js';
import { conceptIndexKeys } from '../lookup.js';
import { compareIds } from '../ordering.js';
import { Ordinals, SearchIndex } from '../search-index.js';
import type { MentionEnds } from './mention-ends.js';
import type { NodeDerivations } from './node-derivations.js';
import { packMention, type PackedMention } from './packed-mention.js';
import { relatedColumnsOf, RelatedLists, type RelatedColumns } from './related-lists.js';

/** The embedded store's lookup structures: the stored graph itself, held by key. */
export type GraphIndex = ReturnType<typeof buildIndex>;

/**
 * Lookup structures derived from the graph; built whole by each load or replacement, then kept
 * up to date by deltas. `related` holds RELATED_TO records beside `graph.related`, naming their
 * concepts by position in `graph.concepts` (as a snapshot is read). With `lookupLater`, the
 * concepts' lookup keys are left to {@link completeIndex}, which must then be called before use.
 */
export function buildIndex(graph: GraphData, related?: RelatedColumns, mentionEnds?: MentionEnds, lookupLater = false) {
  const papers = new Map<string, PaperRecord>();
  const concepts = new Map<string, ConceptRecord>();
  const repositories = new Map<string, RepositoryRecord>();
  for (const p of graph.papers) papers.set(p.id, p);
  for (const c of graph.concepts) concepts.set(c.id, c);
  for (const r of graph.repositories) repositories.set(r.id, r);

  const mentionsByPaper = new Map<string, PackedMention[]>();
  const mentionsByConcept = new Map<string, PackedMention[]>();
  const reposByPaper = new Map<string, RepositoryRecord[]>();
  const papersByRepo = new Map<string, string[]>();
  const broader = new Map<string, string[]>();
  const narrower = new Map<string, string[]>();
  // A multigraph before: an edge given twice is served twice, as it was.
  const mentionCount = graph.mentions.length;
  /** Each paper's concepts by ordinal, when the mentions came with their ends' positions (else built on first use). */
  let paperConcepts: PaperConcepts | null = null;
  /** Concepts whose mention list is already in read order (see groupByEnds). */
  let conceptsInOrder: string[] = [];
  if (mentionEnds) {
    if (papers.size !== graph.papers.length || concepts.size !== graph.concepts.length) throw new Error('two nodes of one kind have the same id');
    ({ paperConcepts, conceptsInOrder } = groupByEnds(graph, mentionEnds, mentionsByPaper, mentionsByConcept));
  } else {
    for (const given of graph.mentions) {
      const m = packMention(given);
      push(mentionsByPaper, m.paperId, m);
      push(mentionsByConcept, m.conceptId, m);
    }
  }
  for (const h of graph.hasCode) {
    const repo = repositories.get(h.repositoryId);
    if (repo) push(reposByPaper, h.paperId, repo);
    push(papersByRepo, h.repositoryId, h.paperId);
  }
  /** Concept ordinals (load order, then as deltas add concepts), by which RELATED_TO lists name the other concept. */
  const conceptOrdinals = new Ordinals(concepts.keys());
  if (related && concepts.size !== graph.concepts.length) throw new Error('two concept nodes have the same id');
  const relatedLists = new RelatedLists(conceptOrdinals, [...(related ? [related] : []), relatedColumnsOf(graph.related, conceptOrdinals)]);
  for (const b of graph.broader) {
    push(broader, b.narrower, b.broader);
    push(narrower, b.broader, b.narrower);
  }

  // Lists are sorted when first read, so a load does not pay for sorting every one of them.
  const byConfidence = (a: PackedMention, b: PackedMention) => b.confidence - a.confidence || compareIds(a.conceptId, b.conceptId);
  const broaderLists = new SortedOnRead(broader, compareIds);
  const narrowerLists = new SortedOnRead(narrower, compareIds);
  /** RELATED_TO and BROADER neighbours of a concept, both directions, sorted and unique; built on first use. */
  const adjacency = new Map<string, string[]>();
  const adjacencyOf = {
    get(id: string): string[] | undefined {
      let list = adjacency.get(id);
      if (list) return list;
      const others = new Set<string>();
      for (const other of relatedLists.others(id)) others.add(other);
      for (const b of broader.get(id) ?? []) others.add(b);
      for (const n of narrower.get(id) ?? []) others.add(n);
      if (others.size === 0) return undefined;
      list = [...others].sort(compareIds);
      adjacency.set(id, list);
      return list;
    },
    /** Drops the list of a concept whose edges changed; it is built again on its next read. */
    forget(id: string): void {
      adjacency.delete(id);
    },
  };

  /** Paper ordinals (load order, then as deltas add papers). */
  const paperOrdinals = new Ordinals(papers.keys());
  /** The ordinals of each concept's mentioning papers (one per mention), made on first use. */
  const mentionOrdinals = new Map<string, Int32Array>();

  /**
   * Each paper's concepts by ordinal (one per mention), all papers in one array with offsets by
   * paper ordinal: similar papers complete thousands of candidates' scores from it without a map
   * look-up per mention. Built on first use; a delta adding mentions to new papers only appends
   * theirs, any other delta adding mentions drops it.
   */
  const paperConceptsOf = {
    get(): PaperConcepts {
      paperConcepts ??= papersConcepts({ offsets: new Int32Array(1), ordinals: new Int32Array(0) });
      return paperConcepts;
    },
    /** After a delta whose mentions belong to `paperIds`: appended when they all came after the papers held, else dropped. */
    update(paperIds: Iterable<string>): void {
      if (!paperConcepts) return;
      const held = paperConcepts.offsets.length - 1;
      for (const id of paperIds) {
        if (paperOrdinals.get(id)! < held) {
          paperConcepts = null;
          return;
        }
      }
      paperConcepts = papersConcepts(paperConcepts);
    },
  };
  /** `from` (the concepts of the first papers) with those of the papers after them. */
  function papersConcepts(from: PaperConcepts): PaperConcepts {
    const held = from.offsets.length - 1;
    const n = paperOrdinals.size;
    const offsets = new Int32Array(n + 1);
    offsets.set(from.offsets);
    for (let p = held; p < n; p++) offsets[p + 1] = offsets[p]! + (mentionsByPaper.get(paperOrdinals.idAt(p))?.length ?? 0);
    const ordinals = new Int32Array(offsets[n]!);
    ordinals.set(from.ordinals);
    for (let p = held, at = offsets[held]!; p < n; p++) {
      for (const m of mentionsByPaper.get(paperOrdinals.idAt(p)) ?? []) ordinals[at++] = conceptOrdinals.of(m.conceptId);
    }
    return { offsets, ordinals };
  }

  const lookup = new Map<string, ConceptRecord[]>();
  const communities = new Map<number, ConceptRecord[]>();
  if (!lookupLater) fillLookup(lookup, concepts.values(), null);
  for (const concept of concepts.values()) {
    if (concept.community !== undefined) push(communities, concept.community, concept);
  }
  for (const list of communities.values()) list.sort(compareByRank);
  let searchIndex: SearchIndex | null = null;
  const mentionsByConceptLists = new SortedOnRead(mentionsByConcept, byConfidenceThenPaper, conceptsInOrder);

  return {
    papers,
    concepts,
    repositories,
    mentionsByPaper: new SortedOnRead(mentionsByPaper, byConfidence),
    /** By confidence (highest first), then paper id: the order of a concept's papers. */
    mentionsByConcept: mentionsByConceptLists,
    reposByPaper: new SortedOnRead(reposByPaper, (a: RepositoryRecord, b: RepositoryRecord) => compareIds(a.id, b.id)),
    papersByRepo: new SortedOnRead(papersByRepo, compareIds),
    /** RELATED_TO lists, by weight (highest first) when read. */
    related: relatedLists,
    broader: broaderLists,
    narrower: narrowerLists,
    adjacency: adjacencyOf,
    paperOrdinals,
    conceptOrdinals,
    paperConcepts: paperConceptsOf,
    /** The ordinals of the papers of a concept's mentions (as the list of mentionsByConcept, in no particular order). */
    mentionOrdinals: {
      get(conceptId: string): Int32Array {
        let ordinals = mentionOrdinals.get(conceptId);
        if (!ordinals) {
          const list = mentionsByConceptLists.peek(conceptId) ?? [];
          ordinals = Int32Array.from(list, (m) => paperOrdinals.get(m.paperId)!);
          mentionOrdinals.set(conceptId, ordinals);
        }
        return ordinals;
      },
      forget(conceptId: string): void {
        mentionOrdinals.delete(conceptId);
      },
    },
    /** Papers of a concept as sorted keyset entries (see papersOfConceptEntries), for recent concepts. */
    conceptPapers: new Map<string, { item: PaperRecord; key: SortKey }[]>(),
    /**
     * Concepts whose mention list names a paper twice (an edge stored twice is served twice); the
     * others' lists are their paper pages as they stand. A delta only ever removes repeats.
     */
    conceptsWithRepeatedPapers: paperConcepts ? repeatedConcepts(paperConcepts, mentionsByPaper, paperOrdinals, conceptOrdinals) : repeatedPapers(mentionsByPaper),
    lookup,
    /** Members of each community, by rank. */
    communities,
    mentionCount,
    /** The search index, built on first use. */
    search(): SearchIndex {
      searchIndex ??= new SearchIndex(papers.values(), concepts.values(), repositories.values());
      return searchIndex;
    },
    /** The search index if it has been built (a delta then updates it), else null. */
    builtSearch(): SearchIndex | null {
      return searchIndex;
    },
    /** Takes `built` as the search index (see completeIndex). */
    adoptSearch(built: SearchIndex): void {
      searchIndex = built;
    },
  };
}

/**
 * The search index of an index built with `lookupLater`, its papers left out: made while a load
 * waits for what {@link completeIndex} then adds.
 */
export function searchWithoutPapers(index: GraphIndex): SearchIndex {
  return new SearchIndex([], index.concepts.values(), index.repositories.values());
}

/**
 * Completes an index built with `lookupLater`, before any delta: the concepts' lookup keys, from
 * `derived` (made apart from exactly the indexed papers and concepts, in load order; see
 * node-derivations.ts) or computed; and `search` (from {@link searchWithoutPapers}) takes the
 * papers, from the postings of `derived` or by tokenising them.
 */
export function completeIndex(index: GraphIndex, derived: NodeDerivations | null, search: SearchIndex): void {
  fillLookup(index.lookup, index.concepts.values(), derived);
  search.addPapers(index.papers.values(), derived?.paperColumns);
  index.adoptSearch(search);
}

/** Indexes `concepts` under their lookup keys: each one's keys from `derived` (by position) or computed. */
function fillLookup(lookup: Map<string, ConceptRecord[]>, concepts: Iterable<ConceptRecord>, derived: NodeDerivations | null): void {
  let i = 0;
  for (const concept of concepts) {
    if (derived) {
      for (let k = derived.keyOffsets[i]!; k < derived.keyOffsets[i + 1]!; k++) push(lookup, derived.lookupKeys[k]!, concept);
    } else {
      for (const key of conceptIndexKeys(concept)) push(lookup, key, concept);
    }
    i++;
  }
}

/**
 * Adds `delta`'s records to the index, each replacing the stored record with the same key (see
 * `GraphStore.applyDelta`), in time proportional to the delta: map writes, list appends (a
 * touched list is sorted again on its next read), and for a replaced record a walk of the few
 * lists that hold it. The search index, when built, is updated in place; the sorted paper lists
 * of concepts (`conceptPapers`) are dropped, as any of them may hold a changed paper.
 *
 * Note: the caller has checked the delta (`checkDelta`): every edge ends at a node stored or in
 * the delta, so nothing here can fail halfway.
 */
export function applyDeltaToIndex(index: GraphIndex, delta: GraphData): void {
  const search = index.builtSearch();
  for (const paper of delta.papers) {
    const old = index.papers.get(paper.id);
    index.papers.set(paper.id, paper);
    index.paperOrdinals.of(paper.id);
    search?.putPaper(paper, old);
  }

  /** Per community: the records leaving it, and those joining it. */
  const communities = new Map<number, { leaving: Set<ConceptRecord>; joining: ConceptRecord[] }>();
  const community = (id: number) => {
    let entry = communities.get(id);
    if (!entry) communities.set(id, (entry = { leaving: new Set(), joining: [] }));
    return entry;
  };
  for (const concept of delta.concepts) {
    const old = index.concepts.get(concept.id);
    index.concepts.set(concept.id, concept);
    index.conceptOrdinals.of(concept.id);
    const sameNames = old !== undefined && sameConceptNames(old, concept);
    if (old) {
      if (sameNames) for (const key of conceptIndexKeys(old)) replaceIn(index.lookup.get(key), old, concept);
      else for (const key of conceptIndexKeys(old)) removeFrom(index.lookup, key, (c) => c === old);
      if (old.community !== undefined) community(old.community).leaving.add(old);
    }
    if (!sameNames) for (const key of conceptIndexKeys(concept)) push(index.lookup, key, concept);
    if (concept.community !== undefined) community(concept.community).joining.push(concept);
    search?.putConcept(concept, old);
  }
  for (const [id, { leaving, joining }] of communities) {
    const list = index.communities.get(id) ?? [];
    keepUnless(list, (c) => leaving.has(c));
    for (const c of joining) list.push(c);
    if (list.length === 0) index.communities.delete(id);
    else index.communities.set(id, list.sort(compareByRank));
  }

  for (const repo of delta.repositories) {
    const old = index.repositories.get(repo.id);
    index.repositories.set(repo.id, repo);
    if (old) {
      // Papers' repository lists hold the record itself.
      for (const paperId of index.papersByRepo.peek(repo.id) ?? []) index.reposByPaper.upsert(paperId, [repo], (r) => r.id);
    }
    search?.putRepository(repo, old);
  }

  // Edges are grouped by the list they go to, so each list is walked once per delta, however many of its entries change.
  const deltaMentions = delta.mentions.map(packMention);
  const replacedMentions = new Map<string, Set<PackedMention>>();
  for (const [paperId, mentions] of groupBy(deltaMentions, (m) => m.paperId)) {
    for (const old of index.mentionsByPaper.upsert(paperId, mentions, (m) => m.conceptId)) {
      let set = replacedMentions.get(old.conceptId);
      if (!set) replacedMentions.set(old.conceptId, (set = new Set()));
      set.add(old);
      index.mentionCount--;
    }
    index.mentionCount += mentions.length;
  }
  const touched = new Map<string, readonly MentionRecord[]>();
  for (const m of deltaMentions) touched.set(m.paperId, index.mentionsByPaper.peek(m.paperId) ?? []);
  repeatedPapers(touched, index.conceptsWithRepeatedPapers);
  for (const [conceptId, replaced] of replacedMentions) index.mentionsByConcept.remove(conceptId, (m) => replaced.has(m));
  for (const m of deltaMentions) index.mentionsByConcept.add(m.conceptId, m);
  for (const conceptId of new Set([...replacedMentions.keys(), ...deltaMentions.map((m) => m.conceptId)])) index.mentionOrdinals.forget(conceptId);
  if (deltaMentions.length > 0) index.paperConcepts.update(new Set(deltaMentions.map((m) => m.paperId)));

  for (const [paperId, list] of groupBy(delta.hasCode, (h) => h.paperId)) {
    index.reposByPaper.upsert(paperId, list.map((h) => index.repositories.get(h.repositoryId)!), (r) => r.id);
  }
  for (const [repositoryId, list] of groupBy(delta.hasCode, (h) => h.repositoryId)) {
    index.papersByRepo.upsert(repositoryId, list.map((h) => h.paperId), (p) => p);
  }

  for (const id of index.related.upsert(delta.related)) index.adjacency.forget(id);
  for (const b of delta.broader) {
    if (index.broader.peek(b.narrower)?.includes(b.broader)) continue;
    index.broader.add(b.narrower, b.broader);
    index.narrower.add(b.broader, b.narrower);
    index.adjacency.forget(b.narrower);
    index.adjacency.forget(b.broader);
  }
  index.conceptPapers.clear();
}

/**
 * Groups the mentions by paper and by concept through the positions of their ends (which are
 * the nodes' ordinals): an array slot per node rather than a map look-up of an id per mention.
 * Lists keep the mentions' order, and the maps take their keys in order of first mention, as
 * pushing by id does. Returns each paper's concepts by ordinal (see {@link PaperConcepts}), in
 * the order of its list, as `paperConcepts` would read them before any list is sorted.
 */
function groupByEnds(
  graph: GraphData,
  ends: MentionEnds,
  byPaper: Map<string, PackedMention[]>,
  byConcept: Map<string, PackedMention[]>,
): { paperConcepts: PaperConcepts; conceptsInOrder: string[] } {
  const mentions = graph.mentions;
  const paperCount = graph.papers.length;
  const conceptCount = graph.concepts.length;
  // Every list is made at its final length (its count from the ends), not grown by pushes.
  const offsets = new Int32Array(paperCount + 1);
  const conceptSizes = new Int32Array(conceptCount);
  for (let i = 0; i < mentions.length; i++) {
    offsets[ends.papers[i]! + 1]!++;
    conceptSizes[ends.concepts[i]!]!++;
  }
  const paperLists = new Array<PackedMention[] | undefined>(paperCount);
  const conceptLists = new Array<PackedMention[] | undefined>(conceptCount);
  const paperAt = new Int32Array(paperCount);
  const conceptAt = new Int32Array(conceptCount);
  for (let i = 0; i < mentions.length; i++) {
    const m = packMention(mentions[i]!);
    const p = ends.papers[i]!;
    const c = ends.concepts[i]!;
    let list = paperLists[p];
    if (list === undefined) byPaper.set(m.paperId, (paperLists[p] = list = new Array<PackedMention>(offsets[p + 1]!)));
    list[paperAt[p]!++] = m;
    list = conceptLists[c];
    if (list === undefined) byConcept.set(m.conceptId, (conceptLists[c] = list = new Array<PackedMention>(conceptSizes[c]!)));
    list[conceptAt[c]!++] = m;
  }
  for (let p = 0; p < paperCount; p++) offsets[p + 1]! += offsets[p]!;
  const next = offsets.slice(0, paperCount);
  const ordinals = new Int32Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) ordinals[next[ends.papers[i]!]!++] = ends.concepts[i]!;
  // A snapshot lists mentions in the order of concepts' lists (see inLoadOrder in snapshot.ts):
  // then every list, a part of that order, is in order too, and needs no sort.
  const conceptsInOrder = inReadOrder(mentions) ? [...byConcept.keys()] : [];
  return { paperConcepts: { offsets, ordinals }, conceptsInOrder };
}

/**
 * Whether no mention comes before the one ahead of it in the read order of concepts' lists:
 * the test sorting starts with (a run), over neighbours in memory rather than each list's.
 */
function inReadOrder(mentions: readonly MentionRecord[]): boolean {
  for (let i = 1; i < mentions.length; i++) if (byConfidenceThenPaper(mentions[i]!, mentions[i - 1]!) < 0) return false;
  return true;
}

/**
 * The read order of a concept's mentions: by confidence (highest first), then paper id. A list
 * in which no entry comes before the one ahead of it is left as it is by sorting (a run is
 * what the sort looks for first), so such a list needs no sort.
 */
function byConfidenceThenPaper(a: MentionRecord, b: MentionRecord): number {
  return b.confidence - a.confidence || compareIds(a.paperId, b.paperId);
}

/**
 * {@link repeatedPapers} from each paper's concepts by ordinal (in the order of its list): a
 * concept is marked with the paper last seen naming it, not compared with the list's others.
 * Papers are read in the order of `mentionsByPaper`, so the set is the same, in the same order.
 */
function repeatedConcepts(paperConcepts: PaperConcepts, mentionsByPaper: Map<string, readonly MentionRecord[]>, papers: Ordinals, concepts: Ordinals): Set<string> {
  const { offsets, ordinals } = paperConcepts;
  const seenBy = new Int32Array(concepts.size).fill(-1);
  const into = new Set<string>();
  for (const paperId of mentionsByPaper.keys()) {
    const p = papers.get(paperId)!;
    for (let at = offsets[p]!; at < offsets[p + 1]!; at++) {
      const c = ordinals[at]!;
      if (seenBy[c] === p) into.add(concepts.idAt(c));
      seenBy[c] = p;
    }
  }
  return into;
}

/** Concepts mentioned twice by one paper, from each paper's (short) mention list. */
function repeatedPapers(mentionsByPaper: Map<string, readonly MentionRecord[]>, into = new Set<string>()): Set<string> {
  for (const list of mentionsByPaper.values()) {
    if (list.length > 16) {
      const seen = new Set<string>();
      for (const m of list) {
        if (seen.has(m.conceptId)) into.add(m.conceptId);
        seen.add(m.conceptId);
      }
      continue;
    }
    for (let i = 1; i < list.length; i++) {
      for (let j = 0; j < i; j++) if (list[j]!.conceptId === list[i]!.conceptId) into.add(list[i]!.conceptId);
    }
  }
  return into;
}

/** Whether two versions of a concept have the same names (then they have the same lookup keys). */
function sameConceptNames(a: ConceptRecord, b: ConceptRecord): boolean {
  return a.name === b.name && a.acronym === b.acronym && a.aliases.length === b.aliases.length && a.aliases.every((x, i) => x === b.aliases[i]);
}

/** Puts `next` where `old` is in `list`. */
function replaceIn<V>(list: V[] | undefined, old: V, next: V): void {
  const i = list?.indexOf(old) ?? -1;
  if (i >= 0) list![i] = next;
}

function groupBy<V>(items: readonly V[], key: (v: V) => string): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) push(groups, key(item), item);
  return groups;
}

/**
 * The graph the index holds, as plain data (lists in no particular order; see canonicalGraph).
 * Its mentions are the index's own packed records (see plainGraph for plain ones).
 */
export function graphOfIndex(index: GraphIndex): GraphData {
  const graph: GraphData = {
    papers: [...index.papers.values()],
    concepts: [...index.concepts.values()],
    repositories: [...index.repositories.values()],
    mentions: [],
    hasCode: [],
    related: [],
    broader: [],
  };
  for (const [, list] of index.mentionsByPaper.entries()) graph.mentions.push(...list);
  for (const [repositoryId, list] of index.papersByRepo.entries()) {
    for (const paperId of list) graph.hasCode.push({ paperId, repositoryId });
  }
  graph.related = index.related.records();
  for (const [narrower, list] of index.broader.entries()) {
    for (const b of list) graph.broader.push({ narrower, broader: b });
  }
  return graph;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes the entries `match` picks from the list of `key`, and the list when it is left empty. */
function removeFrom<K, V>(map: Map<K, V[]>, key: K, match: (v: V) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  keepUnless(list, match);
  if (list.length === 0) map.delete(key);
}

/** Removes the entries `match` picks, in place and in order; returns them. */
function keepUnless<V>(list: V[], match: (v: V) => boolean): V[] {
  const removed: V[] = [];
  let kept = 0;
  for (const v of list) {
    if (match(v)) removed.push(v);
    else list[kept++] = v;
  }
  list.length = kept;
  return removed;
}

/** Concepts whose sorted paper lists are kept (see papersOfConceptEntries). */
export const CONCEPT_PAPERS_CACHE = 5000;

/** Lists by key, each sorted by `compare` the first time it is read (then kept sorted until changed). */
/** Concept ordinals of every paper's mentions: those of the paper with ordinal `p` are `ordinals[offsets[p] .. offsets[p + 1])`. */
export interface PaperConcepts {
  offsets: Int32Array;
  ordinals: Int32Array;
}

export class SortedOnRead<K, V> {
  private readonly sorted: Set<K>;

  /** `inOrder`: keys whose lists are known to be sorted already. */
  constructor(
    private readonly lists: Map<K, V[]>,
    private readonly compare: (a: V, b: V) => number,
    inOrder: Iterable<K> = [],
  ) {
    this.sorted = new Set(inOrder);
  }

  get(key: K): V[] | undefined {
    const list = this.lists.get(key);
    if (list && !this.sorted.has(key)) {
      list.sort(this.compare);
      this.sorted.add(key);
    }
    return list;
  }

  /** Sorts every list not sorted yet (so no read pays for it). */
  sortAll(): void {
    for (const key of this.lists.keys()) this.get(key);
  }

  /** The list of `key` in whatever order it is in (for membership tests: does not sort it). */
  peek(key: K): readonly V[] | undefined {
    return this.lists.get(key);
  }

  /** Every key with its list, in no particular order. */
  entries(): IterableIterator<[K, V[]]> {
    return this.lists.entries();
  }

  /** Appends `value` to the list of `key`; the list is sorted again on its next read. */
  add(key: K, value: V): void {
    push(this.lists, key, value);
    this.sorted.delete(key);
  }

  /**
   * Puts each of `values` (distinct by `keyOf`) in the list of `key` in place of the entries
   * with its key (an edge stored twice becomes one), in one walk of the list; returns the entries
   * it replaced. The list is sorted again on its next read.
   */
  upsert(key: K, values: readonly V[], keyOf: (v: V) => string): V[] {
    const list = this.lists.get(key);
    if (!list) {
      this.lists.set(key, [...values]);
      this.sorted.delete(key);
      return [];
    }
    const incoming = new Map(values.map((v) => [keyOf(v), v]));
    const replaced = keepUnless(list, (v) => incoming.has(keyOf(v)));
    for (const v of values) list.push(v);
    this.sorted.delete(key);
    return replaced;
  }

  /** Removes the entries `match` picks from the list of `key` (the rest stay in order). */
  remove(key: K, match: (v: V) => boolean): void {
    removeFrom(this.lists, key, match);
  }
}
