import { createHash } from 'node:crypto';
import { ValidationError } from '@loglens/platform';

// A cursor is base64url(JSON [scope, ...keys]). The scope names the method and a hash of the filter and
// order, so a cursor presented with another filter is refused instead of silently skipping rows.

const CURSOR_VERSION = 'v1';
const MAX_CURSOR_CHARS = 2048;

/** A short, stable digest of what a cursor is valid for (method, filter, order). */
export function cursorScope(method: string, query: unknown): string {
  const json = JSON.stringify(query, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return `${CURSOR_VERSION}:${method}:${createHash('sha256').update(json).digest('base64url').slice(0, 12)}`;
}

/** Encodes the keyset position after the last item of a page. */
export function encodeCursor(scope: string, keys: readonly string[]): string {
  return Buffer.from(JSON.stringify([scope, ...keys])).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} for the same scope; returns its `arity` keys, or undefined
 * for an empty cursor. Throws a ValidationError on `field` for anything else.
 */
export function decodeCursor(
  cursor: string,
  scope: string,
  arity: number,
  field = 'page.cursor',
): string[] | undefined {
  if (cursor === '') return undefined;
  const invalid = (description: string): ValidationError => invalidCursor(field, description);
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid('not a cursor returned by this method');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor returned by this method');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity + 1 ||
    !parsed.every((part): part is string => typeof part === 'string')
  ) {
    throw invalid('not a cursor returned by this method');
  }
  const [cursorScopeValue, ...keys] = parsed;
  if (cursorScopeValue !== scope) throw invalid('the cursor belongs to another filter, order or method');
  return keys;
}

/** The error of a cursor that this method did not make. */
export function invalidCursor(
  field = 'page.cursor',
  description = 'not a cursor returned by this method',
): ValidationError {
  return new ValidationError(`invalid ${field}: ${description}`, [{ field, description }]);
}

/** Page size from a PageRequest: 0 means `defaultSize`, larger values are capped at `maxSize`. */
export function pageSize(requested: number, defaultSize: number, maxSize: number): number {
  if (requested === 0) return defaultSize;
  return Math.min(requested, maxSize);
}
