import type { FormatKind } from '../types.js';

/** Options of a per-source parser; every field has a documented default. */
export interface SourceParserOptions {
  /** Zone of timestamps that carry no offset: `UTC`, `+02:00` or an IANA name. @default 'UTC' */
  readonly timeZone?: string;
  /** Epoch ms that year-less timestamps are read against (they land in the year before it). @default now */
  readonly referenceTime?: number;
  /** First records the format is learned from (re-learned at 1, 2, 4, ... records until then). @default 50 */
  readonly sampleSize?: number;
  /** Consecutive records that miss the learned format before it is learned again from recent ones. @default 32 */
  readonly relearnAfter?: number;
  /** A fixed format instead of detection; `text-header` still learns the header. @default 'auto' */
  readonly format?: FormatKind | 'auto';
  /** Most attributes kept per record. @default 64 */
  readonly maxAttributes?: number;
  /** Longest partial container line kept while joining its pieces. @default 65536 */
  readonly maxJoinedLength?: number;
}

/** Options with defaults applied. */
export interface ResolvedSourceParserOptions {
  readonly timeZone: string;
  readonly referenceTime: number;
  readonly sampleSize: number;
  readonly relearnAfter: number;
  readonly format: FormatKind | 'auto';
  readonly maxAttributes: number;
  readonly maxJoinedLength: number;
}

/** A parser option that cannot be used, named in the message. */
export class SourceParserOptionsError extends Error {
  override readonly name = 'SourceParserOptionsError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`parser option ${option}: ${message}`);
  }
}

/** Applies defaults and validates the options. */
export function resolveSourceParserOptions(options: SourceParserOptions): ResolvedSourceParserOptions {
  const positive = (name: string, value: number): number => {
    if (!Number.isInteger(value) || value < 1)
      throw new SourceParserOptionsError(name, 'must be a positive integer');
    return value;
  };
  return {
    timeZone: options.timeZone ?? 'UTC',
    referenceTime: options.referenceTime ?? Date.now(),
    sampleSize: positive('sampleSize', options.sampleSize ?? 50),
    relearnAfter: positive('relearnAfter', options.relearnAfter ?? 32),
    format: options.format ?? 'auto',
    maxAttributes: positive('maxAttributes', options.maxAttributes ?? 64),
    maxJoinedLength: positive('maxJoinedLength', options.maxJoinedLength ?? 65_536),
  };
}
