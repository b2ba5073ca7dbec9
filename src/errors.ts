import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can branch on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | LimitCode;

/** Codes of the refusals of a request that breaks a query or transport limit (see `src/server/limits.ts`). */
export type LimitCode =
  | 'MAX_DEPTH_EXCEEDED'
  | 'MAX_ALIASES_EXCEEDED'
  | 'MAX_DIRECTIVES_EXCEEDED'
  | 'MAX_TOKENS_EXCEEDED'
  | 'MAX_COST_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'REQUEST_TIMEOUT';

/** The HTTP status each code is answered with. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
  MAX_DEPTH_EXCEEDED: 400,
  MAX_ALIASES_EXCEEDED: 400,
  MAX_DIRECTIVES_EXCEEDED: 400,
  MAX_TOKENS_EXCEEDED: 400,
  MAX_COST_EXCEEDED: 400,
  PAYLOAD_TOO_LARGE: 413,
  // Note: 408 keeps every refusal in the 4xx range; clients may retry it, as with any 408.
  REQUEST_TIMEOUT: 408,
};

/** An expected error: shown to the client as is, with a stable code and HTTP status. */
export function apiError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  options: { cause?: unknown } = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, http: { status: HTTP_STATUS[code] }, ...extra },
    originalError: options.cause instanceof Error ? options.cause : undefined,
  });
}

/** Bad argument: the message names the argument and the rule it broke. */
export function badInput(argumentName: string, rule: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${argumentName}: ${rule}`, { argumentName });
}
