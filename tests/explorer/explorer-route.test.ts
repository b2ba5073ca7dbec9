import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerRoutes } from '../../src/server/explorer.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { startServer, type Server as ApiServer } from '../hardening/hardening-harness.js';

/** A bare express app with only the explorer routes over `dir`, on a free loopback port. */
async function serveDir(dir: string): Promise<{ base: string; close(): Promise<void> }> {
  const app = express();
  app.use('/explore', explorerRoutes(dir));
  app.use((_req, res) => {
    res.status(404).send('outside');
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the /explore route', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kg-explorer-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers 503 with how to build the page while the bundle is missing', async () => {
    const s = await serveDir(join(dir, 'missing'));
    try {
      for (const path of ['/explore', '/explore/', '/explore/assets/index.js']) {
        const res = await fetch(`${s.base}${path}`);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(await res.text()).toContain('run npm run build:explorer');
      }
    } finally {
      await s.close();
    }
  });

  it('serves index.html at /explore and /explore/ uncached, and hashed assets for a year', async () => {
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Explorer</title>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const s = await serveDir(dir);
    try {
      for (const path of ['/explore', '/explore/', '/explore/index.html']) {
        const res = await fetch(`${s.base}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(await res.text()).toContain('<title>Explorer</title>');
      }
      const asset = await fetch(`${s.base}/explore/assets/index-abc123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await asset.text()).toBe('console.log(1)');
    } finally {
      await s.close();
    }
  });

  it('answers 404 for files it does not have, and leaves other methods and paths alone', async () => {
    const s = await serveDir(dir);
    try {
      const missing = await fetch(`${s.base}/explore/assets/nope.js`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('no such file in the explorer');
      const escape = await fetch(`${s.base}/explore/%2e%2e/%2e%2e/etc/passwd`);
      expect(escape.status).toBe(404);
      const post = await fetch(`${s.base}/explore/`, { method: 'POST' });
      expect(await post.text()).toBe('outside');
      const other = await fetch(`${s.base}/explorer`);
      expect(await other.text()).toBe('outside');
    } finally {
      await s.close();
    }
  });
});

describe('the API server with the explorer mounted', () => {
  let s: ApiServer;
  beforeAll(async () => {
    s = await startServer(smallGraph(), { introspection: false });
  });
  afterAll(() => s.close());

  it('serves /explore (the page, or 503 until it is built) next to GraphQL', async () => {
    const page = await s.request('/explore/');
    expect([200, 503]).toContain(page.status);
    if (page.status === 200) expect(page.body).toContain('<title>');
    else expect(page.body).toContain('npm run build:explorer');
  });

  it('keeps CSRF prevention on /graphql: JSON POSTs run, text/plain POSTs do not', async () => {
    const json = await s.gql('{ stats { papers } }');
    expect(json.body).toEqual({ data: { stats: { papers: 4 } } });
    const plain = await s.request('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ stats { papers } }' }) });
    expect(plain.status).toBe(400);
    expect(plain.body?.data).toBeUndefined();
  });
});
