import type { RelatedRecord } from '../../model.js';
import { compareIds } from '../ordering.js';
import type { Ordinals } from '../search-index.js';

/**
 * A concept's RELATED_TO entries as columns: a hub has thousands, the whole graph millions at
 * 100,000 papers, and as one object each they were a fifth of the heap. Entry `i` names the
 * other concept by ordinal; `out` is true in the list of the concept the record was stored from
 * (its source), so the stored records can be given back exactly.
 */
export class RelatedList {
  /** Per entry: the other concept's ordinal times two, plus one when the entry is `out`. */
  ends: Int32Array;
  /** Per entry: shared papers, then weight. */
  figures: Float64Array;
  /** Whether the entries are in read order (see {@link RelatedLists.get}). */
  sorted = false;

  /** A list over the given columns (`figures` twice as long as `ends`). */
  constructor(ends: Int32Array, figures: Float64Array) {
    this.ends = ends;
    this.figures = figures;
  }

  /** A list of `length` entries, to be written. */
  static ofLength(length: number): RelatedList {
    return new RelatedList(new Int32Array(length), new Float64Array(2 * length));
  }

  get length(): number {
    return this.ends.length;
  }

  /** The other concept's ordinal. */
  otherAt(i: number): number {
    return this.ends[i]! >> 1;
  }

  outAt(i: number): boolean {
    return (this.ends[i]! & 1) === 1;
  }

  sharedAt(i: number): number {
    return this.figures[2 * i]!;
  }

  weightAt(i: number): number {
    return this.figures[2 * i + 1]!;
  }

  /** Writes entry `i`. */
  set(i: number, other: number, out: boolean, sharedPapers: number, weight: number): void {
    this.ends[i] = other * 2 + (out ? 1 : 0);
    this.figures[2 * i] = sharedPapers;
    this.figures[2 * i + 1] = weight;
  }

  /** Copies entry `from` of `source` to entry `i`. */
  copy(i: number, source: RelatedList, from: number): void {
    this.ends[i] = source.ends[from]!;
    this.figures[2 * i] = source.figures[2 * from]!;
    this.figures[2 * i + 1] = source.figures[2 * from + 1]!;
  }
}

/**
 * RELATED_TO records as columns, naming their concepts by ordinal: how a snapshot's records are
 * read (by their position in the snapshot's concepts, which is their ordinal), without an object
 * or an id look-up per record.
 */
export interface RelatedColumns {
  sources: Int32Array;
  targets: Int32Array;
  sharedPapers: Float64Array;
  weights: Float64Array;
}

/** Collects RELATED_TO records as {@link RelatedColumns}, growing them as needed. */
export class RelatedColumnsBuilder {
  private length = 0;
  private columns: RelatedColumns = columnsOfLength(1024);

  push(source: number, target: number, sharedPapers: number, weight: number): void {
    if (this.length === this.columns.sources.length) this.reserve(this.length + 1);
    const i = this.length++;
    this.columns.sources[i] = source;
    this.columns.targets[i] = target;
    this.columns.sharedPapers[i] = sharedPapers;
    this.columns.weights[i] = weight;
  }

  /** Adds the records of `more` (checked by the caller), copied column by column. */
  pushAll(more: RelatedColumns): void {
    const n = more.sources.length;
    this.reserve(this.length + n);
    this.columns.sources.set(more.sources, this.length);
    this.columns.targets.set(more.targets, this.length);
    this.columns.sharedPapers.set(more.sharedPapers, this.length);
    this.columns.weights.set(more.weights, this.length);
    this.length += n;
  }

  /** Makes room for `n` records. */
  private reserve(n: number): void {
    if (n <= this.columns.sources.length) return;
    const bigger = columnsOfLength(Math.max(n, 2 * this.columns.sources.length));
    bigger.sources.set(this.columns.sources);
    bigger.targets.set(this.columns.targets);
    bigger.sharedPapers.set(this.columns.sharedPapers);
    bigger.weights.set(this.columns.weights);
    this.columns = bigger;
  }

  get size(): number {
    return this.length;
  }

  /** The records pushed (views of the builder's columns). */
  build(): RelatedColumns {
    const { sources, targets, sharedPapers, weights } = this.columns;
    const n = this.length;
    return { sources: sources.subarray(0, n), targets: targets.subarray(0, n), sharedPapers: sharedPapers.subarray(0, n), weights: weights.subarray(0, n) };
  }
}

function columnsOfLength(n: number): RelatedColumns {
  return { sources: new Int32Array(n), targets: new Int32Array(n), sharedPapers: new Float64Array(n), weights: new Float64Array(n) };
}

