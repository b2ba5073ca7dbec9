/** A concept to find in a text: its surface forms, and how much it matters when matches overlap. */
export interface Term {
  key: string;
  forms: readonly string[];
  weight: number;
}

/** A piece of the text; `key` is the term it names, if any. */
export interface Segment {
  text: string;
  key?: string;
}

interface Match {
  start: number;
  end: number;
  key: string;
  weight: number;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** Short all-capital forms (acronyms, "KV") match only in capitals: "MLA" but not "mla". */
function isAcronym(form: string): boolean {
  return form.length <= 8 && form === form.toUpperCase() && /\p{Lu}/u.test(form);
}

function pattern(form: string): RegExp {
  const body = form.trim().replace(ESCAPE, '\\$&').replace(/\s+/g, '\\s+');
  // Whole words only, with an optional plural ending ("KV caches", "LLMs").
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es)?(?![\\p{L}\\p{N}])`, isAcronym(form) ? 'gu' : 'giu');
}

/**
 * Splits `text` into plain and highlighted segments: every whole-word occurrence of a term's
 * forms (name, aliases, acronym), case-insensitively except for acronyms. Where matches
 * overlap, the longer one wins, then the heavier term, then the earlier one.
 */
export function highlight(text: string, terms: readonly Term[]): Segment[] {
  const matches: Match[] = [];
  for (const term of terms) {
    const forms = new Set(term.forms.map((f) => f.trim()).filter((f) => f.length >= 2));
    for (const form of forms) {
      for (const m of text.matchAll(pattern(form))) {
        matches.push({ start: m.index, end: m.index + m[0].length, key: term.key, weight: term.weight });
      }
    }
  }
  matches.sort((a, b) => b.end - b.start - (a.end - a.start) || b.weight - a.weight || a.start - b.start);
  const taken: Match[] = [];
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
