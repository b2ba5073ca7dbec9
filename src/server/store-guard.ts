import { apiError } from '../errors.js';
import { IngestWriteError } from '../ingest/ingest-service.js';
import { StoreTimeoutError, StoreUnavailableError } from '../store/errors.js';

/** What a client is told when the database cannot answer; the cause goes to the log only. */
export const UNAVAILABLE_MESSAGE = 'The graph database is unavailable right now; try again shortly.';

export const TIMEOUT_MESSAGE = 'The request ran longer than its time limit and was stopped.';

/** The error every field that runs out of time gets. */
export function timeoutError(timeoutMs: number, cause?: unknown) {
  return apiError('REQUEST_TIMEOUT', `The request ran longer than its limit of ${timeoutMs} ms and was stopped.`, { timeoutMs }, { cause });
}

/** Turns a store's own errors into API errors with a stable code and HTTP status; others pass unchanged. */
export function toApiError(error: unknown, timeoutMs: number): unknown {
  if (error instanceof IngestWriteError && error.cause instanceof StoreUnavailableError) {
    return apiError(
      'SERVICE_UNAVAILABLE',
      `${UNAVAILABLE_MESSAGE} The ingest was not written (none of its papers count as written); send it again to complete it.`,
      { writtenPaperIds: error.writtenPaperIds },
      { cause: error },
    );
  }
  if (error instanceof StoreUnavailableError) return apiError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, {}, { cause: error });
  if (error instanceof StoreTimeoutError) return timeoutError(timeoutMs, error);
  return error;
}

/**
 * Wraps an object whose methods return promises (a store, the ingest service) for one request:
 * - every call fails at once with REQUEST_TIMEOUT once `signal` is aborted (the request's time
 *   limit), and a call still running then is answered with it without waiting;
 * - store errors become API errors (SERVICE_UNAVAILABLE, REQUEST_TIMEOUT).
 *
 * Note: an abandoned call is not cancelled, only no longer waited for; its result is dropped.
 */
export function guard<T extends object>(target: T, signal: AbortSignal | null, timeoutMs: number): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (signal?.aborted) return Promise.reject(timeoutError(timeoutMs));
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(object, args);
        } catch (error) {
          throw toApiError(error, timeoutMs);
        }
        if (!(result instanceof Promise)) return result;
        const mapped = result.catch((error: unknown) => {
          throw toApiError(error, timeoutMs);
        });
        return signal ? raceAbort(mapped, signal, timeoutMs) : mapped;
      };
    },
  });
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timeoutError(timeoutMs));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