/** `records` as columns, their concepts named by their ordinals in `concepts` (given one if they have none). */
export function relatedColumnsOf(records: readonly RelatedRecord[], concepts: Ordinals): RelatedColumns {
  return {
    sources: Int32Array.from(records, (r) => concepts.of(r.source)),
    targets: Int32Array.from(records, (r) => concepts.of(r.target)),
    sharedPapers: Float64Array.from(records, (r) => r.sharedPapers),
    weights: Float64Array.from(records, (r) => r.weight),
  };
}

/** The records of `columns`, their concepts named by id. */
export function relatedRecordsOf(columns: RelatedColumns, idAt: (ordinal: number) => string): RelatedRecord[] {
  return Array.from(columns.sources, (source, i) => ({
    source: idAt(source),
    target: idAt(columns.targets[i]!),
    sharedPapers: columns.sharedPapers[i]!,
    weight: columns.weights[i]!,
  }));
}

/** One end of a RELATED_TO record, as a delta adds it to a concept's list. */
interface RelatedEnd {
  other: number;
  out: boolean;
  sharedPapers: number;
  weight: number;
}

/**
 * Every concept's RELATED_TO lists as slices of two columns for the whole graph: concept `c`'s
 * entries are `ends[starts[c]..starts[c + 1])` (figures twice that), in the order of the records.
 */
export interface RelatedLayout {
  starts: Int32Array;
  ends: Int32Array;
  figures: Float64Array;
}

/**
 * The lists of the records of `parts` for `concepts` concepts, laid out by counting the entries of
 * each concept first: no allocation, and no look-up by id, per entry.
 */
export function relatedLayout(concepts: number, parts: readonly RelatedColumns[]): RelatedLayout {
  const total = parts.reduce((n, p) => n + p.sources.length, 0);
  const starts = new Int32Array(concepts + 1);
  for (const { sources, targets } of parts) {
    for (let i = 0; i < sources.length; i++) {
      starts[sources[i]! + 1]!++;
      starts[targets[i]! + 1]!++;
    }
  }
  for (let c = 0; c < concepts; c++) starts[c + 1] = starts[c + 1]! + starts[c]!;
  // The columns are written directly (as RelatedList.set would): millions of entries.
  const ends = new Int32Array(2 * total);
  const figures = new Float64Array(4 * total);
  const next = starts.slice(0, concepts);
  for (const { sources, targets, sharedPapers, weights } of parts) {
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      const t = targets[i]!;
      const shared = sharedPapers[i]!;
      const weight = weights[i]!;
      const out = next[s]!++;
      ends[out] = t * 2 + 1;
      figures[2 * out] = shared;
      figures[2 * out + 1] = weight;
      const back = next[t]!++;
      ends[back] = s * 2;
      figures[2 * back] = shared;
      figures[2 * back + 1] = weight;
    }
  }
  return { starts, ends, figures };
}

/**
 * Every concept's RELATED_TO list, each put in read order the first time it is read: by weight,
 * then shared papers (both highest first), then the other concept's id. A list that is already
 * in that order (as a snapshot's are, nearly) costs one pass.
 */
export class RelatedLists {
  private readonly lists = new Map<string, RelatedList>();
  /** Per concept: positions of its entries ordered by the other concept's ordinal, for look-ups by pair; built on first use. */
  private readonly byOther = new Map<string, Int32Array>();

  /** Lists of the records of `parts`, in their order; their ordinals are those of `concepts`. */
  constructor(
    private readonly concepts: Ordinals,
    parts: readonly RelatedColumns[] = [],
  ) {
    this.adopt(relatedLayout(concepts.size, parts));
  }

  /** Takes the lists of `layout` (made apart, for the same concept ordinals) in place of all the lists. */
  adopt(layout: RelatedLayout): void {
    const { starts, ends, figures } = layout;
    this.lists.clear();
    this.byOther.clear();
    for (let c = 0; c + 1 < starts.length; c++) {
      const [from, to] = [starts[c]!, starts[c + 1]!];
      if (to > from) this.lists.set(this.concepts.idAt(c), new RelatedList(ends.subarray(from, to), figures.subarray(2 * from, 2 * to)));
    }
  }

  /** The id of the concept with ordinal `n`. */
  idOf(n: number): string {
    return this.concepts.idAt(n);
  }

  /** The ordinal of concept `id` (-1 for one no list names). */
  ordinalOf(id: string): number {
    return this.concepts.get(id) ?? -1;
  }

