import { InvalidArgumentError, type Command } from 'commander';
import { parseDuration } from '@loglens/platform/client';
import { Level, timestampFromMillis, type LogFilter, type Timestamp } from '@loglens/proto';
import { UsageError } from '../usage-error.js';

/** The filter flags of `logs`, `tail` and `export`. */
export interface FilterFlags {
  readonly source?: string;
  readonly level?: readonly string[];
  readonly since?: string;
  readonly until?: string;
  readonly template?: string;
  readonly trace?: string;
  readonly grep?: string;
}

const LEVELS: Readonly<Record<string, Level>> = {
  trace: Level.LEVEL_TRACE,
  debug: Level.LEVEL_DEBUG,
  info: Level.LEVEL_INFO,
  warn: Level.LEVEL_WARN,
  warning: Level.LEVEL_WARN,
  error: Level.LEVEL_ERROR,
  fatal: Level.LEVEL_FATAL,
  unknown: Level.LEVEL_UNKNOWN,
};

function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** Adds the filter flags; `since` is the default of `--since` (none when undefined). */
export function withFilterOptions(command: Command, since?: string): Command {
  return command
    .option('--source <ns/name>', 'only this LogSource')
    .option('--level <levels>', 'only these levels (repeat or comma-separate: error,warn)', collect)
    .option('--since <time>', 'from this time: a duration ago (15m, 2h, 7d) or RFC 3339', since)
    .option('--until <time>', 'before this time: a duration ago or RFC 3339')
    .option('--template <id>', 'only lines of this template')
    .option('--trace <id>', 'only lines of this W3C trace id')
    .option('--grep <text>', 'only lines containing this text (case-insensitive)');
}

/** Level names (repeated or comma-separated) as API levels. */
export function parseLevels(values: readonly string[]): Level[] {
  return values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .map((name) => {
      const level = LEVELS[name];
      if (level === undefined) {
        throw new UsageError(
          `unknown level "${name}": use trace, debug, info, warn, error, fatal or unknown`,
        );
      }
      return level;
    });
}

/** A point in time from `15m` (that long before `now`) or an RFC 3339 date-time. */
export function parseTime(text: string, now: number, flag: string): Timestamp {
  const ago = parseDuration(text);
  if (ago !== undefined) return timestampFromMillis(now - ago);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return timestampFromMillis(ms);
  }
  throw new UsageError(
    `${flag} ${JSON.stringify(text)}: expected a duration like 15m or 2h, or an RFC 3339 time`,
  );
}

/** The LogFilter of the flags. */
export function filterFromFlags(flags: FilterFlags, now: number = Date.now()): LogFilter {
  const start = flags.since === undefined ? undefined : parseTime(flags.since, now, '--since');
  const end = flags.until === undefined ? undefined : parseTime(flags.until, now, '--until');
  return {
    source: flags.source ?? '',
    levels: parseLevels(flags.level ?? []),
    timeRange: start === undefined && end === undefined ? undefined : { start, end },
    templateId: flags.template ?? '',
    traceId: flags.trace ?? '',
    text: flags.grep ?? '',
  };
}

/** A commander parser of whole numbers of at least `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return parsed;
  };
}
