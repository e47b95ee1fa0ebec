import { AbortError, HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { parseRetryAfterMs } from './backoff.js';

/** Whether a failed write is worth retrying, and how long the server asked us to wait. */
export interface RetryDecision {
  readonly retriable: boolean;
  readonly retryAfterMs?: number;
  /** HTTP status, when the server answered. */
  readonly status?: number;
}

// Failures of the network or of a server that is restarting: the same batch may well succeed later.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ESOCKETTIMEDOUT',
]);

function header(headers: HttpError['headers'], name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Retry 408, 429 and 5xx answers and network failures; give up on other 4xx (bad line protocol, bad
 * token, missing bucket), which would fail the same way again. Reads Retry-After as RFC 9110 says
 * (seconds or a date); the client library's own reading takes the number as milliseconds.
 */
export function classifyWriteError(err: unknown, nowMs: number): RetryDecision {
  if (err instanceof HttpError) {
    const status = err.statusCode;
    const retriable = status === 408 || status === 429 || status >= 500;
    const retryAfterMs = parseRetryAfterMs(header(err.headers, 'retry-after'), nowMs);
    return retryAfterMs === undefined ? { retriable, status } : { retriable, status, retryAfterMs };
  }
  if (err instanceof RequestTimedOutError || err instanceof AbortError) return { retriable: true };
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  return { retriable: typeof code === 'string' && NETWORK_CODES.has(code) };
}
