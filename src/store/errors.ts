/** Errors any store may raise; the API layer maps them to stable GraphQL error codes. */

/**
 * The database cannot be reached or used right now (server down, connection lost, database
 * offline, credentials refused). The API answers it with SERVICE_UNAVAILABLE.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    /** The driver's or server's error code. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A query ran past its time limit and was stopped. The API answers it with REQUEST_TIMEOUT. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
  constructor(
    message: string,
    /** The driver's or server's error code. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
