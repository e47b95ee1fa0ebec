import { describe, expect, it } from 'vitest';
import { resolveWriterOptions } from './writer-options.js';

const base = { url: 'http://influxdb:8086/', org: 'loglens', bucket: 'logs' };

describe('resolveWriterOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveWriterOptions(base)).toEqual({
      url: 'http://influxdb:8086',
      token: '',
      org: 'loglens',
      bucket: 'logs',
      batchSize: 1000,
      flushIntervalMs: 1000,
      maxBufferPoints: 50_000,
      maxRetries: 5,
      retryBaseMs: 500,
      maxRetryDelayMs: 30_000,
      requestTimeoutMs: 10_000,
      gzipThresholdBytes: 1000,
    });
  });

  it('keeps a context path of a proxied server', () => {
    expect(resolveWriterOptions({ ...base, url: 'https://proxy/influx/' }).url).toBe('https://proxy/influx');
  });

  it.each([
    [{ url: 'influxdb:8086' }, /http or https/],
    [{ url: 'not a url' }, /not a URL/],
    [{ url: 'http://influxdb:8086/api/v2' }, /api\/v2/],
    [{ bucket: '' }, /bucket/],
    [{ batchSize: 0 }, /batchSize/],
    [{ batchSize: 1.5 }, /batchSize/],
    [{ maxRetries: -1 }, /maxRetries/],
    [{ batchSize: 200, maxBufferPoints: 100 }, /must not exceed maxBufferPoints/],
  ])('rejects %j', (change, message) => {
    expect(() => resolveWriterOptions({ ...base, ...change })).toThrow(message);
  });
});
