import { freePort } from '@loglens/testing';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createInfluxWriter, logVolumePoint } from '../src/influx/index.js';

const logger = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Collects the SDK's metrics on demand. */
class CollectingReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

async function counterValue(reader: CollectingReader, name: string): Promise<number | undefined> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === name);
  const value = metric?.dataPoints[0]?.value;
  return typeof value === 'number' ? value : undefined;
}

describe('InfluxDB writer metrics', () => {
  it('counts dropped points and retries as OpenTelemetry counters', async () => {
    const reader = new CollectingReader();
    const provider = new MeterProvider({ readers: [reader] });
    cleanups.push(() => provider.shutdown());
    const port = await freePort(); // nothing listens there
    const w = createInfluxWriter({
      url: `http://127.0.0.1:${port}`,
      org: 'loglens',
      bucket: 'test',
      batchSize: 10,
      maxBufferPoints: 20,
      maxRetries: 1,
      retryBaseMs: 10,
      logger,
      meter: provider.getMeter('test'),
    });
    cleanups.push(() => w.close());

    const points = Array.from({ length: 100 }, (_, i) =>
      logVolumePoint({ tenant: 'acme', source: 'api', level: 'info', count: i }),
    );
    w.write(points);
    await w.close();

    const stats = w.stats();
    expect(stats).toMatchObject({ written: 0, dropped: 100, buffered: 0 });
    expect(await counterValue(reader, 'loglens_influx_points_dropped_total')).toBe(100);
    expect(await counterValue(reader, 'loglens_influx_write_retries_total')).toBe(stats.retries);
    expect(await counterValue(reader, 'loglens_influx_points_written_total')).toBeUndefined();
  });
});
