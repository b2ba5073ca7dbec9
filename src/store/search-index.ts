import type { ConceptRecord, PaperRecord, RepositoryRecord } from '../model.js';
import { compareIds } from './ordering.js';
import { grownTo } from './typed-arrays.js';
import {
  conceptNameFuzzyKeys,
  conceptSearchDoc,
  allowedEdits,
  editDistance,
  maxPhraseBonus,
  MIN_PREFIX,
  paperSearchDoc,
  queryFuzzyKeys,
  repositoryTokens,
  type ConceptSearchDoc,
  type SearchQuery,
} from './search-scoring.js';

/** A posting list: a growable array, or a column read whole (a typed array, copied to an array when it first changes). */
export type PostingList<T> = readonly T[] | (T extends number ? Int32Array : never);

/** Token -> ids (paper ordinals, or concept and repository ids), with prefix look-up over the sorted vocabulary. */
class TokenIndex<T extends string | number> {
  private readonly postings = new Map<string, T[] | PostingList<T>>();
  private vocabulary: string[] | null = null;
  /** The words spelt backwards, sorted (for look-ups by suffix); made on first use. */
  private backwards: string[] | null = null;

  /**
   * An index of paper ordinals from its columns (see {@link FieldColumns}): each word's postings
   * a view of `postings`, the vocabulary the words as given (sorted).
   */
  static fromColumns(columns: FieldColumns): TokenIndex<number> {
    const index = new TokenIndex<number>();
    const { words, offsets, postings } = columns;
    for (let w = 0; w < words.length; w++) index.postings.set(words[w]!, postings.subarray(offsets[w]!, offsets[w + 1]!));
    index.vocabulary = words.slice();
    return index;
  }

  /** The postings of `token` as a growable array (a column's view is copied once). */
  private growable(token: string): T[] | undefined {
    const list = this.postings.get(token);
    if (list === undefined || Array.isArray(list)) return list as T[] | undefined;
    const copy = Array.from(list as ArrayLike<T>);
    this.postings.set(token, copy);
    return copy;
  }

  add(token: string, id: T): void {
    const list = this.growable(token);
    if (list) {
      list.push(id);
      return;
    }
    this.postings.set(token, [id]);
    // A vocabulary already sorted takes the new word in place (a search for it and a move of the
    // words after it) rather than being sorted again whole.
    if (this.vocabulary) this.vocabulary.splice(position(this.vocabulary, token), 0, token);
    if (this.backwards) this.backwards.splice(position(this.backwards, reversed(token)), 0, reversed(token));
  }

  /** Takes `id` off the postings of `token` (every occurrence); a word left with none leaves the vocabulary. */
  remove(token: string, id: T): void {
    const list = this.growable(token);
    if (!list) return;
    let kept = 0;
    for (const other of list) if (other !== id) list[kept++] = other;
    list.length = kept;
    if (kept > 0) return;
    this.postings.delete(token);
    if (this.vocabulary) this.vocabulary.splice(position(this.vocabulary, token), 1);
    if (this.backwards) this.backwards.splice(position(this.backwards, reversed(token)), 1);
  }

  exact(token: string): PostingList<T> {
    return (this.postings.get(token) ?? []) as PostingList<T>;
  }

  /** The postings of every token starting with `prefix` (`prefix` itself included), one list at a time. */
  *withPrefix(prefix: string): Generator<PostingList<T>> {
    for (const word of this.wordsWithPrefix(prefix)) yield this.postings.get(word)! as PostingList<T>;
  }

  /** Sorts the words for look-ups by prefix and, with `suffixes`, by suffix (else done on first use). */
  prepare(suffixes: boolean): void {
    this.vocabulary ??= [...this.postings.keys()].sort(compareIds);
    if (suffixes) this.backwards ??= [...this.postings.keys()].map(reversed).sort(compareIds);
  }

  /** Every token starting with `prefix` (`prefix` itself included), in order. */
  *wordsWithPrefix(prefix: string): Generator<string> {
    this.prepare(false);
    const words = this.vocabulary!;
    for (let i = position(words, prefix); i < words.length && words[i]!.startsWith(prefix); i++) yield words[i]!;
  }

  /** Every token ending with `suffix` (`suffix` itself included). */
  *wordsWithSuffix(suffix: string): Generator<string> {
    this.prepare(true);
    const words = this.backwards!;
    const start = reversed(suffix);
    for (let i = position(words, start); i < words.length && words[i]!.startsWith(start); i++) yield reversed(words[i]!);
  }
}

