/** Typed arrays that grow as records are added: the column stores of the embedded indexes. */
type Column = Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/** A new array of the same kind and `length` (at least `from`'s) holding `from`'s values first. */
export function grownTo<T extends Column>(from: T, length: number): T {
  const into = new (from.constructor as new (length: number) => T)(length);
  into.set(from as never);
  return into;
}
