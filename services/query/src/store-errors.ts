import { isDomainError, RateLimitedError, UnavailableError } from '@loglens/platform';

// SQLSTATE classes and Node error codes that mean "the database is not there right now".
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
const STATEMENT_TIMEOUT = '57014';

function code(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/**
 * The domain error a store failure stands for: UNAVAILABLE (retry later) when PostgreSQL cannot be reached,
 * RESOURCE_EXHAUSTED when a statement ran into the statement timeout (the query is too expensive: narrow it).
 * Anything else is returned unchanged and becomes INTERNAL.
 */
export function storeError(error: unknown): unknown {
  if (isDomainError(error)) return error;
  const sqlState = code(error);
  const message = error instanceof Error ? error.message : '';
  if (sqlState === STATEMENT_TIMEOUT) {
    return new RateLimitedError('the query took too long: narrow the time range or the filter', {
      cause: error,
    });
  }
  if (
    UNAVAILABLE_SQLSTATE.test(sqlState) ||
    UNAVAILABLE_NODE_CODES.has(sqlState) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  ) {
    return new UnavailableError('the log store is unavailable; retry later', {
      cause: error,
      retryAfterMs: 1000,
    });
  }
  return error;
}

/** Runs a store call and translates its failure with {@link storeError}. */
export async function fromStore<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw storeError(error);
  }
}

/** Streams a store-backed generator and translates its failure with {@link storeError}. */
export async function* streamFromStore<T>(work: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  try {
    yield* work;
  } catch (error) {
    throw storeError(error);
  }
}
