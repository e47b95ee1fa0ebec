import { randomBytes } from 'node:crypto';
import { victoriaMetricsUrl } from '@loglens/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createInfluxWriter,
  logVolumePoint,
  templateVolumePoint,
  type InfluxWriter,
  type InfluxWriterOptions,
} from '../src/influx/index.js';

/** One exported series of VictoriaMetrics' `/api/v1/export`. */
interface ExportedSeries {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

const logger = pino({ level: 'silent' });
const writers: InfluxWriter[] = [];

afterEach(async () => {
  await Promise.all(writers.splice(0).map((w) => w.close()));
});

function writer(options: Partial<InfluxWriterOptions> = {}): InfluxWriter {
  const w = createInfluxWriter({
    url: victoriaMetricsUrl(),
    token: 'ignored-by-victoria-metrics',
    org: 'loglens',
    bucket: 'test',
    logger,
    ...options,
  });
  writers.push(w);
  return w;
}

/** A tenant tag no other test uses, so series of different tests never mix. */
function uniqueTenant(): string {
  return `tenant-${randomBytes(4).toString('hex')}`;
}

async function exportSeries(metric: string, tenant: string): Promise<ExportedSeries[]> {
  const match = `{__name__="${metric}",tenant="${tenant}"}`;
  const response = await fetch(
    `${victoriaMetricsUrl()}/api/v1/export?${new URLSearchParams({ 'match[]': match }).toString()}`,
  );
  if (!response.ok) throw new Error(`export failed: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExportedSeries)
    .sort((a, b) => JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric)));
}

/**
 * Polls the export until `points` samples arrived. Fresh samples sit in memory for seconds; asking the
 * server to flush them each round makes them searchable in about one.
 */
async function waitForSamples(metric: string, tenant: string, points: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await fetch(`${victoriaMetricsUrl()}/internal/force_flush`);
    const series = await exportSeries(metric, tenant);
    const count = series.reduce((n, s) => n + s.values.length, 0);
    if (count >= points) return series;
    if (Date.now() > deadline)
      throw new Error(`only ${count} of ${points} ${metric} samples after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('InfluxDB writer against VictoriaMetrics', () => {
  it('writes log_volume and template_volume with their tags, values and times', async () => {
    const tenant = uniqueTenant();
    const t0 = new Date(Date.now() - 60_000);
    const t1 = new Date(t0.getTime() + 10_000);
    const w = writer();
    w.write([
      logVolumePoint({ tenant, source: 'checkout', level: 'error', count: 7, time: t0 }),
      logVolumePoint({ tenant, source: 'checkout', level: 'error', count: 9, time: t1 }),
      logVolumePoint({ tenant, source: 'checkout', level: 'info', count: 120, time: t0 }),
      templateVolumePoint({ tenant, source: 'checkout', template: 'a1b2c3', count: 42, time: t0 }),
    ]);
    await w.flush();
    expect(w.stats()).toEqual({ written: 4, dropped: 0, retries: 0, failedBatches: 0, buffered: 0 });

    const volume = await waitForSamples('log_volume_count', tenant, 3);
    expect(volume).toEqual([
      {
        metric: expect.objectContaining({
          __name__: 'log_volume_count',
          tenant,
          source: 'checkout',
          level: 'error',
        }) as Record<string, string>,
        values: [7, 9],
        timestamps: [t0.getTime(), t1.getTime()],
      },
      {
        metric: expect.objectContaining({
          __name__: 'log_volume_count',
          tenant,
          source: 'checkout',
          level: 'info',
        }) as Record<string, string>,
        values: [120],
        timestamps: [t0.getTime()],
      },
    ]);
    const templates = await waitForSamples('template_volume_count', tenant, 1);
    expect(templates).toEqual([
      {
        metric: expect.objectContaining({ tenant, source: 'checkout', template: 'a1b2c3' }) as Record<
          string,
          string
        >,
        values: [42],
        timestamps: [t0.getTime()],
      },
    ]);
  });

  it('sends a batch as soon as it is full, without waiting for the interval', async () => {
    const tenant = uniqueTenant();
    const w = writer({ batchSize: 5, flushIntervalMs: 3_600_000 });
    const points = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        logVolumePoint({ tenant, source: `s${i}`, level: 'info', count: i }),
      );

    w.write(points(4));
    // Below the batch size and far from the interval: nothing goes out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.stats()).toMatchObject({ written: 0, buffered: 4 });

    w.write(points(6));
    await waitFor(() => w.stats().written === 10);
    expect(w.stats()).toMatchObject({ written: 10, buffered: 0 });
    await waitForSamples('log_volume_count', tenant, 6);
  });

  it('sends a partial batch once the flush interval has passed', async () => {
    const tenant = uniqueTenant();
    const w = writer({ batchSize: 1000, flushIntervalMs: 200 });
    w.write([logVolumePoint({ tenant, source: 'api', level: 'warn', count: 3 })]);
    expect(w.stats().written).toBe(0);
    await waitFor(() => w.stats().written === 1);
    w.write([logVolumePoint({ tenant, source: 'api', level: 'error', count: 4 })]);
    await waitFor(() => w.stats().written === 2);
    await waitForSamples('log_volume_count', tenant, 2);
  });

  it('flushes on close and drops (and counts) what is written after', async () => {
    const tenant = uniqueTenant();
    const w = createInfluxWriter({
      url: victoriaMetricsUrl(),
      org: 'loglens',
      bucket: 'test',
      batchSize: 1000,
      flushIntervalMs: 3_600_000,
      logger,
    });
    w.write(
      Array.from({ length: 25 }, (_, i) =>
        templateVolumePoint({ tenant, source: 'db', template: `t${i}`, count: i }),
      ),
    );
    expect(w.stats().written).toBe(0);
    await w.close();
    expect(w.stats()).toEqual({ written: 25, dropped: 0, retries: 0, failedBatches: 0, buffered: 0 });
    w.write([templateVolumePoint({ tenant, source: 'db', template: 'late', count: 1 })]);
    expect(w.stats()).toMatchObject({ written: 25, dropped: 1 });
    await waitForSamples('template_volume_count', tenant, 25);
  });
});
