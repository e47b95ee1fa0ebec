import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createAutoscaleMetrics } from './autoscale-metrics.js';

describe('autoscale metrics', () => {
  // Delta temporality: under cumulative the SDK repeats series a callback no longer observes (see the source).
  const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ readers: [reader] });
  afterEach(() => exporter.reset());

  async function collect(): Promise<Record<string, { attributes: object; value: unknown }[]>> {
    const { resourceMetrics } = await reader.collect();
    const entries = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
    return Object.fromEntries(
      entries.map((m) => [
        m.descriptor.name,
        m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })),
      ]),
    );
  }

  it('reports the latest figures per Deployment and forgets those no longer scaled', async () => {
    let leading = true;
    const meters = createAutoscaleMetrics(provider.getMeter('test'), () => leading);
    meters.observe('loglens', 'parser', { backlog: 35, currentReplicas: 1, desiredReplicas: 4 });
    meters.observe('loglens', 'ml', { backlog: 0, currentReplicas: 2, desiredReplicas: 2 });
    meters.scaled('loglens', 'parser', 'up');
    let figures = await collect();
    expect(figures.loglens_autoscaler_desired_replicas).toEqual([
      { attributes: { namespace: 'loglens', deployment: 'parser' }, value: 4 },
      { attributes: { namespace: 'loglens', deployment: 'ml' }, value: 2 },
    ]);
    expect(figures.loglens_autoscaler_backlog?.[0]?.value).toBe(35);
    expect(figures.loglens_autoscaler_scalings_total).toEqual([
      { attributes: { namespace: 'loglens', deployment: 'parser', direction: 'up' }, value: 1 },
    ]);
    expect(figures.loglens_autoscaler_leading).toEqual([{ attributes: {}, value: 1 }]);
    leading = false;
    meters.retain(new Set(['loglens/ml']));
    figures = await collect();
    expect(figures.loglens_autoscaler_current_replicas).toEqual([
      { attributes: { namespace: 'loglens', deployment: 'ml' }, value: 2 },
    ]);
    expect(figures.loglens_autoscaler_leading).toEqual([{ attributes: {}, value: 0 }]);
    meters.close();
    expect((await collect()).loglens_autoscaler_backlog ?? []).toEqual([]);
  });
});
