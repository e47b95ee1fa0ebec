/** One problem found while loading configuration. */
export interface ConfigIssue {
  /** The environment variable (or file key) at fault, e.g. `LOGLENS_NATS_URL`. */
  readonly variable: string;
  /** What was expected and what was found, ready to show to an operator. */
  readonly message: string;
}

/** Configuration is invalid; lists every problem at once so one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly issues: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      `invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n'),
      options,
    );
  }
}
