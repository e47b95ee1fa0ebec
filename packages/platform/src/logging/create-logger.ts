import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { DEFAULT_REDACT_PATHS, REDACTED } from './redaction.js';

/** The structured logger every module accepts (a pino logger). */
export type Logger = PinoLogger;

/** Severity names, lowest to highest, plus `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A log level name. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Name of the process or module, logged as `name`. */
  readonly name: string;
  /** @default 'info' */
  readonly level?: LogLevel;
  /** Human-readable colored output for a terminal instead of JSON lines. @default false */
  readonly pretty?: boolean;
  /** Extra pino redact paths on top of {@link DEFAULT_REDACT_PATHS}. */
  readonly redact?: readonly string[];
  /** Where lines go; stdout when omitted. Tests pass a stream to read the output back. */
  readonly destination?: DestinationStream;
}

/** Creates the root JSON logger of a process, with secrets redacted from logged objects. */
export function createLogger(options: LoggerOptions): Logger {
  const config = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: [...DEFAULT_REDACT_PATHS, ...(options.redact ?? [])], censor: REDACTED },
    // Log the level as its name: log pipelines (ours included) parse `"level":"info"` without a lookup table.
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (options.destination) return pino(config, options.destination);
  if (options.pretty) {
    // pino-pretty runs in a worker thread so formatting never blocks the event loop.
    return pino({ ...config, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(config);
}

/** Returns the child logger of one component; its lines carry `component`. */
export function componentLogger(
  parent: Logger,
  component: string,
  bindings: Record<string, unknown> = {},
): Logger {
  return parent.child({ component, ...bindings });
}

/** A logger that drops everything, for tests and embedded use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
