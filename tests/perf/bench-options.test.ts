import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchOptions, BenchOptionError, parseSize } from '../../src/bench/options.js';

const root = '/pkg';

describe('npm run bench options', () => {
  it('defaults to the three synthetic sizes, both stores, 1,000 requests after 100', () => {
    const o = benchOptions([], root);
    expect(o).toMatchObject({ sizes: ['1k', '10k', '100k'], stores: ['memory', 'neo4j'], requests: 1000, warmup: 100, seed: 7, incremental: 100, heapMb: 12288, queries: true, reuse: false });
    expect(o !== 'help' && o.out).toBe(join(root, 'bench-results/latest.json'));
    const reuse = benchOptions(['--reuse'], root);
    expect(reuse !== 'help' && reuse.out).toBe(join(root, 'bench-results/reuse.json'));
  });

  it('reads sizes as numbers of papers', () => {
    expect(parseSize('1k')).toBe(1000);
    expect(parseSize('2500')).toBe(2500);
    expect(parseSize('1.5k')).toBe(1500);
    expect(parseSize('1m')).toBe(1_000_000);
  });

  it('takes numbers and lists as given', () => {
    const o = benchOptions(['--sizes', '2k, real', '--stores', 'neo4j', '--requests', '50', '--warmup', '0', '--incremental', '0', '--heap-mb', '4096', '--no-queries'], root);
    expect(o).toMatchObject({ sizes: ['2k', 'real'], stores: ['neo4j'], requests: 50, warmup: 0, incremental: 0, heapMb: 4096, queries: false });
    expect(benchOptions(['--help'], root)).toBe('help');
  });

  it('refuses a bad value, naming the option and the value', () => {
    const refused = (argv: string[], message: string) => {
      expect(() => benchOptions(argv, root)).toThrow(BenchOptionError);
      expect(() => benchOptions(argv, root)).toThrow(message);
    };
    refused(['--requests', 'abc'], '--requests: expected a whole number of at least 1, got "abc"');
    refused(['--requests', '0'], '--requests: expected a whole number of at least 1, got "0"');
    refused(['--warmup=-5'], '--warmup: expected a whole number of at least 0, got "-5"');
    refused(['--incremental', '1.5'], '--incremental: expected a whole number of at least 0, got "1.5"');
    refused(['--heap-mb', '12g'], '--heap-mb: expected a whole number of at least 64, got "12g"');
    refused(['--sizes', '10x'], '--sizes: bad size "10x"');
    refused(['--sizes', '0'], '--sizes: bad size "0" (at least 1 paper)');
    refused(['--stores', 'memory,postgres'], '--stores: unknown store "postgres" (memory, neo4j)');
    refused(['--no-such-option'], "Unknown option '--no-such-option'");
  });
});
