import { InputError } from './errors.js';

/**
 * Decodes a file's bytes as UTF-8 text, refusing anything that is not text.
 * A leading byte-order mark is removed. Throws InputError for binary content (NUL bytes),
 * invalid UTF-8 (with the line of the first bad byte) and empty or whitespace-only files.
 */
export function decodeInput(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new InputError(file, null, 'file is empty');

  // UTF-16 files are full of NULs; say what they are rather than just "binary".
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(file, null, 'file is UTF-16 encoded; save it as UTF-8');
  }

  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(file, lineAt(bytes, nul), `binary content (NUL byte at offset ${nul}); expected UTF-8 text`);
  }

  let text: string;
  try {
    // ignoreBOM: false means the decoder consumes a leading BOM for us.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = bad === -1 ? 0 : bad;
    throw new InputError(file, lineAt(bytes, at), `invalid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); expected UTF-8 text`);
  }

  if (text.trim() === '') throw new InputError(file, null, 'file contains only whitespace');
  return text;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
