/**
 * Per-paper extractions kept on disk between runs, keyed by the paper's content hash, so an
 * ingest that adds 100 papers to a stored corpus extracts those 100 only (the corpus-level
 * passes still run over every paper; see the bench notes).
 *
 * The file is JSON Lines, append-only: a header with the extractor's fingerprint (a hash of the
 * compiled extractor's code, so any change to the extractor discards the cache), then one
 * `[contentHash, extraction]` line per paper. A line cut short by a crash is ignored. When the
 * file holds more than twice the entries still in use it is rewritten.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PaperExtraction } from '../extract/index.js';

const FORMAT = 'paper-kg-extractions';

let fingerprint: string | undefined;

/** Hash of every file of the extractor (extract/), as loaded: a change to any of them changes it. */
export function extractorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'extract');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    if (!/\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) continue;
    hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  }
  fingerprint = hash.digest('hex').slice(0, 32);
  return fingerprint;
}

export class ExtractionCacheFile {
  /** Hashes already in the file. */
  private readonly stored = new Set<string>();

  constructor(readonly path: string) {}

  /** Every usable entry of the file (none when it is missing, foreign or of another extractor). */
  async load(): Promise<Map<string, PaperExtraction>> {
    const out = new Map<string, PaperExtraction>();
    this.stored.clear();
    let stream;
    try {
      stream = createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 22 });
      await new Promise<void>((res, rej) => {
        stream!.once('open', () => res());
        stream!.once('error', rej);
      });
    } catch {
      return out;
    }
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let first = true;
    try {
      for await (const line of lines) {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          continue; // a line cut short by a crash
        }
        if (first) {
          first = false;
          const header = value as { format?: unknown; extractor?: unknown };
          if (header?.format !== FORMAT || header.extractor !== extractorFingerprint()) return new Map();
          continue;
        }
        if (!Array.isArray(value) || typeof value[0] !== 'string') continue;
        out.set(value[0], value[1] as PaperExtraction);
        this.stored.add(value[0]);
      }
    } finally {
      lines.close();
      stream.destroy();
    }
    if (first) return new Map();
    return out;
  }

  /**
   * Appends `entries` without reading the file first (an incremental ingest, whose cost must not
   * follow the corpus): creates the file when there is none. Entries appended to a file of
   * another extractor are ignored by `load`, as the rest of it is.
   */
  async append(entries: ReadonlyMap<string, PaperExtraction>): Promise<void> {
    if (entries.size === 0) return;
    await mkdir(dirname(this.path), { recursive: true });
    const file = await open(this.path, 'a+');
    try {
      const { size } = await file.stat();
      let buffer = '';
      if (size === 0) buffer = `${JSON.stringify({ format: FORMAT, extractor: extractorFingerprint() })}\n`;
      else {
        // A line cut short by a crash must not swallow the first entry appended after it.
        const last = Buffer.alloc(1);
        await file.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) buffer = '\n';
      }
      for (const [hash, extraction] of entries) {
        buffer += `${JSON.stringify([hash, extraction])}\n`;
        if (buffer.length > 1 << 22) {
          await file.write(buffer);
          buffer = '';
        }
      }
      if (buffer) await file.write(buffer);
    } finally {
      await file.close();
    }
    for (const hash of entries.keys()) this.stored.add(hash);
  }

  /**
   * Adds the entries of `cache` the file lacks; rewrites the file with `cache` alone when the
   * file would otherwise hold more than twice as many entries as `cache`.
   */
  async save(cache: ReadonlyMap<string, PaperExtraction>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const fresh = [...cache.keys()].filter((h) => !this.stored.has(h));
    const rewrite = this.stored.size === 0 || this.stored.size + fresh.length > 2 * Math.max(1, cache.size);
    const header = `${JSON.stringify({ format: FORMAT, extractor: extractorFingerprint() })}\n`;
    const target = rewrite ? `${this.path}.${process.pid}.tmp` : this.path;
    const file = await open(target, rewrite ? 'w' : 'a');
    try {
      let buffer = rewrite ? header : '';
      for (const hash of rewrite ? cache.keys() : fresh) {
        buffer += `${JSON.stringify([hash, cache.get(hash)])}\n`;
        if (buffer.length > 1 << 22) {
          await file.write(buffer);
          buffer = '';
        }
      }
      if (buffer) await file.write(buffer);
    } catch (error) {
      await file.close();
      if (rewrite) await rm(target, { force: true });
      throw error;
    }
    await file.close();
    if (rewrite) {
      await rename(target, this.path);
      this.stored.clear();
    }
    for (const hash of rewrite ? cache.keys() : fresh) this.stored.add(hash);
  }
}
