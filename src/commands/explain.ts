/**
 * `kg explain PAPER_ID`: lists each candidate phrase of a stored paper, its normalised form, and
 * why it was kept, merged or rejected. Consolidation depends on the whole corpus, so every
 * paper of the configured store is read and the explanation is computed over them.
 */
import { loadConfig } from '../config.js';
import { explainPaper, formatExplanation } from '../ingest/explain.js';
import { createStore } from '../store/index.js';

export const EXPLAIN_USAGE = 'kg explain PAPER_ID';

export async function runExplain(args: string[]): Promise<number> {
  const [paperId, ...extra] = args;
  if (paperId === undefined || extra.length > 0 || paperId.startsWith('-')) {
    process.stderr.write(`error: explain needs exactly one PAPER_ID\n\nUsage: ${EXPLAIN_USAGE}\n`);
    return 2;
  }
  const store = await createStore(loadConfig());
  try {
    await store.init();
    const papers = await store.allPapers();
    const explanation = explainPaper(paperId, papers);
    if (!explanation) {
      process.stderr.write(`error: no paper with id "${paperId}" in the store (${papers.length} papers)\n`);
      return 1;
    }
    process.stdout.write(`${formatExplanation(explanation)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