/** Where `word` is or would be in the sorted `words`. */
function position(words: readonly string[], word: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `word` spelt backwards, by UTF-16 unit (a suffix of a word is a prefix of the word backwards). */
function reversed(word: string): string {
  let out = '';
  for (let i = word.length - 1; i >= 0; i--) out += word[i];
  return out;
}

/**
 * One field's postings of papers (title or abstract) as columns: the words in vocabulary order
 * (see compareIds), and the paper ordinals holding word `w`, ascending, at
 * `postings[offsets[w]..offsets[w + 1])`. Built apart from the index (see PaperColumnsBuilder), to
 * be taken whole by it.
 */
export interface FieldColumns {
  words: string[];
  offsets: Int32Array;
  postings: Int32Array;
}

/** The title and abstract postings of papers added one by one, whose ordinals are their positions in that order. */
export class PaperColumnsBuilder {
  private readonly title = new FieldColumnsBuilder();
  private readonly abstract = new FieldColumnsBuilder();
  private count = 0;

  add(paper: Pick<PaperRecord, 'title' | 'abstract'>): void {
    const doc = paperSearchDoc(paper);
    const ord = this.count++;
    this.title.add(doc.titleTokens, ord);
    this.abstract.add(doc.abstractTokens, ord);
  }

  build(): { title: FieldColumns; abstract: FieldColumns } {
    return { title: this.title.build(), abstract: this.abstract.build() };
  }
}

/** One field's postings, gathered as (word number, paper) pairs in paper order, then grouped by word. */
class FieldColumnsBuilder {
  private readonly numbers = new Map<string, number>();
  private readonly words: string[] = [];
  private wordOf = new Int32Array(1 << 16);
  private paperOf = new Int32Array(1 << 16);
  private size = 0;

  add(tokens: Iterable<string>, ord: number): void {
    for (const token of tokens) {
      let n = this.numbers.get(token);
      if (n === undefined) {
        n = this.words.length;
        this.words.push(token);
        this.numbers.set(token, n);
      }
      if (this.size === this.wordOf.length) {
        this.wordOf = grownTo(this.wordOf, this.size * 2);
        this.paperOf = grownTo(this.paperOf, this.size * 2);
      }
      this.wordOf[this.size] = n;
      this.paperOf[this.size++] = ord;
    }
  }

  build(): FieldColumns {
    const order = this.words.map((_, n) => n).sort((a, b) => compareIds(this.words[a]!, this.words[b]!));
    const rank = new Int32Array(order.length);
    order.forEach((n, r) => (rank[n] = r));
    const offsets = new Int32Array(order.length + 1);
    for (let i = 0; i < this.size; i++) offsets[rank[this.wordOf[i]!]! + 1]!++;
    for (let r = 0; r < order.length; r++) offsets[r + 1]! += offsets[r]!;
    // Pairs are in paper order, so each word's papers come out ascending.
    const next = offsets.slice(0, order.length);
    const postings = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) postings[next[rank[this.wordOf[i]!]!]!++] = this.paperOf[i]!;
    return { words: order.map((n) => this.words[n]!), offsets, postings };
  }
}

/** Dense numbers for ids, in the order first seen (so typed arrays can be indexed by them). */
export class Ordinals {
  private readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.of(id);
  }

  /** The number of `id`, given it now if it has none. */
  of(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.numbers.set(id, n);
    }
    return n;
  }

  get(id: string): number | undefined {
    return this.numbers.get(id);
  }

  idAt(n: number): string {
    return this.ids[n]!;
  }

  get size(): number {
    return this.ids.length;
  }
}

/** A query token's postings in one field of the papers: one list per word it matches, with the units a hit there counts. */
interface FieldPostings {
  lists: PostingList<number>[];
  units: number[];
}

/**
 * What the phrase bonus needs of a paper's field: the whole query inside its text means each
 * token inside the phrase is one of the field's words ('exact'), the phrase's last token starts
 * one ('any': any hit of the token) and its first token ends one ('end').
 */
export interface PhraseNeeds {
  needs: ReadonlyMap<string, 'exact' | 'any' | 'end'>;
}

/** The field words a paper needs to hold the query's phrase (see {@link PhraseNeeds}); null when there is no phrase bonus. */
export function phraseNeeds(q: SearchQuery): PhraseNeeds | null {
  if (maxPhraseBonus(q) === 0) return null;
  const sequence = q.phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const needs = new Map<string, 'exact' | 'any' | 'end'>();
  const last = sequence[sequence.length - 1];
  if (last !== undefined) needs.set(last, 'any');
  for (const t of sequence.slice(1, -1)) needs.set(t, 'exact');
  // (A token met twice keeps its first need: each is a condition the field must meet.)
  if (sequence.length > 1 && !needs.has(sequence[0]!)) needs.set(sequence[0]!, 'end');
  return { needs };
}

/** Postings the words a need reads (a short last token's, the first token's ending it) may hold beyond four times the token's own. */
const SHORT_NEED_POSTINGS = 10_000;

/** What a caller of SearchIndex.rankedPaperHits knows of its cut, to count fewer papers. */
export interface PaperHitOptions {
  /** Only a paper with the phrase in its title can enter (any other scores at most 1.5). */
  titlePhrase?: boolean;
  /** Whether a paper scoring at most `bound` (its score in the same steps) could enter. */
  enters?: (bound: number) => boolean;
}

