import { type EventLevel, type FieldViolation, ValidationError } from '@loglens/platform';
import { Level, type LogFilter, type TimeRange, levelName } from '@loglens/proto';
import { microsFromTimestamp } from './micros.js';

/** A validated `LogFilter`: absent fields do not filter. */
export interface NormalizedFilter {
  readonly source?: string;
  /** Any of these levels; an empty list matches nothing (the request named only `LEVEL_UNSPECIFIED`). */
  readonly levels?: readonly EventLevel[];
  /** Inclusive bound, epoch microseconds. */
  readonly startUs?: bigint;
  /** Exclusive bound, epoch microseconds. */
  readonly endUs?: bigint;
  readonly templateId?: string;
  /** Set by Tail only: `templateId` also matches the templates it was generalised into since. */
  readonly followSuccessors?: boolean;
  /** Lower-case hex. */
  readonly traceId?: string;
  readonly text?: string;
}

/** A validated time range in epoch microseconds. */
export interface MicrosRange {
  readonly startUs?: bigint;
  readonly endUs?: bigint;
}

const MAX_SOURCE_CHARS = 256;
const MAX_ID_CHARS = 256;
const MAX_TEXT_CHARS = 1024;
const TRACE_ID = /^[0-9a-f]{32}$/i;

/** Collects field violations so that a request learns about every bad field at once. */
export class Violations {
  readonly list: FieldViolation[] = [];

  add(field: string, description: string): void {
    this.list.push({ field, description });
  }

  /** Throws a ValidationError listing every violation, if there is any. */
  throwIfAny(message = 'invalid request'): void {
    if (this.list.length === 0) return;
    const fields = this.list.map((v) => v.field).join(', ');
    throw new ValidationError(`${message}: ${fields}`, this.list);
  }
}

function validTimestamp(ts: { seconds: number; nanos: number }): boolean {
  return Number.isFinite(ts.seconds) && Number.isInteger(ts.nanos) && ts.nanos >= 0 && ts.nanos < 1e9;
}

/** Validates a time range; `field` is its dotted path in the request. */
export function normalizeTimeRange(
  range: TimeRange | undefined,
  field: string,
  violations: Violations,
): MicrosRange {
  if (range === undefined) return {};
  const result: { startUs?: bigint; endUs?: bigint } = {};
  for (const bound of ['start', 'end'] as const) {
    const ts = range[bound];
    if (ts === undefined) continue;
    if (!validTimestamp(ts)) violations.add(`${field}.${bound}`, 'nanos must be within [0, 1e9)');
    else result[`${bound}Us`] = microsFromTimestamp(ts);
  }
  if (result.startUs !== undefined && result.endUs !== undefined && result.startUs >= result.endUs) {
    violations.add(`${field}.end`, 'must be after start');
  }
  return result;
}

/** Checks that an optional text is at most `max` characters; returns it, or undefined when empty. */
export function boundedText(
  value: string,
  max: number,
  field: string,
  violations: Violations,
): string | undefined {
  if (value === '') return undefined;
  if (value.length > max) violations.add(field, `at most ${max} characters`);
  return value;
}

/**
 * Validates a `LogFilter`, adding what is wrong to `violations` under `field` (e.g. `filter`), and returns
 * it in the form the stores use.
 */
export function normalizeFilter(
  filter: LogFilter | undefined,
  field: string,
  violations: Violations,
): NormalizedFilter {
  if (filter === undefined) return {};
  const result: {
    -readonly [K in keyof NormalizedFilter]: NormalizedFilter[K];
  } = { ...normalizeTimeRange(filter.timeRange, `${field}.time_range`, violations) };
  const source = boundedText(filter.source, MAX_SOURCE_CHARS, `${field}.source`, violations);
  if (source !== undefined) result.source = source;
  const templateId = boundedText(filter.templateId, MAX_ID_CHARS, `${field}.template_id`, violations);
  if (templateId !== undefined) result.templateId = templateId;
  const text = boundedText(filter.text, MAX_TEXT_CHARS, `${field}.text`, violations);
  if (text !== undefined) result.text = text;
  if (filter.traceId !== '') {
    if (!TRACE_ID.test(filter.traceId)) violations.add(`${field}.trace_id`, 'must be 32 hex characters');
    else result.traceId = filter.traceId.toLowerCase();
  }
  if (filter.levels.length > 0) {
    const levels = new Set<EventLevel>();
    filter.levels.forEach((level, i) => {
      const stored = levelName(level);
      if (stored !== undefined) levels.add(stored);
      else if (level !== Level.LEVEL_UNSPECIFIED)
        violations.add(`${field}.levels[${i}]`, `unknown level ${level}`);
    });
    result.levels = [...levels];
  }
  return result;
}
