/** A JSON object as the API server stores and returns it. */
export type JsonObject = Record<string, unknown>;

/** A cause of an API error, as `Status.details.causes`. */
export interface StatusCause {
  readonly reason: string;
  readonly message: string;
  readonly field?: string;
}

/** Who an API error is about, as `Status.details`. */
export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly StatusCause[];
}

/** An error the server answers with a `Status` object, in the shape the real API server uses. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  /** The `Status` body of this error. */
  toStatus(): JsonObject {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** `404 NotFound` for `resource "name"` (resource as `plural.group`). */
export function notFound(resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${resource} "${name}" not found`, { name });
}

/** `409 AlreadyExists`. */
export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${resource} "${name}" already exists`, { name });
}

/** `409 Conflict` for an update against a stale resourceVersion. */
export function conflict(resource: string, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name },
  );
}

/** `410 Gone` (reason `Expired`) for a resourceVersion older than the kept history. */
export function expired(resourceVersion: string, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${resourceVersion} (${oldest})`);
}

/** `400 BadRequest`. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** `422 Invalid` for `Kind.group "name"`, listing each cause as the real server does. */
export function invalid(kind: string, group: string, name: string, causes: readonly StatusCause[]): ApiError {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const joined = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  const qualified = group ? `${kind}.${group}` : kind;
  return new ApiError(422, 'Invalid', `${qualified} "${name}" is invalid: ${joined}`, {
    name,
    group,
    kind,
    causes,
  });
}
