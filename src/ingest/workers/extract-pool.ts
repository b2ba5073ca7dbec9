/**
 * Per-paper extraction on worker threads (piscina). Corpus-level consolidation stays on the main
 * thread; this only parallelises `extractPaper`, a pure function of the paper text, so the pool
 * gives exactly what a loop over `extractPaper` gives.
 *
 * Papers travel in batches (default 64), so the cost of a message is spread over many papers.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { compiledSibling } from '../../util/package-root.js';
import type { PaperExtraction } from '../extract/index.js';

export interface ExtractionPoolOptions {
  /** Worker threads (default: the number of cores, KG_EXTRACT_THREADS overrides). */
  threads?: number;
  /** Papers per task (default 64). */
  batchSize?: number;
}

/** The compiled worker file: beside this module in dist/, or dist/'s copy when running from src/ (tests). */
export function workerFile(): string {
  const built = compiledSibling(import.meta.url, 'extract-worker.js');
  if (built === null) throw new Error('the extraction worker is not built: run `npm run build`');
  return built;
}

/** Threads the pool uses by default. */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.KG_EXTRACT_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.max(1, availableParallelism());
}

export class ExtractionPool {
  private readonly pool: Piscina;
  private readonly batchSize: number;

  constructor(options: ExtractionPoolOptions = {}) {
    const threads = options.threads ?? defaultThreads();
    this.batchSize = options.batchSize ?? 64;
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 30_000,
    });
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  /**
   * Extractions of `papers`, aligned with them. Resolves as a whole; `onBatch` reports each
   * batch as it completes (number of papers done).
   */
  async extract(papers: readonly { title: string; abstract: string }[], onBatch?: (done: number) => void): Promise<PaperExtraction[]> {
    const out: PaperExtraction[] = new Array(papers.length);
    const tasks: Promise<void>[] = [];
    for (let i = 0; i < papers.length; i += this.batchSize) {
      const slice = papers.slice(i, i + this.batchSize).map((p) => ({ title: p.title, abstract: p.abstract }));
      tasks.push(
        (this.pool.run(slice) as Promise<PaperExtraction[]>).then((result) => {
          for (let j = 0; j < result.length; j++) out[i + j] = result[j]!;
          onBatch?.(result.length);
        }),
      );
    }
    await Promise.all(tasks);
    return out;
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
