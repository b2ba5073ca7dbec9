import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

export type { Logger };

/** The request a piece of work belongs to, for the lines it logs. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` (and everything it starts) as part of request `requestId`. */
export function inRequestScope<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

/** The id of the request the caller is working for, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/**
 * A JSON-lines logger (pino): one object per line with `level` as a word, an ISO `time`,
 * `msg`, and `reqId` whenever the line is logged while serving a request.
 * Writes to stderr by default; stdout is kept for command output.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { reqId: requestId };
      },
    },
    destination,
  );
}

/** A logger that hands each line's message (and error, if any) to `write`: for tests and embedding. */
export function lineLogger(write: (line: string) => void, level: LogLevel = 'info'): Logger {
  return createLogger(level, {
    write(json: string) {
      const entry = JSON.parse(json) as { msg?: string; err?: { message?: string } };
      write(entry.err?.message ? `${entry.msg ?? ''}: ${entry.err.message}` : (entry.msg ?? ''));
    },
  });
}
