import { status, type Metadata } from '@grpc/grpc-js';
import { decodeStatusDetails, RETRY_AFTER_TRAILER, STATUS_DETAILS_TRAILER } from '@loglens/platform/client';

/** The codes after which re-sending the unacked batches may succeed. */
export const RETRYABLE_CODES: ReadonlySet<status> = new Set([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED]);

const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 10_000;

/** The delay the server asked for in its trailers (google.rpc.RetryInfo, else `retry-after-ms`), if any. */
export function serverRetryDelay(trailers: Metadata | undefined): number | undefined {
  const [details] = trailers?.get(STATUS_DETAILS_TRAILER) ?? [];
  if (details instanceof Buffer) {
    const { retryDelayMs } = decodeStatusDetails(details);
    if (retryDelayMs !== undefined) return retryDelayMs;
  }
  const [plain] = trailers?.get(RETRY_AFTER_TRAILER) ?? [];
  const ms = Number(plain);
  return plain === undefined || !Number.isFinite(ms) ? undefined : ms;
}

/**
 * How long to wait before attempt `attempt` (1 for the first retry): the server's delay when it gave one,
 * else exponential backoff from 200 ms up to 10 s, with up to 20% jitter so clients do not retry in step.
 */
export function retryDelay(
  trailers: Metadata | undefined,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = serverRetryDelay(trailers) ?? Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(base * (1 + 0.2 * random()));
}
