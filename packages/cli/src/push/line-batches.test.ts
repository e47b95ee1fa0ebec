import { Readable } from 'node:stream';
import { Metadata } from '@grpc/grpc-js';
import { encodeStatusDetails, RETRY_AFTER_TRAILER, STATUS_DETAILS_TRAILER } from '@loglens/platform';
import { describe, expect, it } from 'vitest';
import { batchLines, readLines, truncateUtf8 } from './line-batches.js';
import { retryDelay } from './retry-delay.js';

function chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  return Readable.from(parts.map((part) => Buffer.from(part)));
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readLines', () => {
  it('splits across chunks, drops \\r of CRLF and keeps a last line without newline', async () => {
    expect(await all(readLines(chunks('a\r\nb', 'c\n', '\nlast'), 100))).toEqual(['a', 'bc', '', 'last']);
  });

  it('joins a character split between chunks', async () => {
    const bytes = Buffer.from('é\n');
    const split = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]);
    expect(await all(readLines(split, 100))).toEqual(['é']);
  });

  it('cuts overlong lines to the byte limit and counts them', async () => {
    let cut = 0;
    const lines = await all(readLines(chunks('x'.repeat(10), 'y'.repeat(10), '\nok\n'), 8, () => cut++));
    expect([lines, cut]).toEqual([['x'.repeat(8), 'ok'], 1]);
    expect(truncateUtf8('ééé', 5)).toBe('éé');
  });
});

describe('batchLines', () => {
  it('closes a batch at the line or byte limit, in order', async () => {
    const lines = chunks('1\n22\n333\n4444\n5\n6\n7\n8\n');
    const batches = await all(
      batchLines(readLines(lines, 100), { maxLines: 3, maxBytes: 8, lineOverheadBytes: 1 }),
    );
    expect(batches).toEqual([['1', '22'], ['333'], ['4444', '5'], ['6', '7', '8']]);
  });
});

describe('retryDelay', () => {
  it('takes the delay from RetryInfo, else the plain trailer, else backs off exponentially', () => {
    const info = new Metadata();
    info.set(
      STATUS_DETAILS_TRAILER,
      Buffer.from(encodeStatusDetails({ code: 8, message: '', fieldViolations: [], retryDelayMs: 750 })),
    );
    expect(retryDelay(info, 1, () => 0)).toBe(750);
    const plain = new Metadata();
    plain.set(RETRY_AFTER_TRAILER, '300');
    expect(retryDelay(plain, 1, () => 0)).toBe(300);
    expect([1, 2, 3, 10].map((attempt) => retryDelay(undefined, attempt, () => 0))).toEqual([
      200, 400, 800, 10_000,
    ]);
    expect(retryDelay(undefined, 1, () => 1)).toBe(240);
  });
});
