import type { GraphData, MentionRecord, Span } from '../../model.js';

/**
 * Span fields by code: a span's field is one bit of its packed number, and its index here in a
 * snapshot's flattened spans.
 */
export const SPAN_FIELDS: readonly Span['field'][] = ['title', 'abstract'];

/** Span lengths below this pack into a number (longer spans keep their objects). */
const LENGTH_LIMIT = 4096;
/** Starts below this pack into a number: with the length and the field bit, 53 bits, an exact double. */
const START_LIMIT = 2 ** 40;

/**
 * A span as one non-negative integer: `(start * 4096 + length) * 2 + field`. A span in the first
 * 262,144 characters of a paper is a small integer, which V8 stores in place of a pointer, so a
 * mention with one span costs no memory for it. Null when the span does not pack exactly (then
 * the mention keeps its Span objects).
 */
export function packSpan(field: unknown, start: number, end: number): number | null {
  const bit = field === 'title' ? 0 : field === 'abstract' ? 1 : -1;
  // A negative zero would come back as zero.
  if (bit < 0 || !Number.isInteger(start) || !Number.isInteger(end) || Object.is(start, -0) || Object.is(end, -0)) return null;
  const length = end - start;
  if (start < 0 || start >= START_LIMIT || length < 0 || length >= LENGTH_LIMIT) return null;
  return (start * LENGTH_LIMIT + length) * 2 + bit;
}

/** The span a number from {@link packSpan} stands for. */
export function unpackSpan(code: number): Span {
  const [bit, start, end] = spanParts(code);
  return { field: SPAN_FIELDS[bit]!, start, end };
}

/** The field code, start and end of a packed span (without making a Span object). */
function spanParts(code: number): [number, number, number] {
  const bit = code % 2;
  const rest = (code - bit) / 2;
  const length = rest % LENGTH_LIMIT;
  const start = (rest - length) / LENGTH_LIMIT;
  return [bit, start, start + length];
}

/**
 * A mention's spans as stored: one packed number (the common case of one span), an array of
 * them, or, when some span does not pack, the spans themselves (copied).
 */
export type PackedSpans = number | readonly number[] | readonly Span[];

/** No spans; shared, as it is never changed (reads get a new array). */
const NO_SPANS: readonly number[] = Object.freeze([]);

/** Packs spans given as objects. */
export function packSpans(spans: readonly Span[]): PackedSpans {
  if (spans.length === 0) return NO_SPANS;
  const codes = new Array<number>(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const code = packSpan(s.field, s.start, s.end);
    if (code === null) return spans.map((x) => ({ field: x.field, start: x.start, end: x.end }));
    codes[i] = code;
  }
  return codes.length === 1 ? codes[0]! : codes;
}

/**
 * Packs spans given flat as a snapshot writes them (`[field index, start, end, ...]`) without
 * making a Span object for them.
 */
export function packFlatSpans(flat: readonly number[]): PackedSpans {
  return packFlatSpansAt(flat, 0, Math.floor(flat.length / 3));
}

/**
 * {@link packFlatSpans} of the `n` spans that start at `from` in a flat column holding those of
 * many mentions (as a version 4 snapshot reads them), without copying them out first.
 */
export function packFlatSpansAt(flat: ArrayLike<number>, from: number, n: number): PackedSpans {
  if (n === 0) return NO_SPANS;
  if (n === 1) return packSpan(SPAN_FIELDS[flat[from]!], flat[from + 1]!, flat[from + 2]!) ?? unflatten(flat, from, n);
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const at = from + 3 * i;
    const code = packSpan(SPAN_FIELDS[flat[at]!], flat[at + 1]!, flat[at + 2]!);
    if (code === null) return unflatten(flat, from, n);
    codes[i] = code;
  }
  return codes;
}

/**
 * The packed spans of the `n` codes (see {@link packSpan}) from `from` in a column holding those
 * of many mentions; null when one is not a code packSpan makes (a damaged file).
 */
export function spansOfCodes(codes: ArrayLike<number>, from: number, n: number): PackedSpans | null {
  if (n === 0) return NO_SPANS;
  const packed = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const code = codes[from + i]!;
    if (!Number.isSafeInteger(code) || code < 0) return null;
    packed[i] = code;
  }
  return n === 1 ? packed[0]! : packed;
}

/** A mention's spans as codes (see {@link packSpan}), or null when one of them does not pack. */
export function spanCodesOf(m: MentionRecord): readonly number[] | null {
  const packed = m instanceof PackedMention ? m.packedSpans : packSpans(m.spans);
  if (typeof packed === 'number') return [packed];
  return packed.every((x: number | Span) => typeof x === 'number') ? (packed as readonly number[]) : null;
}

/** The `n` spans from `from` of their flat form, as objects (for spans that do not pack). */
function unflatten(flat: ArrayLike<number>, from: number, n: number): Span[] {
  const spans: Span[] = [];
  for (let i = from; i < from + 3 * n; i += 3) spans.push({ field: SPAN_FIELDS[flat[i]!]!, start: flat[i + 1]!, end: flat[i + 2]! });
  return spans;
}

/** The spans packed, as new Span objects (the caller may keep or change them). */
export function unpackSpans(packed: PackedSpans): Span[] {
  if (typeof packed === 'number') return [unpackSpan(packed)];
  return packed.map((x: number | Span) => (typeof x === 'number' ? unpackSpan(x) : { field: x.field, start: x.start, end: x.end }));
}

/** The spans packed, flattened as a snapshot writes them (`[field index, start, end, ...]`). */
export function flatSpans(packed: PackedSpans): number[] {
  const codes = typeof packed === 'number' ? [packed] : packed;
  const flat: number[] = [];
  for (const x of codes) {
    if (typeof x === 'number') flat.push(...spanParts(x));
    else flat.push(SPAN_FIELDS.indexOf(x.field), x.start, x.end);
  }
  return flat;
}

/**
 * A mention as the embedded store keeps it. Millions of them are held at 100,000 papers, and
 * their spans as objects were a third of the heap: here the spans are packed numbers, made into
 * Span objects only when read (reads that hand mentions out give plain records, see
 * {@link plainMention}).
 */
export class PackedMention implements MentionRecord {
  constructor(
    public paperId: string,
    public conceptId: string,
    public count: number,
    public confidence: number,
    public inTitle: boolean,
    /** See {@link PackedSpans}. */
    public packedSpans: PackedSpans,
  ) {}

  get spans(): Span[] {
    return unpackSpans(this.packedSpans);
  }
}

/** `m` as the store keeps it (itself when already packed). */
export function packMention(m: MentionRecord): PackedMention {
  if (m instanceof PackedMention) return m;
  return new PackedMention(m.paperId, m.conceptId, m.count, m.confidence, m.inTitle, packSpans(m.spans));
}

/** `m` as a plain record, its spans as objects (what a reader outside the store is given). */
export function plainMention(m: MentionRecord): MentionRecord {
  return { paperId: m.paperId, conceptId: m.conceptId, count: m.count, confidence: m.confidence, inTitle: m.inTitle, spans: m.spans };
}

/** The flattened spans of any mention, packed or plain. */
export function flatSpansOf(m: MentionRecord): number[] {
  return flatSpans(m instanceof PackedMention ? m.packedSpans : m.spans);
}

/** `graph` with plain mention records (the rest shared). */
export function plainGraph(graph: GraphData): GraphData {
  return { ...graph, mentions: graph.mentions.map(plainMention) };
}
