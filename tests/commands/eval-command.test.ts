import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runEval } from '../../src/commands/eval.js';
import { EvalDataError } from '../../src/eval/dataset.js';
import { InputError } from '../../src/ingest/parse/index.js';

describe('kg eval: every argument checked before any file is evaluated', () => {
  let dir: string;
  let good: string;
  let printed: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kg-eval-'));
    good = join(dir, 'good.jsonl');
    const abstract = 'We propose sparse mixture of experts (SMoE) routing for large language models.';
    await writeFile(good, `${JSON.stringify({ id: 'p1', title: 'Sparse mixture of experts routing', abstract, keyphrases: ['sparse mixture of experts'] })}\n`);
    printed = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('names a file it cannot read, with nothing evaluated first', async () => {
    const missing = join(dir, 'missing.jsonl');
    await expect(runEval([good, missing])).rejects.toThrow(InputError);
    await expect(runEval([good, missing])).rejects.toThrow(`${missing}: cannot read the file (ENOENT)`);
    expect(printed).toEqual([]);
  });

  it('names the file and line of a bad record, with nothing evaluated first', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"id": 1}\n');
    await expect(runEval([good, bad])).rejects.toThrow(EvalDataError);
    await expect(runEval([good, bad])).rejects.toThrow(`${bad}:1: id: must be a non-empty string`);
    expect(printed).toEqual([]);
  });

  it('refuses a details file in a folder that does not exist before evaluating', async () => {
    const out = join(dir, 'no-such-folder', 'details.json');
    await expect(runEval([good, '--details', out])).rejects.toThrow(`${out}: cannot write the details there`);
    expect(printed).toEqual([]);
  });

  it('evaluates and writes the details when all is well', async () => {
    const out = join(dir, 'details.json');
    expect(await runEval([good, '--details', out])).toBe(0);
    expect(printed.join('')).toContain('good.jsonl: 1 papers');
    expect(Object.keys(JSON.parse(await readFile(out, 'utf8')) as object)).toEqual([good]);
  });
});