/**
 * Papers by the most they can score (see SearchIndex.rankedPaperHits): the `i`-th one's id, token
 * hits and most phrase bonus. Papers with the same most come by ordinal; of two ordinals below
 * `idOrdered`, the smaller has the smaller id.
 */
export interface RankedPaperHits {
  length: number;
  idOrdered: number;
  ordinal(i: number): number;
  id(i: number): string;
  hits(i: number): number;
  bonusBound(i: number): number;
}

/** A paper's token hits in half-hit units, and the most phrase bonus it can get (in the same units). */
export interface RankedHits {
  ordinals: Int32Array;
  units: Uint32Array;
  bonusUnits: Uint32Array;
}

/**
 * Token hits of papers, counted in half-hit units in typed arrays indexed by paper ordinal (a
 * query touching most of 100,000 papers costs a pass over their postings, not a map entry each),
 * with, per field, how many of the phrase's needs (see {@link PhraseNeeds}) the paper meets.
 * Scratch space is reused across queries; searches run one at a time on the event loop.
 */
class HitCounter {
  private total = new Uint32Array(0);
  /** Per paper, for the current token and field: 0 unseen, else 1 + the units of its best hit. */
  private level = new Uint8Array(0);
  private met = [new Uint16Array(0), new Uint16Array(0)];
  private isTouched = new Uint8Array(0);
  private touched = new Int32Array(0);
  private seen = new Int32Array(0);
  private size = 0;
  /** Papers {@link restrict} lets {@link count} count (1), and which they are. */
  private only = new Uint8Array(0);
  private restricted = new Int32Array(0);
  private restrictedSize = 0;

  /** Makes room for ordinals below `n`. */
  private reserve(n: number): void {
    if (this.total.length >= n) return;
    const length = Math.max(n, this.total.length * 2, 1024);
    this.total = new Uint32Array(length);
    this.level = new Uint8Array(length);
    this.met = [new Uint16Array(length), new Uint16Array(length)];
    this.isTouched = new Uint8Array(length);
    this.touched = new Int32Array(length);
    this.seen = new Int32Array(length);
    this.only = new Uint8Array(length);
    this.restricted = new Int32Array(length);
  }

  /**
   * One query token over the two fields: each paper's best level in a field is added to its
   * total, and a need of the phrase it meets is counted. `exactUnits` tells the level of a
   * whole-word hit in each field (what an 'exact' need asks for).
   */
  count(
    ordinals: number,
    fields: [FieldPostings, FieldPostings],
    exactUnits: [number, number],
    need: 'exact' | 'any' | undefined,
    only: Uint8Array | null = null,
  ): void {
    this.reserve(ordinals);
    const { total, level, touched, isTouched, seen } = this;
    for (let f = 0; f < 2; f++) {
      const { lists, units } = fields[f]!;
      const met = this.met[f]!;
      const exact = exactUnits[f]! + 1;
      // Typed-array passes (the postings of a common word hold most papers): levels are 1 + units, 0 unseen.
      let n = 0;
      for (let k = 0; k < lists.length; k++) {
        const list = lists[k]!;
        const u = units[k]! + 1;
        for (let i = 0; i < list.length; i++) {
          const ord = list[i]!;
          if (only !== null && only[ord] === 0) continue;
          const l = level[ord]!;
          if (l === 0) seen[n++] = ord;
          if (l < u) level[ord] = u;
        }
      }
      for (let i = 0; i < n; i++) {
        const ord = seen[i]!;
        if (isTouched[ord] === 0) {
          isTouched[ord] = 1;
          touched[this.size++] = ord;
        }
        const l = level[ord]!;
        total[ord]! += l - 1;
        if (need === 'any' || (need === 'exact' && l === exact)) met[ord]!++;
        level[ord] = 0;
      }
    }
  }

