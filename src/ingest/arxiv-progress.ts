/**
 * Progress of a (streamed) ingest: a one-line bar with papers/s and ETA on a terminal, a log
 * line every `intervalMs` otherwise (logs, CI). Fed by the reader (papers and bytes read) and
 * by the ingest (papers extracted, then the build and write stages).
 */
import { performance } from 'node:perf_hooks';
import type { IngestProgress } from './ingest-service.js';

export interface ProgressSink {
  tty: boolean;
  write(text: string): void;
}

export class IngestProgressBar {
  private readonly started: number;
  private papersRead = 0;
  private bytesRead = 0;
  private extracted = 0;
  private lastDraw = -Infinity;
  private lastLog: number;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    /** Sum of the input files' sizes (0 when unknown). */
    private totalBytes: number,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = this.now();
    this.lastLog = this.started;
  }

  /** The reader's position (cumulative over all files). */
  read(papers: number, bytes: number): void {
    this.papersRead = papers;
    this.bytesRead = bytes;
    this.tick();
  }

  /** An ingest progress event. */
  ingest(event: IngestProgress): void {
    if (event.stage === 'extract') {
      this.extracted = Math.max(this.extracted, event.done);
      this.papersRead = Math.max(this.papersRead, event.total);
      this.tick();
      return;
    }
    this.line(event.stage === 'build' ? `building the graph of ${event.papers} papers` : `writing ${event.papers} papers and their graph`);
  }

  /** The status text: what is done, the rate and the estimated time left. */
  status(): string {
    const seconds = Math.max(0.001, (this.now() - this.started) / 1000);
    const fraction = this.totalBytes > 0 ? Math.min(1, this.bytesRead / this.totalBytes) : 0;
    // Papers expected in all: those read so far scaled by the share of the bytes they took.
    const expected = fraction > 0 ? Math.max(this.papersRead, Math.round(this.papersRead / fraction)) : this.papersRead;
    const rate = this.extracted / seconds;
    const eta = rate > 0 ? Math.max(0, expected - this.extracted) / rate : NaN;
    const pct = expected > 0 ? Math.floor((100 * this.extracted) / expected) : 0;
    return `${pct}% read ${this.papersRead} papers, extracted ${this.extracted} (${Math.round(rate)} papers/s, ETA ${Number.isFinite(eta) ? `${Math.round(eta)} s` : '?'})`;
  }

  private tick(): void {
    const t = this.now();
    if (this.sink.tty) {
      if (t - this.lastDraw < 100) return;
      this.lastDraw = t;
      const width = 30;
      const fraction = this.totalBytes > 0 ? Math.min(1, this.bytesRead / this.totalBytes) : 0;
      const filled = Math.round(fraction * width);
      this.sink.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.status()}\u001b[K`);
      this.drawn = true;
    } else if (t - this.lastLog >= this.intervalMs) {
      this.lastLog = t;
      this.sink.write(`${this.status()}\n`);
    }
  }

  /** A line of its own (ends the bar's line first on a terminal). */
  line(text: string): void {
    if (this.sink.tty && this.drawn) this.sink.write('\n');
    this.drawn = false;
    if (!this.sink.tty) this.sink.write(`${this.status()}\n`);
    this.sink.write(`${text}\n`);
  }
}
