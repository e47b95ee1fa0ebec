/** How physical lines are grouped into records. */
export type MultilineMode = 'auto' | 'none';

/** Options of a framer; every field has a documented default. */
export interface FramerOptions {
  /** Longest record text kept, in UTF-16 code units; longer records are cut and flagged. @default 65536 */
  readonly maxRecordLength?: number;
  /**
   * `auto` joins stack traces, tracebacks, panics and indented continuation lines to the record before them;
   * `none` makes every physical line a record. Ignored when `startPattern` is set. @default 'auto'
   */
  readonly multiline?: MultilineMode;
  /** Regular expression source: a line matching it starts a record, any other line continues the current one. */
  readonly startPattern?: string;
  /** Most physical lines joined into one record; the next line starts a new record. @default 500 */
  readonly maxLines?: number;
}

/** Counters of a framer since it was created. */
export interface FramerStats {
  readonly bytes: number;
  readonly lines: number;
  readonly records: number;
  readonly truncatedRecords: number;
  readonly invalidUtf8: number;
  /** Bytes or characters dropped from records longer than the cap. */
  readonly droppedChars: number;
}

/** Options with every default applied. */
export interface ResolvedFramerOptions {
  readonly maxRecordLength: number;
  readonly multiline: MultilineMode;
  readonly startPattern: RegExp | undefined;
  readonly maxLines: number;
}

/** A framer option that cannot be used, named in the message. */
export class FramerOptionsError extends Error {
  override readonly name = 'FramerOptionsError';
  constructor(
    readonly option: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`framer option ${option}: ${message}`, options);
  }
}

/** Applies defaults and validates, so a bad option fails at construction rather than mid-stream. */
export function resolveFramerOptions(options: FramerOptions): ResolvedFramerOptions {
  const maxRecordLength = options.maxRecordLength ?? 65_536;
  if (!Number.isInteger(maxRecordLength) || maxRecordLength < 16) {
    throw new FramerOptionsError('maxRecordLength', 'must be an integer of at least 16');
  }
  const maxLines = options.maxLines ?? 500;
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new FramerOptionsError('maxLines', 'must be a positive integer');
  }
  let startPattern: RegExp | undefined;
  if (options.startPattern !== undefined) {
    try {
      startPattern = new RegExp(options.startPattern);
    } catch (error) {
      throw new FramerOptionsError('startPattern', `invalid regular expression: ${String(error)}`, {
        cause: error,
      });
    }
  }
  const multiline = options.multiline ?? 'auto';
  if (multiline !== 'auto' && multiline !== 'none') {
    throw new FramerOptionsError('multiline', "must be 'auto' or 'none'");
  }
  return { maxRecordLength, maxLines, startPattern, multiline };
}