  /**
   * Marks the papers found in a list of every one of `needs` (each a group of postings) and
   * returns the marks, for {@link count} to count only them; {@link unrestrict} clears them.
   */
  restrict(ordinals: number, needs: PostingList<number>[][]): Uint8Array {
    this.reserve(ordinals);
    const { level, only, seen } = this;
    // The title's need counts (zero between calls) count here how many needs a paper meets.
    const met = this.met[0]!;
    let n = 0;
    for (const lists of needs) {
      let m = 0;
      for (const list of lists) {
        for (let i = 0; i < list.length; i++) {
          const ord = list[i]!;
          if (level[ord] === 0) {
            level[ord] = 1;
            seen[m++] = ord;
          }
        }
      }
      for (let i = 0; i < m; i++) {
        const ord = seen[i]!;
        level[ord] = 0;
        if (met[ord]!++ === 0) this.restricted[n++] = ord;
      }
    }
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const ord = this.restricted[i]!;
      if (met[ord] === needs.length) {
        only[ord] = 1;
        this.restricted[kept++] = ord;
      }
      met[ord] = 0;
    }
    this.restrictedSize = kept;
    return only;
  }

  unrestrict(): void {
    for (let i = 0; i < this.restrictedSize; i++) this.only[this.restricted[i]!] = 0;
    this.restrictedSize = 0;
  }

  /**
   * The counted papers, by the most they can score (token hits plus the phrase bonus a paper
   * meeting all `needs` needs of a field may get), best first, then by ordinal; the counts are
   * then cleared. `unitsPerPoint` converts a score of 1 to units.
   */
  drain(maxUnits: number, needs: number | null, unitsPerPoint: number): RankedHits {
    const { total, touched, isTouched } = this;
    const [titleMet, abstractMet] = this.met as [Uint16Array, Uint16Array];
    // Papers seen only where a short last token starts a word have no hits: they score nothing.
    let size = 0;
    for (let i = 0; i < this.size; i++) {
      const ord = touched[i]!;
      if (total[ord]! > 0) touched[size++] = ord;
      else {
        isTouched[ord] = 0;
        titleMet[ord] = 0;
        abstractMet[ord] = 0;
      }
    }
    // By ordinal (the counting sort below keeps this order within a bucket): a scan of the marks
    // when most papers were counted, else a sort of the few.
    if (size * 16 > isTouched.length) {
      let at = 0;
      for (let ord = 0; ord < isTouched.length; ord++) if (isTouched[ord] !== 0) touched[at++] = ord;
    } else {
      touched.subarray(0, size).sort();
    }
    const bonusOf = (ord: number) =>
      needs === null ? 0 : titleMet[ord] === needs ? unitsPerPoint : abstractMet[ord] === needs ? unitsPerPoint / 2 : 0;
    const top = maxUnits + (needs === null ? 0 : unitsPerPoint);
    const bucket = (ord: number) => top - Math.min(total[ord]! + bonusOf(ord), top);
    const starts = new Uint32Array(top + 2);
    for (let i = 0; i < size; i++) starts[bucket(touched[i]!)]!++;
    let start = 0;
    for (let u = 0; u <= top; u++) {
      const n = starts[u]!;
      starts[u] = start;
      start += n;
    }
    const ordinals = new Int32Array(size);
    const units = new Uint32Array(size);
    const bonusUnits = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      const ord = touched[i]!;
      const at = starts[bucket(ord)]!++;
      ordinals[at] = ord;
      units[at] = total[ord]!;
      bonusUnits[at] = bonusOf(ord);
    }
    for (let i = 0; i < size; i++) {
      const ord = touched[i]!;
      total[ord] = 0;
      isTouched[ord] = 0;
      titleMet[ord] = 0;
      abstractMet[ord] = 0;
    }
    this.size = 0;
    return { ordinals, units, bonusUnits };
  }
}

/**
 * The embedded store's inverted index for `search`: exact tokens, prefixes and, for concept
 * names, typo keys. It finds every document the scorers of `search-scoring.ts` can score above
 * zero (and a few more), like the Neo4j full-text indexes do, and keeps each document's token
 * sets so scoring does not tokenise again.
 */
export class SearchIndex {
  private titleTokens = new TokenIndex<number>();
  private abstractTokens = new TokenIndex<number>();
  /** Words of concept names -> the ordinals of the names (a concept's name and each alias) holding them. */
  private readonly conceptTokens = new TokenIndex<number>();
  /** Typo keys of the words of concept names -> those words (see conceptNameFuzzyKeys). */
  private readonly wordFuzzy = new TokenIndex<string>();
  private readonly fuzzyWords = new Set<string>();
  private readonly concepts = new Ordinals();
  /**
   * Concept names (a concept's name and each alias, lower-cased) are numbered as indexed: by
   * concept ordinal, the numbers of its names in the order of its search doc's `names`; by name
   * number, its concept's ordinal and its word count.
   */
  private readonly nameOrdinals: number[][] = [];
  private nameCount = 0;
  private nameConcept = new Int32Array(0);
  private nameWords = new Uint16Array(0);
  /** Concepts by each of their lower-cased names (what scores 3 when the query is exactly it). */
  private readonly conceptsByName = new Map<string, string[]>();
  /** Scratch by name ordinal (best level of the current query token, summed levels, words covered) and by concept ordinal (best bound). */
  private nameLevel = new Uint8Array(0);
  private nameTotal = new Uint32Array(0);
  private nameCovered = new Uint16Array(0);
  private nameSeen = new Int32Array(0);
  private nameTouched = new Int32Array(0);
  private conceptBound = new Float64Array(0);
  private readonly repositoryTokens = new TokenIndex<string>();
  /** Paper ordinals: postings hold them. */
  private readonly papers = new Ordinals();
  /**
   * How many papers, from the first ordinal on, have ordinals in the order of their ids (a
   * snapshot's papers all do; a delta may add one out of order, and those after it do not count).
   */
  private idOrdered = 0;
  private readonly counter = new HitCounter();
  readonly conceptDocs = new Map<string, ConceptSearchDoc>();

