/** A value cannot be used inside a NATS subject, KV key or JetStream name. */
export class SubjectTokenError extends Error {
  override readonly name = 'SubjectTokenError';
  readonly code = 'INVALID_SUBJECT_TOKEN';

  constructor(
    readonly what: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`invalid ${what} ${JSON.stringify(value)}: ${rule}`);
  }
}

// Stricter than NATS itself (which only forbids `.`, `*`, `>` and whitespace): tokens also end up in
// stream names, KV keys, Prometheus labels and file names, where this alphabet is safe everywhere.
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const TOKEN_RULE = '1 to 64 characters among A-Z a-z 0-9 _ -';

/** True when `value` may be a single subject token such as a tenant id. */
export function isSubjectToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Returns `value` when it is a valid subject token, otherwise throws {@link SubjectTokenError}. */
export function assertSubjectToken(what: string, value: string): string {
  if (!TOKEN.test(value)) throw new SubjectTokenError(what, value, TOKEN_RULE);
  return value;
}

// Prefixes are glued in front of stream names (no dots allowed) and subjects, so no dot either.
const PREFIX = /^[A-Za-z0-9_-]{0,32}$/;

/** True when `prefix` may prefix stream names, subjects, consumers and buckets. */
export function isPrefix(prefix: string): boolean {
  return PREFIX.test(prefix);
}

/** Returns `prefix` when it may prefix stream names, subjects, consumers and buckets; throws otherwise. */
export function assertPrefix(prefix: string): string {
  if (!PREFIX.test(prefix))
    throw new SubjectTokenError('prefix', prefix, '0 to 32 characters among A-Z a-z 0-9 _ -');
  return prefix;
}
