import { status, type ServiceError } from '@grpc/grpc-js';
import { decodeStatusDetails, STATUS_DETAILS_TRAILER } from '@loglens/platform/client';

/** A failed call, with a one-line message for the person at the terminal. */
export class ClientError extends Error {
  override readonly name = 'ClientError';

  constructor(
    message: string,
    readonly code: status,
  ) {
    super(message);
  }
}

/** True for errors that came from a gRPC call. */
export function isServiceError(error: unknown): error is ServiceError {
  return (
    error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'metadata' in error
  );
}

function fieldViolations(error: ServiceError): string {
  const [bytes] = error.metadata?.get(STATUS_DETAILS_TRAILER) ?? [];
  if (!(bytes instanceof Buffer)) return '';
  const { fieldViolations: violations } = decodeStatusDetails(bytes);
  return violations.length === 0
    ? ''
    : ` (${violations.map((v) => `${v.field}: ${v.description}`).join('; ')})`;
}

/** Turns a gRPC failure into a ClientError whose message says what happened and what to do. */
export function describeCallError(error: unknown, server: string): Error {
  if (!isServiceError(error)) return error instanceof Error ? error : new Error(String(error));
  const details = error.details || status[error.code];
  const message = ((): string => {
    switch (error.code) {
      case status.UNAUTHENTICATED:
        return `the server refused the API key (${details}); check LOGLENS_API_KEY or --api-key-file`;
      case status.PERMISSION_DENIED:
        return `permission denied: ${details}`;
      case status.UNAVAILABLE:
        return `cannot reach LogLens at ${server} (${details}); is it running, and is --server right?`;
      case status.DEADLINE_EXCEEDED:
        return `the server at ${server} did not answer in time (${details})`;
      case status.NOT_FOUND:
        return `not found: ${details}`;
      case status.INVALID_ARGUMENT:
        return `invalid request: ${details}${fieldViolations(error)}`;
      case status.RESOURCE_EXHAUSTED:
        return `the server is busy or a limit was reached: ${details}`;
      case status.UNIMPLEMENTED:
        return `the server at ${server} does not serve this method (is the right module running?)`;
      default:
        return `${status[error.code]}: ${details}`;
    }
  })();
  return new ClientError(message, error.code);
}

/** Runs a callback-style unary call and turns its failure into a ClientError. */
export function unary<Res>(
  server: string,
  call: (callback: (error: ServiceError | null, response: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    call((error, response) => (error ? reject(describeCallError(error, server)) : resolve(response)));
  });
}
