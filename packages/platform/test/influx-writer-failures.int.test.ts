import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { freePort } from '@loglens/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createInfluxWriter,
  logVolumePoint,
  type InfluxWriter,
  type InfluxWriterOptions,
} from '../src/influx/index.js';

const logger = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface ReceivedRequest {
  readonly at: number;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** A real HTTP peer that answers each write with the next scripted status (the last one repeats). */
async function scriptedServer(script: { status: number; headers?: Record<string, string> }[]) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      received.push({
        at: Date.now(),
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: body.toString(),
      });
      const step = script[Math.min(received.length, script.length) - 1] ?? { status: 204 };
      res.writeHead(step.status, step.headers).end(step.status === 204 ? undefined : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function writer(options: Partial<InfluxWriterOptions> & { url: string }): InfluxWriter {
  const w = createInfluxWriter({ org: 'loglens', bucket: 'test', logger, ...options });
  cleanups.push(() => w.close());
  return w;
}

const point = (i: number) =>
  logVolumePoint({
    tenant: 'acme',
    source: 'api',
    level: 'info',
    count: i,
    time: new Date(1_700_000_000_000 + i),
  });

describe('InfluxDB writer when the server misbehaves', () => {
  it('retries 503 answers, waits as Retry-After says, then succeeds', async () => {
    const server = await scriptedServer([
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 503 },
      { status: 204 },
    ]);
    const w = writer({ url: server.url, token: 'secret-token', retryBaseMs: 20, maxRetries: 3 });
    w.write([point(1), point(2)]);
    await w.flush();

    expect(w.stats()).toEqual({ written: 2, dropped: 0, retries: 2, failedBatches: 0, buffered: 0 });
    expect(server.received).toHaveLength(3);
    const [first, second, third] = server.received;
    expect(new Set(server.received.map((r) => r.body)).size).toBe(1);
    expect(first!.body).toBe(
      'log_volume,level=info,source=api,tenant=acme count=1i 1700000000001\nlog_volume,level=info,source=api,tenant=acme count=2i 1700000000002',
    );
    expect(first!.url).toBe('/api/v2/write?org=loglens&bucket=test&precision=ms');
    expect(first!.authorization).toBe('Token secret-token');
    // Retry-After: 1 means a second (a lower bound, which load cannot break).
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(third).toBeDefined();
  });

  it('retries 429 and gives a batch up after maxRetries, then carries on with the next', async () => {
    const server = await scriptedServer([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 204 }]);
    const w = writer({ url: server.url, retryBaseMs: 10, maxRetries: 2, batchSize: 2 });
    w.write([point(1), point(2)]);
    await w.flush();
    expect(w.stats()).toEqual({ written: 0, dropped: 2, retries: 2, failedBatches: 1, buffered: 0 });
    w.write([point(3)]);
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 1, dropped: 2, failedBatches: 1 });
    expect(server.received).toHaveLength(4);
  });

  it('does not retry a 400 (bad line protocol would fail again)', async () => {
    const server = await scriptedServer([{ status: 400 }, { status: 204 }]);
    const w = writer({ url: server.url, retryBaseMs: 10, maxRetries: 5 });
    w.write([point(1)]);
    await w.flush();
    expect(w.stats()).toEqual({ written: 0, dropped: 1, retries: 0, failedBatches: 1, buffered: 0 });
    expect(server.received).toHaveLength(1);
  });

  it('with the server unreachable: retries, drops the oldest, counts them and stays within its buffer', async () => {
    const port = await freePort(); // nothing listens there
    const maxBufferPoints = 50;
    const w = writer({
      url: `http://127.0.0.1:${port}`,
      batchSize: 10,
      maxBufferPoints,
      maxRetries: 2,
      retryBaseMs: 10,
      flushIntervalMs: 10,
    });

    const total = 2_000;
    for (let i = 0; i < total; i += 20) {
      w.write(Array.from({ length: 20 }, (_, j) => point(i + j)));
      const stats = w.stats();
      expect(stats.buffered).toBeLessThanOrEqual(maxBufferPoints);
      expect(stats.written + stats.dropped + stats.buffered).toBe(i + 20);
      if (i % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const beforeClose = w.stats();
    expect(beforeClose.dropped).toBeGreaterThanOrEqual(total - maxBufferPoints);
    expect(beforeClose.retries).toBeGreaterThan(0);

    await w.close();
    const after = w.stats();
    expect(after).toMatchObject({ written: 0, dropped: total, buffered: 0 });
    expect(after.failedBatches).toBeGreaterThanOrEqual(1);
    expect(after.retries).toBeGreaterThanOrEqual(2);
  });

  it('close does not wait out every batch when the server is gone', async () => {
    const port = await freePort();
    const w = writer({
      url: `http://127.0.0.1:${port}`,
      batchSize: 10,
      maxBufferPoints: 1_000,
      maxRetries: 3,
      retryBaseMs: 50,
    });
    w.write(Array.from({ length: 1_000 }, (_, i) => point(i)));
    await w.close();
    // Only the batch in flight is retried; the rest are dropped and counted, not tried a hundred times.
    expect(w.stats()).toMatchObject({ written: 0, dropped: 1_000, failedBatches: 1, buffered: 0 });
  });
});
