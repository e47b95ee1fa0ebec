import { Metadata, status } from '@grpc/grpc-js';
import { type DomainErrorCode, isDomainError, ValidationError } from '../errors/index.js';
import { encodeStatusDetails, STATUS_DETAILS_TRAILER } from './status-details.js';

/** The plain-text trailer with the retry delay in milliseconds, for clients that skip status details. */
export const RETRY_AFTER_TRAILER = 'retry-after-ms';

/** What a failed call sends to the client. */
export interface GrpcStatus {
  readonly code: status;
  /** Safe to show to the client. */
  readonly details: string;
  readonly metadata: Metadata;
  /** False when the error was not a domain error: its detail was withheld and should be logged. */
  readonly expected: boolean;
}

const CODES: Readonly<Record<DomainErrorCode, status>> = {
  VALIDATION: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  CONFLICT: status.ALREADY_EXISTS,
  RATE_LIMITED: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  CANCELLED: status.CANCELLED,
};

/** The message unknown errors get, so that internal details never reach a client. */
export const INTERNAL_ERROR_MESSAGE = 'internal error';

/**
 * Maps any thrown value to the gRPC status the client sees: domain errors to their code and message (plus
 * field violations and a retry delay in the trailers), anything else to INTERNAL with a generic message.
 */
export function toGrpcStatus(error: unknown): GrpcStatus {
  const metadata = new Metadata();
  if (!isDomainError(error)) {
    return { code: status.INTERNAL, details: INTERNAL_ERROR_MESSAGE, metadata, expected: false };
  }
  const code = CODES[error.code];
  const fieldViolations = error instanceof ValidationError ? error.violations : [];
  const retryDelayMs =
    'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
  if (retryDelayMs !== undefined)
    metadata.set(RETRY_AFTER_TRAILER, String(Math.max(0, Math.round(retryDelayMs))));
  if (fieldViolations.length > 0 || retryDelayMs !== undefined) {
    const bytes = encodeStatusDetails({ code, message: error.message, fieldViolations, retryDelayMs });
    metadata.set(STATUS_DETAILS_TRAILER, Buffer.from(bytes));
  }
  return { code, details: error.message, metadata, expected: true };
}
