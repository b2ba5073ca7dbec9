import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Response } from 'express';
import { packageRoot } from '../util/package-root.js';

/** Where `npm run build:explorer` writes the explorer bundle. */
export function explorerBundleDir(): string {
  return join(packageRoot(), 'dist', 'explorer');
}

/**
 * The page may load scripts, styles and data only from this server: the bundle carries
 * everything it needs, so nothing comes from a CDN and the explorer works offline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = 'The explorer is not built: run npm run build:explorer (npm run build does it too), then reload.\n';

/**
 * The explorer web page, mounted at `/explore`: `index.html` for `/explore` and `/explore/`,
 * the bundle's files below it. Bundled assets have content hashes in their names, so they are
 * cached for a year; `index.html` is revalidated on every load, so a rebuild shows at once.
 * Answers 503 with how to build it when the bundle is missing.
 */
export function explorerRoutes(dir: string = explorerBundleDir()): Router {
  const router = Router({ strict: true });
  const index = join(dir, 'index.html');

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('x-content-type-options', 'nosniff');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').setHeader('cache-control', 'no-store').send(NOT_BUILT);
      return;
    }
    next();
  });
  router.get(['/', '/index.html'], (_req, res) => sendIndex(res, index));
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      etag: true,
      setHeaders(res, path) {
        const hashed = path.startsWith(join(dir, 'assets'));
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      },
    }),
  );
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.status(404).type('text/plain').send(`no such file in the explorer: ${req.path}\n`);
  });
  return router;
}

function sendIndex(res: Response, index: string): void {
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('referrer-policy', 'no-referrer');
  res.type('html').sendFile(index);
}
