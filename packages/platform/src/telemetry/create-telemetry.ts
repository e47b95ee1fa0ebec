import { context, metrics, propagation, trace, type Meter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

/** Options of {@link createTelemetry}. */
export interface TelemetryOptions {
  /** `service.name` resource attribute, e.g. `loglens-ingest`. */
  readonly serviceName: string;
  /** `service.version` resource attribute. @default '0.0.0' */
  readonly serviceVersion?: string;
  /** Extra resource attributes (e.g. `k8s.pod.name`). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Address the `/metrics` server binds. @default '0.0.0.0' */
  readonly metricsHost?: string;
  /** Port of the `/metrics` server; 0 picks a free one, reported as `metricsPort`. @default 9464 */
  readonly metricsPort?: number;
  /** Where finished spans go; none by default (spans still propagate context). */
  readonly spanExporter?: SpanExporter;
  /** Export each span as it ends instead of in batches; for tests and the console exporter. @default false */
  readonly exportSpansImmediately?: boolean;
}

/** Metrics and traces of one process. */
export interface Telemetry {
  /** Meter named after the service; components may also use `metrics.getMeter(name)`. */
  readonly meter: Meter;
  /** Tracer named after the service; components may also use `trace.getTracer(name)`. */
  readonly tracer: Tracer;
  /** Port the `/metrics` server actually listens on. */
  readonly metricsPort: number;
  /** Flushes spans, stops the `/metrics` server and unregisters the global providers and propagator. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for a process: metrics for Prometheus on `/metrics`, a tracer provider and the W3C
 * TraceContext propagator, all registered as the OpenTelemetry globals. One instance is active at a time;
 * `shutdown()` releases the globals so another can be created (tests do).
 */
export async function createTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  const version = options.serviceVersion ?? '0.0.0';
  const resource = resourceFromAttributes({
    'service.name': options.serviceName,
    'service.version': version,
    ...options.attributes,
  });

  // The exporter's own server cannot report the port it bound, so it serves through ours instead.
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new MeterProvider({ resource, readers: [exporter] });
  // Globals are set once per process: a second live instance would silently lose its registration.
  if (!metrics.setGlobalMeterProvider(meterProvider)) {
    await meterProvider.shutdown();
    throw new Error('telemetry is already running in this process: shut the other instance down first');
  }
  let server: MetricsServer;
  try {
    server = await startMetricsServer(
      exporter,
      options.metricsHost ?? '0.0.0.0',
      options.metricsPort ?? 9464,
    );
  } catch (error) {
    metrics.disable();
    await meterProvider.shutdown();
    throw error;
  }

  const spanProcessors: SpanProcessor[] = [];
  if (options.spanExporter) {
    spanProcessors.push(
      options.exportSpansImmediately
        ? new SimpleSpanProcessor(options.spanExporter)
        : new BatchSpanProcessor(options.spanExporter),
    );
  }
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  // Other transports (gRPC metadata) use the global propagator directly, so it must be W3C here.
  tracerProvider.register({ propagator: new W3CTraceContextPropagator() });

  let stopped: Promise<void> | undefined;
  return {
    meter: meterProvider.getMeter(options.serviceName, version),
    tracer: tracerProvider.getTracer(options.serviceName, version),
    metricsPort: server.port,
    shutdown() {
      stopped ??= (async () => {
        const results = await Promise.allSettled([
          tracerProvider.shutdown(),
          meterProvider.shutdown(),
          server.close(),
        ]);
        trace.disable();
        context.disable();
        propagation.disable();
        metrics.disable();
        const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        if (failures.length > 0) throw new AggregateError(failures, 'telemetry shutdown failed');
      })();
      return stopped;
    },
  };
}
