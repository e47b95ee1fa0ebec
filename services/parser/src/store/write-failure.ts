/** Whether retrying a failed write can help. */
export type FailureKind = 'transient' | 'deterministic';

// SQLSTATE classes that describe the server or the connection, not the data: connection exceptions (08),
// transaction rollbacks such as serialization failures and deadlocks (40), insufficient resources (53),
// operator intervention such as admin shutdown (57), system errors (58).
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58']);

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Classifies a PostgreSQL write error. A server error with a SQLSTATE outside the transient classes (a bad
 * value, a violated constraint) fails the same way every time; everything else (refused or dropped
 * connections, pool timeouts, a server shutting down) may pass later.
 */
export function classifyWriteFailure(error: unknown): FailureKind {
  const state = sqlState(error);
  if (state === undefined) return 'transient';
  return TRANSIENT_CLASSES.has(state.slice(0, 2)) ? 'transient' : 'deterministic';
}
