import { isDomainError, RateLimitedError, UnavailableError, ValidationError } from '@loglens/platform';

/** How long clients are told to wait when the message stream is down or full. */
export const PUBLISH_RETRY_AFTER_MS = 1_000;

const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  '503', // no responders: JetStream is not (yet) serving the stream
  'TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DRAINING',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
  'DISCONNECT',
  'CANCELLED',
]);

// JetStream answers these when a stream or the server's storage cannot take more; retrying later can work.
const FULL =
  /maximum (bytes|messages|messages per subject) exceeded|insufficient (storage )?resources|resources exceeded|no space/i;

interface NatsLikeError {
  readonly code?: unknown;
  readonly api_error?: { readonly code?: unknown; readonly description?: unknown };
}

/**
 * Maps a failed JetStream publish to the domain error the client sees: the stream down, unreachable or
 * slow is UNAVAILABLE, the stream or storage full is RESOURCE_EXHAUSTED, a message over the server's
 * payload limit is INVALID_ARGUMENT; anything else is returned as it is (INTERNAL, logged).
 */
export function toPublishError(error: unknown): unknown {
  if (isDomainError(error) || typeof error !== 'object' || error === null) return error;
  const { code, api_error: apiError } = error as NatsLikeError;
  const description = typeof apiError?.description === 'string' ? apiError.description : '';
  const retry = { cause: error, retryAfterMs: PUBLISH_RETRY_AFTER_MS };
  if (FULL.test(description)) return new RateLimitedError('the message stream is full; retry later', retry);
  if (apiError !== undefined && apiError.code === 503) {
    return new UnavailableError('the message stream is unavailable; retry later', retry);
  }
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    return new UnavailableError('the message stream is unavailable; retry later', retry);
  }
  if (code === 'MAX_PAYLOAD_EXCEEDED') {
    return new ValidationError('the batch exceeds the message stream payload limit', [], { cause: error });
  }
  return error;
}
