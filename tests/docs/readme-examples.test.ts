import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { readPaperFile } from '../../src/ingest/read-files.js';
import { packageRoot, bundledCorpusPath } from '../../src/util/package-root.js';
import { startHarness, type Harness } from '../api/api-harness.js';
import { findExamples, refreshExamples } from './readme-examples.js';

// `npm run docs:examples` sets UPDATE_README=1: the README's outputs are rewritten instead of checked.
const update = process.env.UPDATE_README === '1';
const readmePath = `${packageRoot()}/README.md`;

describe('README example queries', () => {
  let h: Harness;
  let readme: string;
  const answer = async (query: string) => {
    const reply = await h.gql(query);
    expect(reply.errors, `errors for ${query}`).toBeUndefined();
    return { data: reply.data };
  };

  beforeAll(async () => {
    h = await startHarness(buildGraph(await readPaperFile(bundledCorpusPath())));
    readme = await readFile(readmePath, 'utf8');
  });
  afterAll(() => h.close());

  it('finds the graphql/json pairs', () => {
    const examples = findExamples(readme);
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const e of examples) {
      expect(e.query).toMatch(/^\{/);
      expect(readme.slice(e.start, e.end)).toBe(e.output);
      expect(() => JSON.parse(e.output)).not.toThrow();
    }
  });

  it('shows what each query really answers on the sample corpus (npm run docs:examples refreshes them)', async () => {
    const refreshed = await refreshExamples(readme, answer);
    if (update) await writeFile(readmePath, refreshed);
    else expect(refreshed.split('\n')).toEqual(readme.split('\n'));
  });
});
