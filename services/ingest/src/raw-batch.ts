import { ValidationError, type FieldViolation } from '@loglens/platform';
import { RawBatch, timestampFromMillis, type LogBatch, type LogLine } from '@loglens/proto';

/** Payload schema version of {@link RawBatch} messages, sent in the `LogLens-Schema-Version` header. */
export const RAW_BATCH_SCHEMA_VERSION = '1';

/** Size limits a batch must respect. */
export interface BatchLimits {
  /** Largest encoded {@link RawBatch}, in bytes. */
  readonly maxBatchBytes: number;
  /** Longest line text, in UTF-8 bytes. */
  readonly maxLineBytes: number;
}

/** A batch that passed validation. */
export interface ValidBatch {
  readonly source: string;
  readonly stream: string;
  readonly sequence: number;
  readonly lines: readonly LogLine[];
}

const MAX_SOURCE_LENGTH = 256;
const MAX_STREAM_LENGTH = 1024;
// Control characters would break the message id header; ':' in a source would make message ids ambiguous.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a client batch (`field` is its path in the request, e.g. `batch`); throws a `ValidationError`
 * listing every problem, the size limit it broke included.
 */
export function validateBatch(batch: LogBatch | undefined, limits: BatchLimits, field = 'batch'): ValidBatch {
  if (batch === undefined) {
    throw new ValidationError('the request has no batch', [{ field, description: 'required' }]);
  }
  const violations: FieldViolation[] = [];
  const { source, stream, sequence, lines } = batch;
  if (source === '' || source.length > MAX_SOURCE_LENGTH || CONTROL.test(source) || source.includes(':')) {
    violations.push({
      field: `${field}.source`,
      description: `must be 1 to ${MAX_SOURCE_LENGTH} characters without ':' or control characters`,
    });
  }
  if (stream === '' || stream.length > MAX_STREAM_LENGTH || CONTROL.test(stream)) {
    violations.push({
      field: `${field}.stream`,
      description: `must be 1 to ${MAX_STREAM_LENGTH} characters without control characters`,
    });
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    violations.push({ field: `${field}.sequence`, description: 'must be 1 or more' });
  }
  if (lines.length === 0) violations.push({ field: `${field}.lines`, description: 'at least one line' });
  lines.forEach((line, index) => {
    const bytes = textBytes(line.text, limits.maxLineBytes);
    if (bytes > limits.maxLineBytes) {
      violations.push({
        field: `${field}.lines[${index}].text`,
        description: `${bytes} bytes exceeds the max line bytes limit of ${limits.maxLineBytes}`,
      });
    }
  });
  if (violations.length > 0) {
    const lineLimit = violations.some((v) => v.field.endsWith('.text'));
    const message = lineLimit
      ? `a line exceeds the max line bytes limit of ${limits.maxLineBytes}`
      : 'invalid batch';
    throw new ValidationError(message, violations);
  }
  return { source, stream, sequence, lines };
}

// A UTF-16 unit is at most 3 UTF-8 bytes, so most lines are known to fit without being measured.
function textBytes(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length : Buffer.byteLength(text, 'utf8');
}

/** The JetStream message id of a batch: `<tenant>:<source>:<stream>:<sequence>`, unambiguous since
 * tenant and source contain no ':' and the sequence is digits. */
export function rawBatchMessageId(
  tenantId: string,
  batch: Pick<ValidBatch, 'source' | 'stream' | 'sequence'>,
): string {
  return `${tenantId}:${batch.source}:${batch.stream}:${batch.sequence}`;
}

/**
 * Encodes a valid batch as the {@link RawBatch} payload of LOGS_RAW; throws a `ValidationError` naming
 * the limit when the payload is larger than `maxBatchBytes`.
 */
export function encodeRawBatch(
  tenantId: string,
  batch: ValidBatch,
  receivedAtMs: number,
  maxBatchBytes: number,
  field = 'batch',
): Uint8Array {
  const payload = RawBatch.encode({
    tenantId,
    source: batch.source,
    stream: batch.stream,
    sequence: batch.sequence,
    receivedAt: timestampFromMillis(receivedAtMs),
    lines: [...batch.lines],
  }).finish();
  if (payload.length > maxBatchBytes) {
    throw new ValidationError(`the batch exceeds the max batch bytes limit of ${maxBatchBytes}`, [
      { field, description: `${payload.length} bytes exceeds the max batch bytes limit of ${maxBatchBytes}` },
    ]);
  }
  return payload;
}
