/**
 * The README's example queries and their outputs: every ```graphql block followed directly by a
 * ```json block is one example, and the JSON must be what the query answers on the sample corpus.
 */
export interface Example {
  query: string;
  /** The JSON block's text, without its fences. */
  output: string;
  /** Offsets of the JSON block's text in the Markdown. */
  start: number;
  end: number;
}

const PAIR = /```graphql\n([\s\S]*?)```\n```json\n([\s\S]*?)```/g;

export function findExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const match of markdown.matchAll(PAIR)) {
    const [whole, query, output] = match as unknown as [string, string, string];
    const end = match.index + whole.length - '```'.length;
    examples.push({ query, output, start: end - output.length, end });
  }
  return examples;
}

const WIDTH = 100;

/**
 * How outputs are written: compact JSON; a value that does not fit on its line has one member
 * per line, indented by one space, except that an object with a single key stays on the line of
 * its parent (`{"data":{"concept":{` opens one line), and scalars in a list fill each line.
 */
export function formatOutput(value: unknown): string {
  return `${format(value, '', 0)}\n`;
}

function format(value: unknown, indent: string, used: number): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || used + flat.length <= WIDTH) return flat;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v) => ['', v])
    : Object.entries(value).map(([k, v]) => [`${JSON.stringify(k)}:`, v]);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return flat;
  if (!Array.isArray(value) && entries.length === 1) {
    const [key, child] = entries[0]!;
    return `${open}${key}${format(child, indent, used + 1 + key.length)}${close}`;
  }
  const inner = `${indent} `;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    // Scalars fill each line.
    const rows: string[] = [];
    for (const item of value.map((v) => JSON.stringify(v))) {
      const last = rows.length - 1;
      if (last >= 0 && inner.length + rows[last]!.length + 1 + item.length < WIDTH) rows[last] += `,${item}`;
      else rows.push(item);
    }
    return `${open}\n${rows.map((r) => inner + r).join(',\n')}\n${indent}${close}`;
  }
  const lines = entries.map(([key, child]) => `${inner}${key}${format(child, inner, inner.length + key.length)}`);
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

/** The Markdown with every example's output replaced by `answer(query)`, formatted. */
export async function refreshExamples(markdown: string, answer: (query: string) => Promise<unknown>): Promise<string> {
  let result = '';
  let from = 0;
  for (const example of findExamples(markdown)) {
    result += markdown.slice(from, example.start) + formatOutput(await answer(example.query));
    from = example.end;
  }
  return result + markdown.slice(from);
}
