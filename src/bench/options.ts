/**
 * The bench's command line: options as `npm run bench -- --help` lists them, each checked, with
 * an error naming the option and the value it refused.
 */
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const BENCH_USAGE = `npm run bench -- [options]
  --sizes LIST       corpus sizes: 1k, 10k, 100k, any number, or "real" (data/ and ../shared/eval-data/) (default 1k,10k,100k)
  --stores LIST      memory, neo4j (default both)
  --requests N       timed requests per query (default 1000)
  --warmup N         untimed requests per query first (default 100)
  --seed N           synthetic corpus seed (default 7)
  --incremental N    papers added to the ingested graph to time an incremental ingest (default 100; 0 skips)
  --out FILE         JSON results (default bench-results/latest.json)
  --work DIR         corpora and stores (default $TMPDIR/kg-bench)
  --cpu-prof         run the ingest and server processes with --cpu-prof (profiles in bench-results/profiles/)
  --heap-mb N        V8 heap limit of the ingest processes (default 12288; the 100k ingest also runs in 4096,
                     peaking at 4.0 GB RSS instead of 5.6 GB, 8% slower)
  --no-queries       measure ingest only
  --reuse            measure the queries only, on the stores a previous run left in --work (no ingest;
                     Neo4j must still hold that run's last corpus); results default to bench-results/reuse.json
Neo4j: NEO4J_URI when set (its database is REPLACED), else a private local Neo4j in .neo4j-bench/
(started and stopped by the bench); skipped with a message when neither is available.`;

export type StoreKind = 'memory' | 'neo4j';

export interface Options {
  sizes: string[];
  stores: StoreKind[];
  requests: number;
  warmup: number;
  seed: number;
  incremental: number;
  out: string;
  work: string;
  cpuProf: boolean;
  queries: boolean;
  reuse: boolean;
  heapMb: number;
}

/** A command line the bench cannot run with: its message names the option and the value. */
export class BenchOptionError extends Error {
  override readonly name = 'BenchOptionError';
}

/** A corpus size: "1k", "10k", "2500", "1.5k", "1m". */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new BenchOptionError(`--sizes: bad size "${text}" (use e.g. 1k, 10k, 100k, 2500 or "real")`);
  const n = Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1000 : m[2]?.toLowerCase() === 'm' ? 1_000_000 : 1));
  if (n < 1) throw new BenchOptionError(`--sizes: bad size "${text}" (at least 1 paper)`);
  return n;
}

/** A whole number of at least `min` given to `--name`. */
function wholeNumber(name: string, text: string, min: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new BenchOptionError(`--${name}: expected a whole number of at least ${min}, got "${text}"`);
  return n;
}

/** The options of `argv`, or "help" for `--help`. `root`: the package folder (for the default output file). */
export function benchOptions(argv: string[], root: string): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sizes: { type: 'string', default: '1k,10k,100k' },
        stores: { type: 'string', default: 'memory,neo4j' },
        requests: { type: 'string', default: '1000' },
        warmup: { type: 'string', default: '100' },
        seed: { type: 'string', default: '7' },
        incremental: { type: 'string', default: '100' },
        out: { type: 'string' },
        work: { type: 'string', default: join(os.tmpdir(), 'kg-bench') },
        'cpu-prof': { type: 'boolean', default: false },
        'heap-mb': { type: 'string', default: '12288' },
        'no-queries': { type: 'boolean', default: false },
        reuse: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    // Unknown options, a value missing or given to a flag: node's own message names the option.
    throw new BenchOptionError((error as Error).message);
  }
  if (values.help) return 'help';
  const stores = values.stores.split(',').map((s) => s.trim()) as StoreKind[];
  for (const s of stores) if (s !== 'memory' && s !== 'neo4j') throw new BenchOptionError(`--stores: unknown store "${s}" (memory, neo4j)`);
  const sizes = values.sizes.split(',').map((s) => s.trim());
  for (const s of sizes) if (s !== 'real') parseSize(s);
  return {
    sizes,
    stores,
    requests: wholeNumber('requests', values.requests, 1),
    warmup: wholeNumber('warmup', values.warmup, 0),
    seed: wholeNumber('seed', values.seed, 0),
    incremental: wholeNumber('incremental', values.incremental, 0),
    out: resolve(values.out ?? join(root, values.reuse ? 'bench-results/reuse.json' : 'bench-results/latest.json')),
    work: resolve(values.work),
    cpuProf: values['cpu-prof'],
    heapMb: wholeNumber('heap-mb', values['heap-mb'], 64),
    queries: !values['no-queries'],
    reuse: values.reuse,
  };
}
