import { ValidationError } from '@loglens/platform';
import { RawBatch, type LogBatch, type LogLine } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import { encodeRawBatch, rawBatchMessageId, validateBatch } from './raw-batch.js';

const limits = { maxBatchBytes: 10_000, maxLineBytes: 16 };
const line = (text: string): LogLine => ({ text, attributes: {}, levelHint: 0, sourceHint: '' });
const batch = (overrides: Partial<LogBatch> = {}): LogBatch => ({
  source: 'shop/checkout',
  stream: 'pod-1/app/app.log',
  sequence: 7,
  lines: [line('hello')],
  ...overrides,
});

function violations(input: LogBatch | undefined): string[] {
  try {
    validateBatch(input, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).violations.map((v) => `${v.field}: ${v.description}`);
  }
  return [];
}

describe('validateBatch', () => {
  it('accepts a well-formed batch', () => {
    expect(violations(batch())).toEqual([]);
  });

  it.each([
    ['no batch', undefined, 'batch: required'],
    ['an empty source', batch({ source: '' }), 'batch.source'],
    ['a source with a colon', batch({ source: 'a:b' }), 'batch.source'],
    ['a stream with a newline', batch({ stream: 'a\nb' }), 'batch.stream'],
    ['an empty stream', batch({ stream: '' }), 'batch.stream'],
    ['sequence 0', batch({ sequence: 0 }), 'batch.sequence: must be 1 or more'],
    ['no lines', batch({ lines: [] }), 'batch.lines: at least one line'],
    [
      'a line over the limit',
      batch({ lines: [line('ok'), line('x'.repeat(17))] }),
      'batch.lines[1].text: 17 bytes exceeds the max line bytes limit of 16',
    ],
    [
      'a line over the limit in UTF-8 bytes only',
      batch({ lines: [line('é'.repeat(9))] }),
      'batch.lines[0].text: 18 bytes exceeds the max line bytes limit of 16',
    ],
  ])('rejects %s', (_name, input, expected) => {
    expect(violations(input).join('\n')).toContain(expected);
  });

  it('names the line limit in the message', () => {
    expect(() => validateBatch(batch({ lines: [line('x'.repeat(20))] }), limits)).toThrow(
      'a line exceeds the max line bytes limit of 16',
    );
  });

  it('accepts a line of exactly the limit', () => {
    expect(violations(batch({ lines: [line('x'.repeat(16))] }))).toEqual([]);
  });
});

describe('rawBatchMessageId', () => {
  it.each([
    ['t1', 'shop/checkout', 'pod/app/file', 1, 't1:shop/checkout:pod/app/file:1'],
    ['t1', 'a', 'b:c', 2, 't1:a:b:c:2'],
    ['t2', 'a', 'b:c', 2, 't2:a:b:c:2'],
  ])('%s %s %s %i → %s', (tenant, source, stream, sequence, expected) => {
    expect(rawBatchMessageId(tenant, { source, stream, sequence })).toBe(expected);
  });
});

describe('encodeRawBatch', () => {
  it('encodes a RawBatch that decodes to the same content', () => {
    const valid = validateBatch(batch(), limits);
    const decoded = RawBatch.decode(encodeRawBatch('t1', valid, 1_700_000_000_123, 10_000));
    expect(decoded).toMatchObject({
      tenantId: 't1',
      source: 'shop/checkout',
      stream: 'pod-1/app/app.log',
      sequence: 7,
      receivedAt: { seconds: 1_700_000_000, nanos: 123_000_000 },
      lines: [{ text: 'hello' }],
    });
  });

  it('rejects a payload over the batch limit, naming it', () => {
    const valid = validateBatch(
      batch({ lines: Array.from({ length: 50 }, () => line('0123456789')) }),
      limits,
    );
    expect(() => encodeRawBatch('t1', valid, 0, 100)).toThrow('exceeds the max batch bytes limit of 100');
  });
});
