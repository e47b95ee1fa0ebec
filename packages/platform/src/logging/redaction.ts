// Secrets may sit at the top of a logged object or one or two levels down (`{ req: { headers: … } }`);
// pino paths match exact depths, so each key is listed at each depth we expect.
const SECRET_KEYS = [
  'apiKey',
  'api_key',
  'password',
  'authorization',
  'Authorization',
  'token',
  'secret',
] as const;

/** Pino `redact` paths covering API keys, passwords, tokens and authorization headers up to three levels deep. */
export const DEFAULT_REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
]);

/** What replaces a redacted value in the log line. */
export const REDACTED = '[redacted]';