  /**
   * Indexes the records; `paperColumns`, when given, are the postings of `papers` made apart (see
   * {@link PaperColumnsBuilder}: paper ordinals are positions in `papers`), taken instead of
   * tokenising every paper again.
   */
  constructor(
    papers: Iterable<PaperRecord>,
    concepts: Iterable<ConceptRecord>,
    repositories: Iterable<RepositoryRecord>,
    paperColumns?: { title: FieldColumns; abstract: FieldColumns },
  ) {
    this.addPapers(papers, paperColumns);
    for (const concept of concepts) this.addConcept(concept);
    for (const repo of repositories) this.addRepository(repo);
  }

  /**
   * Indexes `papers`, given that no paper is indexed yet (a load may index concepts first):
   * from `columns`, their postings made apart (see {@link PaperColumnsBuilder}: paper ordinals
   * are positions in `papers`), or else by tokenising each.
   */
  addPapers(papers: Iterable<PaperRecord>, columns?: { title: FieldColumns; abstract: FieldColumns }): void {
    if (this.papers.size > 0) throw new Error('papers are added one by one to a search index that holds papers');
    if (columns) {
      this.titleTokens = TokenIndex.fromColumns(columns.title);
      this.abstractTokens = TokenIndex.fromColumns(columns.abstract);
      for (const paper of papers) this.paperOrdinal(paper.id);
    } else {
      for (const paper of papers) this.addPaper(paper);
    }
  }

  /** Sorts the words that searches look up by prefix or suffix, so that no search pays for it. */
  prepare(): void {
    this.titleTokens.prepare(true);
    this.abstractTokens.prepare(true);
    this.conceptTokens.prepare(false);
    this.repositoryTokens.prepare(false);
  }

  /**
   * Indexes `paper` in place of `old` (the record it replaces, if any). Only the words one of the
   * two versions lacks are touched, so a paper changing a few words costs a few postings, not
   * one per word (the postings of common words are long).
   */
  putPaper(paper: PaperRecord, old?: PaperRecord): void {
    const ord = this.papers.get(paper.id);
    if (!old || ord === undefined) {
      this.addPaper(paper);
      return;
    }
    const before = paperSearchDoc(old);
    const doc = paperSearchDoc(paper);
    swapTokens(this.titleTokens, ord, before.titleTokens, doc.titleTokens);
    swapTokens(this.abstractTokens, ord, before.abstractTokens, doc.abstractTokens);
  }

  /** Indexes `concept` in place of `old` (the record it replaces, if any); see {@link putPaper}. */
  putConcept(concept: ConceptRecord, old?: ConceptRecord): void {
    const ord = this.concepts.get(concept.id);
    if (!old || ord === undefined) {
      this.addConcept(concept);
      return;
    }
    const [before, doc] = [this.conceptDocs.get(concept.id) ?? conceptSearchDoc(old), conceptSearchDoc(concept)];
    this.conceptDocs.set(concept.id, doc);
    // Most replacements change counts, not names: then no posting changes.
    const kept = new Set(doc.names);
    const numbers = this.nameOrdinals[ord] ?? [];
    before.names.forEach((name, i) => {
      if (kept.has(name)) return;
      const ids = this.conceptsByName.get(name);
      if (ids) keepUnlessEqual(ids, concept.id);
      if (ids?.length === 0) this.conceptsByName.delete(name);
      const nameOrd = numbers[i];
      if (nameOrd !== undefined) for (const t of before.nameTokens[i]!) this.conceptTokens.remove(t, nameOrd);
    });
    const had = new Map(before.names.map((name, i) => [name, numbers[i]]));
    this.nameOrdinals[ord] = doc.names.map((name, i) => had.get(name) ?? this.addConceptName(ord, concept.id, name, doc.nameTokens[i]!));
  }

  /** Indexes `repo` in place of `old` (the record it replaces, if any). */
  putRepository(repo: RepositoryRecord, old?: RepositoryRecord): void {
    if (!old) {
      this.addRepository(repo);
      return;
    }
    swapTokens(this.repositoryTokens, repo.id, new Set(repositoryTokens(old)), new Set(repositoryTokens(repo)));
  }

  /** The ordinal of paper `id`, given it now if it has none. */
  private paperOrdinal(id: string): number {
    const n = this.papers.size;
    const ord = this.papers.of(id);
    if (ord === n && this.idOrdered === n && (n === 0 || compareIds(this.papers.idAt(n - 1), id) < 0)) this.idOrdered++;
    return ord;
  }

  private addPaper(paper: PaperRecord): void {
    const ord = this.paperOrdinal(paper.id);
    const doc = paperSearchDoc(paper);
    for (const t of doc.titleTokens) this.titleTokens.add(t, ord);
    for (const t of doc.abstractTokens) this.abstractTokens.add(t, ord);
  }

