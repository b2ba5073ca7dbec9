import type { RequestHandler } from 'express';
import type { GraphStore } from '../store/graph-store.js';
import { StoreUnavailableError } from '../store/errors.js';
import { toJsonExport } from './json.js';

/**
 * `GET /export/graph.json`: the whole graph as the json export (`kg import` reads it back).
 * 503 with SERVICE_UNAVAILABLE when the store cannot be reached; other failures go to the
 * app's error handler.
 */
export function exportGraphJson(store: GraphStore): RequestHandler {
  return async (_req, res, next) => {
    try {
      const text = toJsonExport(await store.exportGraph());
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
