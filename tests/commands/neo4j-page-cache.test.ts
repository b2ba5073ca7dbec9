import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_CACHE_MIB, pageCacheMiB } from '../../scripts/neo4j-local.mjs';

describe('the local launcher page cache (KG_NEO4J_PAGECACHE_MB)', () => {
  it('defaults to 256 MiB when nothing is given', () => {
    expect(DEFAULT_PAGE_CACHE_MIB).toBe(256);
    expect(pageCacheMiB('')).toBe(256);
  });

  it('takes a whole number of MiB, as text or a number', () => {
    expect(pageCacheMiB('4096')).toBe(4096);
    expect(pageCacheMiB(' 512 ')).toBe(512);
    expect(pageCacheMiB(1024)).toBe(1024);
  });

  it('refuses anything else, naming the variable and the value', () => {
    for (const bad of ['2g', '-1', '1.5', 'lots', '8', 3.5]) {
      expect(() => pageCacheMiB(bad)).toThrow(`KG_NEO4J_PAGECACHE_MB must be a whole number of MiB, at least 16 (got "${bad}")`);
    }
  });
});