  private addConcept(concept: ConceptRecord): void {
    const ord = this.concepts.of(concept.id);
    const doc = conceptSearchDoc(concept);
    this.conceptDocs.set(concept.id, doc);
    this.nameOrdinals[ord] = doc.names.map((name, i) => this.addConceptName(ord, concept.id, name, doc.nameTokens[i]!));
  }

  /** Indexes one (lower-cased) name of concept `ord`, its exact look-up and its words, under a new number, which it returns. */
  private addConceptName(ord: number, id: string, name: string, tokens: readonly string[]): number {
    const ids = this.conceptsByName.get(name);
    if (!ids) this.conceptsByName.set(name, [id]);
    else if (!ids.includes(id)) ids.push(id);
    const nameOrd = this.nameCount++;
    if (this.nameConcept.length <= nameOrd) {
      const length = Math.max(nameOrd + 1, this.nameConcept.length * 2, 1024);
      this.nameConcept = grownTo(this.nameConcept, length);
      this.nameWords = grownTo(this.nameWords, length);
    }
    this.nameConcept[nameOrd] = ord;
    this.nameWords[nameOrd] = Math.min(tokens.length, 0xffff);
    for (const word of tokens) {
      // A word whose names all left keeps its keys; look-ups skip words without postings.
      if (this.conceptTokens.exact(word).length === 0 && !this.fuzzyWords.has(word)) {
        this.fuzzyWords.add(word);
        for (const key of conceptNameFuzzyKeys(word)) this.wordFuzzy.add(key, word);
      }
      this.conceptTokens.add(word, nameOrd);
    }
    return nameOrd;
  }

  /**
   * Every concept `scoreConcept` can score above zero, with its score as the postings give it
   * (`bound`: 3 for those named exactly by the query, else the best of its names' 1.5 x the sum
   * over query tokens of the best match the name's words give (1 exact, 0.75 prefix, 0.5 typo) /
   * tokens + 0.5 x the share of the name's words some query token matches), in order of `cap`:
   * the bound rounded up to a 64th, which never rises along the list (so a caller stops at the
   * first cap that cannot reach its cut, and skips on the bound those that tie with it). Read from
   * the postings in typed-array passes, so no concept is scored to be ranked.
   */
  rankedConcepts(q: SearchQuery): RankedConcepts {
    const count = q.tokens.length;
    if (count === 0) return { length: 0, id: () => '', bound: () => 0, cap: () => 0 };
    const exact = [...(this.conceptsByName.get(q.phrase) ?? [])].sort(compareIds);
    const exactOrdinals = new Set(exact.map((id) => this.concepts.get(id)!));
    this.reserveNames(this.nameCount, this.concepts.size);
    const { nameLevel: level, nameTotal: total, nameCovered: covered, nameSeen: seen, nameTouched: touched, conceptBound: best } = this;
    let touchedCount = 0;
    const matchedWords = new Set<string>();
    // Quarter points: exact 4, prefix 3, typo 2; each name takes its best word per query token.
    for (const t of q.tokens) {
      const long = [...t].length >= MIN_PREFIX;
      const words: string[] = long ? [...this.conceptTokens.wordsWithPrefix(t)] : [t];
      const prefixWords = words.length;
      for (const word of this.typoWords(t)) if (!(long && word.startsWith(t))) words.push(word);
      let n = 0;
      for (let w = 0; w < words.length; w++) {
        const list = this.conceptTokens.exact(words[w]!);
        if (list.length > 0) matchedWords.add(words[w]!);
        const units = w >= prefixWords ? 2 : words[w] === t ? 4 : 3;
        for (let i = 0; i < list.length; i++) {
          const ord = list[i]!;
          const l = level[ord]!;
          if (l === 0) seen[n++] = ord;
          if (l < units) level[ord] = units;
        }
      }
      for (let i = 0; i < n; i++) {
        const ord = seen[i]!;
        if (total[ord] === 0) touched[touchedCount++] = ord;
        total[ord]! += level[ord]!;
        level[ord] = 0;
      }
    }
    // A name word matched by any query token counts once.
    for (const word of matchedWords) {
      const list = this.conceptTokens.exact(word);
      for (let i = 0; i < list.length; i++) covered[list[i]!]!++;
    }
    // Each concept's best name; concepts listed in `seen`, reused.
    let conceptCount = 0;
    for (let i = 0; i < touchedCount; i++) {
      const ord = touched[i]!;
      const bound = (1.5 * total[ord]!) / 4 / count + (0.5 * covered[ord]!) / this.nameWords[ord]!;
      total[ord] = 0;
      covered[ord] = 0;
      const c = this.nameConcept[ord]!;
      if (exactOrdinals.has(c)) continue;
      if (best[c] === 0) seen[conceptCount++] = c;
      if (bound > best[c]!) best[c] = bound;
    }
    // By the bound rounded up to a 64th (a counting sort; 3 is the most a concept scores).
    const capOf = (bound: number) => Math.ceil(bound * 64 - 1e-6);
    const starts = new Uint32Array(3 * 64 + 2);
    for (let i = 0; i < conceptCount; i++) starts[3 * 64 - capOf(best[seen[i]!]!)]!++;
    for (let b = 0, start = 0; b < starts.length; b++) [starts[b], start] = [start, start + starts[b]!];
    const order = new Int32Array(conceptCount);
    const bounds = new Float64Array(conceptCount);
    for (let i = 0; i < conceptCount; i++) {
      const c = seen[i]!;
      const at = starts[3 * 64 - capOf(best[c]!)]!++;
      order[at] = c;
      bounds[at] = best[c]!;
      best[c] = 0;
    }
    const e = exact.length;
    return {
      length: e + conceptCount,
      id: (i) => (i < e ? exact[i]! : this.concepts.idAt(order[i - e]!)),
      bound: (i) => (i < e ? 3 : bounds[i - e]!),
      cap: (i) => (i < e ? 3 : capOf(bounds[i - e]!) / 64),
    };
  }

