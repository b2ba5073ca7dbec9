/** Worker thread of a snapshot load: derives what it can from the nodes (see node-derivations.ts) and posts it back. */
import { parentPort, workerData } from 'node:worker_threads';
import { deriveFromSnapshot } from './node-derivations.js';

const { dataDir } = workerData as { dataDir: string };
try {
  const derived = await deriveFromSnapshot(dataDir);
  const transfer = derived
    ? [derived.paperColumns.title, derived.paperColumns.abstract]
        .flatMap((c) => [c.offsets.buffer, c.postings.buffer])
        .concat(derived.keyOffsets.buffer, derived.related.layout.starts.buffer, derived.related.layout.ends.buffer, derived.related.layout.figures.buffer)
    : [];
  parentPort!.postMessage({ derived }, transfer as ArrayBuffer[]);
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
