/**
 * A problem with an input file, located as precisely as we can so a user can fix it.
 * The message is `file:line: reason` (or `file: reason` when no line applies), the shape
 * compilers use, so editors and terminals can jump to the spot.
 */
export class InputError extends Error {
  /** The file name as given by the caller (used only in the message). */
  readonly file: string;
  /** 1-based line number, or null when the problem concerns the whole file. */
  readonly line: number | null;
  /** The message without the location prefix. */
  readonly reason: string;

  constructor(file: string, line: number | null, reason: string) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
