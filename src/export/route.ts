import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { GraphStore } from '../store/graph-store.js';
import { StoreUnavailableError } from '../store/errors.js';
import { toJsonExport } from './json.js';

/**
 * `GET /export/graph.json`: the whole graph as the json export (`kg import` reads it back).
 * Requests that arrive while an export is being built share it, so a burst of downloads reads
 * the store once; the response has an ETag, and `If-None-Match` with it answers 304.
 * 503 with SERVICE_UNAVAILABLE when the store cannot be reached; other failures go to the
 * app's error handler.
 */
export function exportGraphJson(store: GraphStore): RequestHandler {
  let building: Promise<{ text: string; etag: string }> | null = null;
  const build = () => {
    building ??= store
      .exportGraph()
      .then((graph) => {
        const text = toJsonExport(graph);
        return { text, etag: `"${createHash('sha256').update(text).digest('base64url')}"` };
      })
      .finally(() => {
        building = null;
      });
    return building;
  };
  return async (req, res, next) => {
    try {
      const { text, etag } = await build();
      res.setHeader('etag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      res.type('application/json').setHeader('content-disposition', 'attachment; filename="graph.json"');
      res.send(text);
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        res.status(503).json({
          errors: [{ message: 'The graph database is unavailable right now; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
        });
        return;
      }
      next(error);
    }
  };
}
