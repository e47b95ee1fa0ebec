import { InfluxDB } from '@influxdata/influxdb-client';
import type { Meter } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { retryDelayMs } from './backoff.js';
import { PointBuffer } from './point-buffer.js';
import { toLineProtocol, type InfluxPoint } from './points.js';
import { classifyWriteError } from './retry-policy.js';
import { resolveWriterOptions, type InfluxWriterOptions } from './writer-options.js';

/** Counters of a writer since it was created. `written + dropped + buffered` = points accepted. */
export interface InfluxWriterStats {
  /** Points the server acknowledged. */
  readonly written: number;
  /** Points given up on: evicted from a full buffer, in a batch that failed for good, or written after close. */
  readonly dropped: number;
  /** Write requests repeated after a retriable failure. */
  readonly retries: number;
  /** Batches given up on (retries exhausted or a non-retriable answer). */
  readonly failedBatches: number;
  /** Points held now, queued or in flight; never more than `maxBufferPoints`. */
  readonly buffered: number;
}

/** Batches points and writes them to InfluxDB's v2 write API. */
export interface InfluxWriter {
  /** Queues points; never blocks and never throws for server trouble (invalid points throw a RangeError). */
  write(points: readonly InfluxPoint[]): void;
  /** Resolves once every point written before the call is written or given up on. */
  flush(): Promise<void>;
  /** Flushes, then stops; later writes are dropped and counted. */
  close(): Promise<void>;
  stats(): InfluxWriterStats;
}

/** Creates a batching writer with a bounded buffer, retries with backoff, and drop counters. */
export function createInfluxWriter(options: InfluxWriterOptions): InfluxWriter {
  const o = resolveWriterOptions(options);
  const { logger } = options;
  const transport = new InfluxDB({ url: o.url, token: o.token, timeout: o.requestTimeoutMs }).transport;
  const path = `/api/v2/write?${new URLSearchParams({ org: o.org, bucket: o.bucket, precision: 'ms' }).toString()}`;
  const attributes = { bucket: o.bucket };
  const meters = options.meter ? createCounters(options.meter) : undefined;

  const buffer = new PointBuffer(o.maxBufferPoints);
  const counts = { written: 0, dropped: 0, retries: 0, failedBatches: 0 };
  // Positions in the stream of accepted points: `accepted` entered, `released` left the queue (taken for
  // sending or dropped). The queue holds positions released+1..accepted, and at most one batch is in flight,
  // starting after position `inFlightAfter`; everything before it has its final outcome. A flush waits until
  // that is true of the last position it saw.
  let accepted = 0;
  let released = 0;
  let inFlightAfter: number | undefined;
  let sendPartialUntil = 0;
  let closing = false;
  let abandon = false;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  const waiters: { position: number; resolve: () => void }[] = [];

  function drop(n: number, reason: string): void {
    if (n === 0) return;
    counts.dropped += n;
    meters?.dropped.add(n, attributes);
    logger.debug({ points: n, reason }, 'InfluxDB points dropped');
  }

  function settle(): void {
    const settled = inFlightAfter ?? released;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i];
      if (waiter && waiter.position <= settled) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  function shouldSend(): boolean {
    if (buffer.size === 0) return false;
    return abandon || buffer.size >= o.batchSize || released < sendPartialUntil;
  }

  async function send(lines: string[]): Promise<void> {
    const body = lines.join('\n');
    for (let attempt = 1; ; attempt++) {
      try {
        await transport.request(path, body, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          gzipThreshold: o.gzipThresholdBytes,
        });
        counts.written += lines.length;
        meters?.written.add(lines.length, attributes);
        return;
      } catch (err) {
        const decision = classifyWriteError(err, Date.now());
        if (!decision.retriable || attempt > o.maxRetries) {
          counts.failedBatches++;
          drop(lines.length, decision.retriable ? 'retries exhausted' : 'rejected by server');
          logger.error(
            { err, status: decision.status, points: lines.length, attempts: attempt },
            'InfluxDB write failed; batch dropped',
          );
          // Shutting down with the server away: waiting out every batch's retries would stall the exit.
          if (decision.retriable && closing) abandon = true;
          return;
        }
        const delay = retryDelayMs(attempt, decision.retryAfterMs, {
          baseMs: o.retryBaseMs,
          maxMs: o.maxRetryDelayMs,
        });
        counts.retries++;
        meters?.retries.add(1, attributes);
        logger.warn(
          { err, status: decision.status, attempt, delayMs: delay },
          'InfluxDB write failed; retrying',
        );
        await sleep(delay);
      }
    }
  }

  async function drain(): Promise<void> {
    while (shouldSend()) {
      if (abandon) {
        const n = buffer.clear();
        released += n;
        drop(n, 'writer closed while the server is unavailable');
        settle();
        break;
      }
      inFlightAfter = released;
      const lines = buffer.take(o.batchSize);
      released += lines.length;
      await send(lines);
      buffer.release(lines.length);
      inFlightAfter = undefined;
      settle();
    }
  }

  function kick(): void {
    if (draining) return;
    draining = drain().finally(() => {
      draining = undefined;
      // Points may have arrived while the last batch was in flight.
      if (shouldSend()) kick();
      else if (buffer.size > 0) arm();
    });
  }

  function arm(): void {
    if (timer || closing) return;
    timer = setTimeout(() => {
      timer = undefined;
      sendPartialUntil = Math.max(sendPartialUntil, accepted);
      kick();
    }, o.flushIntervalMs);
    // A pending flush must not keep the process alive; close() is what guarantees delivery.
    timer.unref();
  }

  function flush(): Promise<void> {
    const position = accepted;
    if ((inFlightAfter ?? released) >= position) return Promise.resolve();
    sendPartialUntil = Math.max(sendPartialUntil, position);
    const done = new Promise<void>((resolve) => waiters.push({ position, resolve }));
    kick();
    return done;
  }

  return {
    write(points) {
      const now = Date.now();
      // Serialise everything first, so an invalid point throws before any of the batch is queued.
      const lines = points.map((p) => toLineProtocol(p, now));
      if (closing) {
        drop(lines.length, 'writer closed');
        return;
      }
      for (const line of lines) {
        accepted++;
        const evicted = buffer.push(line);
        if (evicted > 0) {
          released += evicted;
          drop(evicted, 'buffer full');
          settle();
        }
      }
      if (buffer.size >= o.batchSize) kick();
      else if (buffer.size > 0) arm();
    },
    flush,
    async close() {
      closing = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
      await draining;
    },
    stats() {
      return { ...counts, buffered: buffer.held };
    },
  };
}

function createCounters(meter: Meter) {
  return {
    dropped: meter.createCounter('loglens_influx_points_dropped_total', {
      description: 'Points given up on: buffer full, batch failed for good, or written after close',
    }),
    written: meter.createCounter('loglens_influx_points_written_total', {
      description: 'Points acknowledged by the time-series server',
    }),
    retries: meter.createCounter('loglens_influx_write_retries_total', {
      description: 'Write requests repeated after a retriable failure',
    }),
  };
}
