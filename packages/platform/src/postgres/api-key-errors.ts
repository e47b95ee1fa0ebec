import { ConflictError, NotFoundError } from '../errors/index.js';

/** A tenant with this name already exists. */
export class TenantExistsError extends ConflictError {
  constructor(
    readonly tenantName: string,
    options?: { cause?: unknown },
  ) {
    super(`tenant ${JSON.stringify(tenantName)} already exists`, options);
  }
}

/** No tenant has this id. */
export class TenantNotFoundError extends NotFoundError {
  constructor(
    readonly tenantId: string,
    options?: { cause?: unknown },
  ) {
    super(`tenant ${tenantId} not found`, options);
  }
}

/** The SQLSTATE of a pg error, when it is one. */
export function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return undefined;
}

/** SQLSTATE codes this package reacts to. */
export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  invalidTextRepresentation: '22P02',
} as const;
