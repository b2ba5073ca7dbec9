/** A piece of the text; `key` is the concept it names, if any. */
export interface Segment {
  text: string;
  key?: string;
}

/** A concept's mention at characters [start, end) of a text, as the API's `ConceptMention.spans` give them. */
export interface MarkedSpan {
  start: number;
  end: number;
  key: string;
  /** How much the concept matters (its confidence) when mentions overlap. */
  weight: number;
}

/**
 * Splits `text` into plain and highlighted segments at the given spans (those outside the text
 * are ignored); where spans overlap, the longer one wins, then the heavier, then the earlier.
 */
export function highlightSpans(text: string, spans: readonly MarkedSpan[]): Segment[] {
  const matches = spans.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  matches.sort((a, b) => b.end - b.start - (a.end - a.start) || b.weight - a.weight || a.start - b.start);
  const taken: MarkedSpan[] = [];
  for (const m of matches) {
    if (taken.every((t) => m.end <= t.start || m.start >= t.end)) taken.push(m);
  }
  taken.sort((a, b) => a.start - b.start);

  const segments: Segment[] = [];
  let at = 0;
  for (const m of taken) {
    if (m.start > at) segments.push({ text: text.slice(at, m.start) });
    segments.push({ text: text.slice(m.start, m.end), key: m.key });
    at = m.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
