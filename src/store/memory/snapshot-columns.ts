import { endianness } from 'node:os';

/**
 * Edge records of a version 4 snapshot as columns of fixed-width numbers, each column one
 * base64 string of its little-endian bytes. Millions of mentions and RELATED_TO records were
 * most of a snapshot's text and of its reading time as JSON tuples (a number parsed per field, an
 * array per record, all garbage at once); as columns they are decoded straight into typed arrays.
 */

/** The typed arrays a column may be. */
export type Column = Int32Array | Uint32Array | Float64Array | Uint8Array;

type ColumnKind = 'i32' | 'u32' | 'f64' | 'u8';

const BIG_ENDIAN = endianness() === 'BE';

/** A column as written: the base64 of its bytes in little-endian order. */
export function encodeColumn(column: Column): string {
  const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  if (!BIG_ENDIAN || column.BYTES_PER_ELEMENT === 1) return bytes.toString('base64');
  return swapped(Buffer.from(bytes), column.BYTES_PER_ELEMENT).toString('base64');
}

/**
 * The column of `length` values of `kind` that `text` encodes, decoded in place into a new typed
 * array; null when `text` is not exactly that many values' bytes in base64 (a damaged file).
 */
export function decodeColumn(text: unknown, kind: 'i32', length: number): Int32Array | null;
export function decodeColumn(text: unknown, kind: 'u32', length: number): Uint32Array | null;
export function decodeColumn(text: unknown, kind: 'f64', length: number): Float64Array | null;
export function decodeColumn(text: unknown, kind: 'u8', length: number): Uint8Array | null;
export function decodeColumn(text: unknown, kind: ColumnKind, length: number): Column | null {
  if (typeof text !== 'string') return null;
  const column = kind === 'i32' ? new Int32Array(length) : kind === 'u32' ? new Uint32Array(length) : kind === 'f64' ? new Float64Array(length) : new Uint8Array(length);
  const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  // Base64 of n bytes is exactly this long; a decoder skips characters it does not know, so
  // both the text's length and the bytes written are checked.
  if (text.length !== 4 * Math.ceil(bytes.length / 3)) return null;
  if (bytes.length > 0 && bytes.write(text, 'base64') !== bytes.length) return null;
  if (BIG_ENDIAN) swapped(bytes, column.BYTES_PER_ELEMENT);
  return column;
}

/** `bytes` with the byte order of each `width`-byte value reversed, in place. */
function swapped(bytes: Buffer, width: number): Buffer {
  if (width === 4) bytes.swap32();
  else if (width === 8) bytes.swap64();
  return bytes;
}
