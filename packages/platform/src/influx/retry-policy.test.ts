import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { describe, expect, it } from 'vitest';
import { classifyWriteError } from './retry-policy.js';

const now = Date.parse('2025-01-01T00:00:00Z');

function httpError(status: number, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, 'status', '', headers['retry-after'], 'text/plain', undefined, headers);
}

describe('classifyWriteError', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [404, false],
    [413, false],
  ])('HTTP %i retriable: %s', (status, retriable) => {
    expect(classifyWriteError(httpError(status), now)).toEqual({ retriable, status });
  });

  it('reads Retry-After in seconds', () => {
    expect(classifyWriteError(httpError(429, { 'retry-after': '2' }), now)).toEqual({
      retriable: true,
      status: 429,
      retryAfterMs: 2_000,
    });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'])('retries network failure %s', (code) => {
    expect(classifyWriteError(Object.assign(new Error(code), { code }), now)).toEqual({ retriable: true });
  });

  it('retries timeouts and gives up on anything unknown', () => {
    expect(classifyWriteError(new RequestTimedOutError(), now).retriable).toBe(true);
    expect(classifyWriteError(new Error('boom'), now).retriable).toBe(false);
    expect(classifyWriteError('boom', now).retriable).toBe(false);
  });
});
