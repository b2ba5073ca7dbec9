/**
 * The sentence of `text` that contains offset `start`, trimmed, at most `max` characters
 * (cut around the offset with an ellipsis when longer).
 */
export function sentenceAround(text: string, start: number, max = 300): string {
  if (text.length === 0) return '';
  const at = Math.min(Math.max(0, start), text.length - 1);
  const boundary = /[.!?](?=\s+[A-Z0-9("'\[])/g;
  let from = 0;
  let to = text.length;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + 1;
    if (end <= at) from = end;
    else {
      to = end;
      break;
    }
  }
  const sentence = text.slice(from, to).trim();
  if (sentence.length <= max) return sentence;
  const offset = at - from - (text.slice(from, to).length - text.slice(from, to).trimStart().length);
  const begin = Math.max(0, Math.min(offset - Math.floor(max / 3), sentence.length - max));
  return `${begin > 0 ? '…' : ''}${sentence.slice(begin, begin + max).trim()}${begin + max < sentence.length ? '…' : ''}`;
}
