import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { serve } from '../../src/server/bootstrap.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function query(url: string, q: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  return (await res.json()) as { data: Record<string, any> };
}

describe('serve', () => {
  it('seeds an empty embedded store with the bundled corpus, and a restart loads the snapshot instead', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-serve-'));
    dirs.push(dir);
    const config = loadConfig({ KG_DATA_DIR: dir, PORT: '0' });

    const firstLog: string[] = [];
    const first = await serve(config, (l) => firstLog.push(l));
    const stats = (await query(first.url, '{ stats { papers concepts repositories mentions } }')).data.stats;
    await first.stop();
    expect(stats.papers).toBe(119);
    expect(stats.concepts).toBeGreaterThan(100);
    expect(stats.repositories).toBeGreaterThan(5);
    expect(firstLog.some((l) => l.startsWith('store is empty'))).toBe(true);
    // Opening the store is announced before it starts and timed when it is done.
    expect(firstLog.slice(0, 2)).toEqual([`opening the embedded store in ${dir}`, expect.stringMatching(/^store open in \d+ ms$/)]);

    const secondLog: string[] = [];
    const second = await serve(config, (l) => secondLog.push(l));
    try {
      expect((await query(second.url, '{ stats { papers concepts repositories mentions } }')).data.stats).toEqual(stats);
      expect(secondLog.some((l) => l.startsWith('store is empty'))).toBe(false);
      const mla = await query(second.url, '{ a: concept(name: "MLA") { id } b: concept(name: "Multi-head Latent Attention") { id } }');
      expect(mla.data.a).not.toBeNull();
      expect(mla.data.a).toEqual(mla.data.b);
    } finally {
      await second.stop();
    }
  });

  it('starts empty with KG_SEED=none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-serve-'));
    dirs.push(dir);
    const served = await serve(loadConfig({ KG_DATA_DIR: dir, PORT: '0', KG_SEED: 'none' }), () => {});
    try {
      expect((await query(served.url, '{ stats { papers } }')).data.stats.papers).toBe(0);
    } finally {
      await served.stop();
    }
  });
});
