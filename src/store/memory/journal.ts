import { createHash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphData } from '../../model.js';
import { linesOf } from './lines.js';
import { decodeGraph, encodeGraph, snapshotPath, SnapshotError, syncFolder } from './snapshot.js';

const FILE = 'graph.delta.jsonl';
const FORMAT = 'paper-kg-delta';
const VERSION = 1;

/** The delta journal beside the snapshot in `dataDir`. */
export function journalPath(dataDir: string): string {
  return join(dataDir, FILE);
}

const RECORD = /^\{"sha256":"([0-9a-f]{64})","delta":(.*)\}$/s;

let writes = 0;

/**
 * The delta journal: the deltas applied since the snapshot was written, so that a delta costs
 * one appended record instead of a whole snapshot.
 *
 * Format (JSON Lines): a header `{"format":"paper-kg-delta","version":1,"base":"<snapshot id>"}`
 * naming the snapshot the deltas apply to, then one line per delta:
 * `{"sha256":"<hex of the text after 'delta':>","delta":{...sections as in a snapshot...}}`.
 * Each record is appended and flushed to disk (fsync) before the delta is served.
 *
 * On start-up the records are replayed over the snapshot. A last record that is cut short or
 * fails its checksum is a write a crash interrupted (it was never acknowledged): it is ignored,
 * reported, and cut off by the next append. A bad record followed by good ones is damage: start-up
 * is refused and the file left as it is. A journal whose base is not the snapshot's id is from
 * before the snapshot (a replacement that died between writing the snapshot and removing the
 * journal, or a snapshot restored from its backup) and is ignored. The next full snapshot
 * removes the journal.
 *
 * Note: one instance per data folder appends, one append at a time.
 */
export class DeltaJournal {
  /**
   * Where the file stands: null when there is no journal to append to (none, or one for another
   * snapshot); else its snapshot, the bytes of its good records and whether bytes after them (a
   * torn record) must be cut off before the next append.
   */
  private current: { base: string; bytes: number; torn: boolean } | null = null;

  constructor(private readonly dataDir: string) {}

  get path(): string {
    return journalPath(this.dataDir);
  }

  /** Bytes of the journal's good records (0 when there is none). */
  get bytes(): number {
    return this.current?.bytes ?? 0;
  }

  /**
   * Reads the deltas to replay over the snapshot whose id is `base` (null: a snapshot without
   * an id, or none). `warn` hears about a journal or a record that is ignored; damage anywhere
   * else throws a SnapshotError and leaves the file as it is.
   */
  async read(base: string | null, warn: (message: string) => void): Promise<GraphData[]> {
    this.current = null;
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const deltas: GraphData[] = [];
    let journalBase: string | null = null;
    let good = 0;
    /** The first bad record (1-based line) and why, while it may still be the torn last one. */
    let bad: { line: number; problem: string } | null = null;
    try {
      let lineNo = 0;
      let offset = 0;
      for await (const { text, bytes, terminated } of linesOf(handle)) {
        lineNo++;
        offset += bytes;
        if (lineNo === 1) {
          journalBase = this.header(text, terminated);
          if (journalBase !== base) break;
          good = offset;
          continue;
        }
        if (bad) throw this.corrupt(`has a damaged record at line ${bad.line} (${bad.problem}) followed by more records`);
        const problem = terminated ? recordProblem(text) : 'it is cut short';
        if (problem) {
          bad = { line: lineNo, problem };
          continue;
        }
        try {
          deltas.push(decodeGraph(JSON.parse(RECORD.exec(text)![2]!)));
        } catch (error) {
          throw this.corrupt(`has a record at line ${lineNo} that is not a delta (${(error as Error).message})`);
        }
        good = offset;
      }
      if (lineNo === 0) throw this.corrupt('is empty (it has no header)');
    } finally {
      await handle.close();
    }
    if (journalBase !== base) {
      warn(`${this.path} was ignored: its deltas apply to another snapshot than ${snapshotPath(this.dataDir)} (the next delta starts a new journal)`);
      return [];
    }
    if (bad) warn(`${this.path}: its last record (line ${bad.line}) was ignored: ${bad.problem}, a write cut short by a crash`);
    this.current = { base: journalBase!, bytes: good, torn: bad !== null };
    return deltas;
  }

  /**
   * Appends `delta` as one record, flushed to disk before this returns. Starts a new journal
   * for snapshot `base` when there is none for it, and first cuts off a torn record. A failed
   * append leaves its partial record to be cut off by the next one, so a half-written record
   * never ends up in the middle of the file.
   */
  async append(base: string, delta: GraphData): Promise<void> {
    if (this.current?.base !== base) this.current = await this.start(base);
    const state = this.current;
    const body = JSON.stringify(encodeGraph(delta));
    const line = Buffer.from(`{"sha256":"${sha256(body)}","delta":${body}}\n`);
    const handle = await open(this.path, 'r+');
    try {
      if (state.torn) await handle.truncate(state.bytes);
      state.torn = true;
      await handle.write(line, 0, line.length, state.bytes);
      await handle.sync();
      state.bytes += line.length;
      state.torn = false;
    } finally {
      await handle.close();
    }
  }

  /** Removes the journal (a full snapshot has made it redundant). */
  async remove(): Promise<void> {
    this.current = null;
    await rm(this.path, { force: true });
    await syncFolder(this.dataDir);
  }

  /** A journal holding only its header, written atomically (temporary file, fsync, rename). */
  private async start(base: string): Promise<{ base: string; bytes: number; torn: boolean }> {
    const temp = `${this.path}.${process.pid}.${++writes}.tmp`;
    const header = Buffer.from(`${JSON.stringify({ format: FORMAT, version: VERSION, base })}\n`);
    const file = await open(temp, 'w');
    try {
      await file.write(header);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, this.path);
    await syncFolder(this.dataDir);
    return { base, bytes: header.length, torn: false };
  }

  private header(text: string, terminated: boolean): string {
    let header: { format?: unknown; version?: unknown; base?: unknown } | null;
    try {
      header = JSON.parse(text) as typeof header;
    } catch {
      header = null; // reported below
    }
    if (!terminated || header?.format !== FORMAT || header.version !== VERSION || typeof header.base !== 'string') {
      throw this.corrupt(`does not start with a version ${VERSION} ${FORMAT} header`);
    }
    return header.base;
  }

  /** The error refusing start-up over a damaged journal, saying what is wrong with it. */
  corrupt(problem: string): SnapshotError {
    return new SnapshotError(
      `refusing to start: the delta journal ${this.path} ${problem}. It was left untouched. It holds the changes made since ` +
        `${snapshotPath(this.dataDir)} was written; move it away to start from the snapshot alone, without those changes.`,
    );
  }
}

/** Why a record line is unusable, or null when it is whole. */
function recordProblem(text: string): string | null {
  const match = RECORD.exec(text);
  if (!match) return 'not a journal record';
  if (sha256(match[2]!) !== match[1]) return 'its checksum does not match';
  return null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
