import type { FileHandle } from 'node:fs/promises';

/**
 * The file's lines split on newline bytes (not decoded first, so byte counts are exact): each
 * line's text, its length in bytes with its newline, and whether it has one (only the last may not).
 * Faster than readline on big files: a line is decoded once, with no regular expression run over it.
 */
export async function* linesOf(handle: FileHandle, chunkBytes = 1 << 20): AsyncGenerator<{ text: string; bytes: number; terminated: boolean }> {
  for await (const { line, bytes, terminated } of rawLinesOf(handle, chunkBytes)) yield { text: line.toString('utf8'), bytes, terminated };
}

/** {@link linesOf} undecoded: each line's bytes (without its newline), for a reader that decodes only some lines. */
export async function* rawLinesOf(handle: FileHandle, chunkBytes = 1 << 20): AsyncGenerator<{ line: Buffer; bytes: number; terminated: boolean }> {
  let pending: Buffer[] = [];
  for await (const chunk of handle.createReadStream({ highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = chunk.indexOf(10, start); i !== -1; i = chunk.indexOf(10, start)) {
      const piece = pending.length > 0 ? Buffer.concat([...pending, chunk.subarray(start, i)]) : chunk.subarray(start, i);
      pending = [];
      yield { line: piece, bytes: piece.length + 1, terminated: true };
      start = i + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) {
    const piece = Buffer.concat(pending);
    yield { line: piece, bytes: piece.length, terminated: false };
  }
}
