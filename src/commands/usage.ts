/**
 * How the command line tells a usage problem from a failure: both print the usage and exit 2,
 * never a stack trace.
 */

/** "kg eval --help", "kg ingest -h": the user asks for the usage of a command. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** An unknown or malformed option, as node:util's parseArgs reports it. */
export function isArgumentError(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
