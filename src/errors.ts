import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can branch on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** An expected error: shown to the client as is, with a stable code and HTTP status. */
export function apiError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: HTTP_STATUS[code] }, ...extra } });
}

/** Bad argument: the message names the argument and the rule it broke. */
export function badInput(argumentName: string, rule: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${argumentName}: ${rule}`, { argumentName });
}
