import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTelemetry,
  extractTraceContext,
  injectTraceContext,
  traceIdOf,
  type Telemetry,
} from '../src/telemetry/index.js';

describe('telemetry', () => {
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('serves a counter on /metrics over HTTP, on the port it reports', async () => {
    telemetry = await createTelemetry({
      serviceName: 'loglens-test',
      serviceVersion: '1.2.3',
      metricsHost: '127.0.0.1',
      metricsPort: 0,
    });
    expect(telemetry.metricsPort).toBeGreaterThan(0);
    const counter = telemetry.meter.createCounter('loglens_test_batches', {
      description: 'batches seen by the test',
    });
    counter.add(2, { tenant: 'acme' });
    counter.add(3, { tenant: 'acme' });

    const response = await fetch(`http://127.0.0.1:${telemetry.metricsPort}/metrics`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('# HELP loglens_test_batches_total batches seen by the test');
    expect(body).toMatch(/^loglens_test_batches_total\{[^}]*tenant="acme"[^}]*\} 5$/m);
    expect(body).toMatch(/target_info\{[^}]*service_name="loglens-test"[^}]*service_version="1.2.3"/);

    expect((await fetch(`http://127.0.0.1:${telemetry.metricsPort}/other`)).status).toBe(404);
  });

  it('carries the trace id of a span through an injected and extracted carrier', async () => {
    const spans = new InMemorySpanExporter();
    telemetry = await createTelemetry({
      serviceName: 'loglens-test',
      metricsPort: 0,
      metricsHost: '127.0.0.1',
      spanExporter: spans,
      exportSpansImmediately: true,
    });
    const span = telemetry.tracer.startSpan('publish');
    const carrier = injectTraceContext({}, trace.setSpan(context.active(), span));
    span.end();

    expect(carrier.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const extracted = extractTraceContext(carrier);
    expect(traceIdOf(extracted)).toBe(span.spanContext().traceId);

    // A child started from the extracted context continues the same trace.
    const child = telemetry.tracer.startSpan('consume', {}, extracted);
    child.end();
    expect(spans.getFinishedSpans().map((s) => s.spanContext().traceId)).toEqual([
      span.spanContext().traceId,
      span.spanContext().traceId,
    ]);
  });

  it('can be created again after shutdown, and shutdown frees the port', async () => {
    const first = await createTelemetry({ serviceName: 'a', metricsHost: '127.0.0.1', metricsPort: 0 });
    const port = first.metricsPort;
    await first.shutdown();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    telemetry = await createTelemetry({ serviceName: 'b', metricsHost: '127.0.0.1', metricsPort: port });
    expect(telemetry.metricsPort).toBe(port);
    const carrier = injectTraceContext({}, trace.setSpan(context.active(), telemetry.tracer.startSpan('x')));
    expect(carrier.traceparent).toBeDefined();
  });

  it('refuses a second live instance while the first runs', async () => {
    telemetry = await createTelemetry({ serviceName: 'a', metricsHost: '127.0.0.1', metricsPort: 0 });
    await expect(
      createTelemetry({ serviceName: 'b', metricsHost: '127.0.0.1', metricsPort: 0 }),
    ).rejects.toThrow(/already running/);
  });

  it('fails on a taken port without keeping its global registration', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(
        createTelemetry({ serviceName: 'a', metricsHost: '127.0.0.1', metricsPort: port }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    telemetry = await createTelemetry({ serviceName: 'b', metricsHost: '127.0.0.1', metricsPort: port });
    expect(telemetry.metricsPort).toBe(port);
  });
});