  /** Makes the scratch arrays hold `names` names and `concepts` concepts. */
  private reserveNames(names: number, concepts: number): void {
    if (this.nameTotal.length < Math.max(names, concepts)) {
      const length = Math.max(names, concepts, this.nameTotal.length * 2, 1024);
      this.nameLevel = new Uint8Array(length);
      this.nameTotal = new Uint32Array(length);
      this.nameCovered = new Uint16Array(length);
      this.nameSeen = new Int32Array(length);
      this.nameTouched = new Int32Array(length);
    }
    if (this.conceptBound.length < concepts) this.conceptBound = new Float64Array(Math.max(concepts, this.conceptBound.length * 2, 1024));
  }

  private addRepository(repo: RepositoryRecord): void {
    for (const t of repositoryTokens(repo)) this.repositoryTokens.add(t, repo.id);
  }

  /**
   * The token hits `scorePaper` counts, for every paper with at least one, read from the
   * postings instead of each paper's token sets: per query token, title 2 (exact) or 1 (prefix),
   * abstract 1 or 0.5. With each, the most phrase bonus the paper can get (0 when its words
   * rule the phrase out, else what {@link paperScoreOfHits} may add); best bound first.
   */
  rankedPaperHits(q: SearchQuery, options: PaperHitOptions = {}): RankedPaperHits {
    const phrase = phraseNeeds(q);
    // Units: title 4 exact, 2 prefix; abstract 2 and 1.
    const fields = [this.titleTokens, this.abstractTokens] as const;
    const exactUnits: [number, number] = [4, 2];
    let needCount = phrase?.needs.size ?? 0;
    const postings = q.tokens.map((t) => {
      const prefixCounts = [...t].length >= MIN_PREFIX;
      const need = phrase?.needs.get(t);
      const exact = fields.map((field, f): FieldPostings => ({ lists: [field.exact(t)], units: [exactUnits[f]!] })) as [FieldPostings, FieldPostings];
      const size = (f: FieldPostings) => f.lists.reduce((n, list) => n + list.length, 0);
      // A need whose words would be read for it alone is left out when they are far more than
      // the token's own postings ("... a": every word starting with "a"); the bound is then
      // looser, never wrong.
      const tooMany = (extra: [FieldPostings, FieldPostings]) => size(extra[0]) + size(extra[1]) > 4 * (size(exact[0]) + size(exact[1])) + SHORT_NEED_POSTINGS;
      const own = !prefixCounts
        ? exact
        : (fields.map((field, f): FieldPostings => {
            const words = [...field.wordsWithPrefix(t)];
            return { lists: words.map((word) => field.exact(word)), units: words.map((word) => (word === t ? exactUnits[f]! : exactUnits[f]! / 2)) };
          }) as [FieldPostings, FieldPostings]);
      // Words read for a need alone (no hits): a short last token ("cifar-10") does not match as
      // a prefix, but a field holding the phrase has a word it starts; the first token ends a
      // word of such a field ("odel handle": "model").
      const needWords =
        need === 'any' && !prefixCounts
          ? (field: TokenIndex<number>) => [...field.wordsWithPrefix(t)].filter((word) => word !== t)
          : need === 'end'
            ? (field: TokenIndex<number>) => [...field.wordsWithSuffix(t)].filter((word) => word !== t && !(prefixCounts && word.startsWith(t)))
            : null;
      if (needWords) {
        const extra = fields.map((field): FieldPostings => {
          const words = needWords(field);
          return { lists: words.map((word) => field.exact(word)), units: words.map(() => 0) };
        }) as [FieldPostings, FieldPostings];
        if (tooMany(extra)) {
          needCount--;
          return { token: t, need: undefined, lists: own };
        }
        return { token: t, need, lists: joined(own, extra) };
      }
      return { token: t, need, lists: own };
    });
    // Only papers whose title can hold the phrase: those whose title words meet every need (the
    // titles' postings are short), and only they are counted.
    let only: Uint8Array | null = null;
    if (options.titlePhrase && phrase) {
      const needs = postings.flatMap(({ token, need, lists: [title] }) =>
        need === undefined ? [] : [need === 'exact' ? [this.titleTokens.exact(token)] : title.lists],
      );
      // No need left (a short last token's was dropped): every paper's title may hold the phrase.
      if (needs.length > 0) only = this.counter.restrict(this.papers.size, needs);
    } else if (options.enters && phrase && !options.enters((3 * (q.tokens.length - 1)) / (3 * q.tokens.length))) {
      // A paper without a word the phrase needs gets no bonus and at most every other token's
      // hits; when that cannot enter, only the papers holding the rarest such word are counted
      // ("model handle": those with a word starting "handle", not every paper saying "model").
      const size = (f: FieldPostings) => f.lists.reduce((n, list) => n + list.length, 0);
      let rarest: FieldPostings[] | null = null;
      for (const { need, lists } of postings) {
        if (need !== undefined && (rarest === null || size(lists[0]) + size(lists[1]) < size(rarest[0]!) + size(rarest[1]!))) rarest = lists;
      }
      if (rarest) only = this.counter.restrict(this.papers.size, [[...rarest[0]!.lists, ...rarest[1]!.lists]]);
    }
    for (const { need, lists } of postings) this.counter.count(this.papers.size, lists, exactUnits, need === 'end' ? 'any' : need, only);
    if (only) this.counter.unrestrict();
    // Units are half hits; a score of 1 is 3 hits per query token.
    const unitsPerPoint = 6 * q.tokens.length;
    const { ordinals, units, bonusUnits } = this.counter.drain(unitsPerPoint, phrase ? needCount : null, unitsPerPoint);
    const papers = this.papers;
    return {
      length: ordinals.length,
      idOrdered: this.idOrdered,
      ordinal: (i) => ordinals[i]!,
      id: (i) => papers.idAt(ordinals[i]!),
      hits: (i) => units[i]! / 2,
      bonusBound: (i) => bonusUnits[i]! / unitsPerPoint,
    };
  }

