import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { asksForHelp, isArgumentError } from '../../src/commands/usage.js';

describe('command-line usage problems', () => {
  it('recognises a request for help anywhere before "--"', () => {
    expect(asksForHelp(['FILE.jsonl', '--help'])).toBe(true);
    expect(asksForHelp(['-h'])).toBe(true);
    expect(asksForHelp(['FILE.jsonl', '--top', '5'])).toBe(false);
    expect(asksForHelp(['--', '--help'])).toBe(false);
  });

  it('tells an unknown or malformed option from other failures', () => {
    const parse = (args: string[]) => () => parseArgs({ args, options: { top: { type: 'string' } }, allowPositionals: true });
    for (const args of [['--bogus'], ['--top']]) {
      let caught: unknown;
      try {
        parse(args)();
      } catch (error) {
        caught = error;
      }
      expect(isArgumentError(caught)).toBe(true);
    }
    expect(isArgumentError(new Error('disk full'))).toBe(false);
    expect(isArgumentError('ERR_PARSE_ARGS_UNKNOWN_OPTION')).toBe(false);
  });
});