  /** The list of `id` in read order. */
  get(id: string): RelatedList | undefined {
    const list = this.lists.get(id);
    if (list && !list.sorted) {
      sortList(list, this.concepts);
      list.sorted = true;
    }
    return list;
  }

  /** The list of `id` in whatever order it is in (for counts and membership tests: does not sort it). */
  peek(id: string): RelatedList | undefined {
    return this.lists.get(id);
  }

  /** The other ends of the entries of `id`, in whatever order its list is in. */
  others(id: string): string[] {
    const list = this.lists.get(id);
    return list ? Array.from(list.ends, (end) => this.concepts.idAt(end >> 1)) : [];
  }

  /** The number of entries in the list of `id`. */
  lengthOf(id: string): number {
    return this.lists.get(id)?.length ?? 0;
  }

  /** Sorts every list not sorted yet (so no read pays for it). */
  sortAll(): void {
    for (const id of this.lists.keys()) this.get(id);
  }

  /** Every concept with its list, in no particular order. */
  entries(): IterableIterator<[string, RelatedList]> {
    return this.lists.entries();
  }

  /**
   * The positions, in the read-ordered list of `id`, of its entries whose other end is `other`
   * (an edge stored twice is there twice), by bisection of the list's positions ordered by the
   * other end.
   */
  between(id: string, other: string): number[] {
    const list = this.get(id);
    const ord = this.concepts.get(other);
    if (!list || ord === undefined) return [];
    let positions = this.byOther.get(id);
    if (!positions) {
      positions = Int32Array.from({ length: list.length }, (_, i) => i).sort((a, b) => list.otherAt(a) - list.otherAt(b) || a - b);
      this.byOther.set(id, positions);
    }
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list.otherAt(positions[mid]!) < ord) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < positions.length && list.otherAt(positions[i]!) === ord; i++) found.push(positions[i]!);
    return found;
  }

  /**
   * Puts the ends of `records` in the lists of their concepts, in place of the entries with the
   * same other end (an edge stored twice becomes one), in one walk of each list touched;
   * returns the concepts whose lists changed. A changed list is sorted again on its next read.
   */
  upsert(records: readonly RelatedRecord[]): string[] {
    const incoming = new Map<string, RelatedEnd[]>();
    const add = (id: string, end: RelatedEnd) => {
      const list = incoming.get(id);
      if (list) list.push(end);
      else incoming.set(id, [end]);
    };
    for (const { source, target, sharedPapers, weight } of records) {
      add(source, { other: this.concepts.of(target), out: true, sharedPapers, weight });
      add(target, { other: this.concepts.of(source), out: false, sharedPapers, weight });
    }
    for (const [id, ends] of incoming) {
      const others = new Set(ends.map((e) => e.other));
      const old = this.lists.get(id);
      let kept = 0;
      if (old) for (let i = 0; i < old.length; i++) if (!others.has(old.otherAt(i))) kept++;
      const list = RelatedList.ofLength(kept + ends.length);
      let n = 0;
      if (old) for (let i = 0; i < old.length; i++) if (!others.has(old.otherAt(i))) list.copy(n++, old, i);
      for (const e of ends) list.set(n++, e.other, e.out, e.sharedPapers, e.weight);
      this.lists.set(id, list);
      this.byOther.delete(id);
    }
    return [...incoming.keys()];
  }

  /** The stored records, each once (from its source's list). */
  records(): RelatedRecord[] {
    const records: RelatedRecord[] = [];
    for (const [id, list] of this.lists) {
      for (let i = 0; i < list.length; i++) {
        if (list.outAt(i)) records.push({ source: id, target: this.idOf(list.otherAt(i)), sharedPapers: list.sharedAt(i), weight: list.weightAt(i) });
      }
    }
    return records;
  }
}

/** Puts `list` in read order (see {@link RelatedLists}), unless it already is. */
function sortList(list: RelatedList, concepts: Ordinals): void {
  const compare = (a: number, b: number) =>
    list.weightAt(b) - list.weightAt(a) ||
    list.sharedAt(b) - list.sharedAt(a) ||
    compareIds(concepts.idAt(list.otherAt(a)), concepts.idAt(list.otherAt(b)));
  let inOrder = true;
  for (let i = 1; i < list.length && inOrder; i++) inOrder = compare(i - 1, i) <= 0;
  if (inOrder) return;
  const order = Array.from({ length: list.length }, (_, i) => i).sort(compare);
  const ends = list.ends.slice();
  const figures = list.figures.slice();
  order.forEach((from, i) => {
    list.ends[i] = ends[from]!;
    list.figures[2 * i] = figures[2 * from]!;
    list.figures[2 * i + 1] = figures[2 * from + 1]!;
  });
}