  /** {@link rankedPaperHits} by paper id. */
  paperHits(q: SearchQuery): Map<string, number> {
    const ranked = this.rankedPaperHits(q);
    const hits = new Map<string, number>();
    for (let i = 0; i < ranked.length; i++) hits.set(ranked.id(i), ranked.hits(i));
    return hits;
  }

  /** Name words a typo away from `t` (within `allowedEdits(t)`; t itself excluded). */
  private typoWords(t: string): Set<string> {
    const words = new Set<string>();
    const edits = allowedEdits(t);
    if (edits === 0) return words;
    for (const key of queryFuzzyKeys(t)) {
      for (const word of this.wordFuzzy.exact(key)) {
        if (word !== t && !words.has(word) && editDistance(t, word, edits) <= edits) words.add(word);
      }
    }
    return words;
  }

  /**
   * Repositories holding a query token or a word it starts, each with the share `scoreRepository`
   * gives it unless the query names it (a token 1, a word it starts 0.5, over the query's tokens).
   */
  repositoryCandidates(q: SearchQuery): Map<string, number> {
    const found = new Map<string, number>();
    for (const t of q.tokens) {
      const best = new Map<string, number>();
      if ([...t].length >= MIN_PREFIX) for (const list of this.repositoryTokens.withPrefix(t)) for (const id of list) best.set(id, 0.5);
      for (const id of this.repositoryTokens.exact(t)) best.set(id, 1);
      for (const [id, share] of best) found.set(id, (found.get(id) ?? 0) + share);
    }
    for (const [id, sum] of found) found.set(id, sum / q.tokens.length);
    return found;
  }
}

/** Concepts in the order of {@link SearchIndex.rankedConcepts}: the `i`-th one's id, bound and cap. */
export interface RankedConcepts {
  length: number;
  id(i: number): string;
  bound(i: number): number;
  cap(i: number): number;
}

/** The lists of `a` and `b`, field by field. */
function joined(a: [FieldPostings, FieldPostings], b: [FieldPostings, FieldPostings]): [FieldPostings, FieldPostings] {
  return [0, 1].map((f) => ({ lists: [...a[f]!.lists, ...b[f]!.lists], units: [...a[f]!.units, ...b[f]!.units] })) as [FieldPostings, FieldPostings];
}

/** Takes every `value` out of `list`, in place. */
function keepUnlessEqual<T>(list: T[], value: T): void {
  let kept = 0;
  for (const item of list) if (item !== value) list[kept++] = item;
  list.length = kept;
}

/** Moves `id` from the postings of the words only `before` has to those only `after` has. */
function swapTokens<T extends string | number>(index: TokenIndex<T>, id: T, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
  for (const t of before) if (!after.has(t)) index.remove(t, id);
  for (const t of after) if (!before.has(t)) index.add(t, id);
}
