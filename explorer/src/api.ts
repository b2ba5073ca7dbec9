/** A GraphQL error answered by the server, with its `extensions.code` when it has one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The API this page is served with: the same server, so the same origin. */
const ENDPOINT = '/graphql';

/**
 * Runs one GraphQL operation: a JSON POST, as the server's CSRF prevention requires.
 * Values always travel as variables. Throws `ApiError` on any error in the answer.
 */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('the server cannot be reached', null);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`the server answered ${response.status} without a GraphQL result`, null);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? null);
  if (!body.data) throw new ApiError(`the server answered ${response.status} without data`, null);
  return body.data;
}

/** Whether `error` is the rejection of a request that was aborted on purpose. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
