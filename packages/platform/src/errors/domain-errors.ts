// Small error classes for failures a caller can act on. Their messages are written for API clients and
// are sent to them as they are, so they must never carry internal detail (hosts, SQL, stack traces);
// put that in `cause`, which stays on the server and is logged.

/** The kinds of domain failure; one gRPC status code each. */
export type DomainErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'DEADLINE_EXCEEDED'
  | 'CANCELLED';

/** Options every domain error accepts. */
export interface DomainErrorOptions {
  /** The underlying failure; logged on the server, never sent to clients. */
  readonly cause?: unknown;
}

/** Base class of the errors that map to a specific gRPC status; the message is safe to show to clients. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** One invalid field of a request; `field` is a dotted path such as `filter.time_range.start`. */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/** The request is malformed; lists what is wrong with which field. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  readonly violations: readonly FieldViolation[];

  constructor(message: string, violations: readonly FieldViolation[] = [], options?: DomainErrorOptions) {
    super(message, options);
    this.violations = Object.freeze([...violations]);
  }
}

/** The named thing does not exist (in the caller's tenant). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** The thing to create exists already, or a concurrent change won. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** Options of errors that tell the client when to retry. */
export interface RetryableErrorOptions extends DomainErrorOptions {
  /** How long the client should wait before retrying, in milliseconds. */
  readonly retryAfterMs?: number;
}

/** The caller exceeded a rate or quota, or the server sheds load; retry after `retryAfterMs`. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options?: RetryableErrorOptions) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** A dependency (database, message stream) is down; the call may succeed if retried later. */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options?: RetryableErrorOptions) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The caller did not present valid credentials. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** The caller is known but may not do this. */
export class PermissionDeniedError extends DomainError {
  readonly code = 'PERMISSION_DENIED';
}

/** The work did not finish before the caller's deadline. */
export class DeadlineExceededError extends DomainError {
  readonly code = 'DEADLINE_EXCEEDED';
}

/** The caller cancelled the call, or the server stopped it while shutting down. */
export class CancelledError extends DomainError {
  readonly code = 'CANCELLED';
}

/** True for the errors of this module (the ones `toGrpcStatus` maps to a specific code). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
