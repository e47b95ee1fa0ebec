import type { Attributes, Meter, ObservableResult } from '@opentelemetry/api';

/** The last decision about one Deployment, as the gauges report it. */
export interface ObservedScale {
  readonly backlog: number;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
}

/** The autoscaler's OpenTelemetry instruments. */
export interface AutoscaleMetrics {
  /** Records the latest figures of a Deployment (reported until {@link retain} drops it). */
  observe(namespace: string, deployment: string, figures: ObservedScale): void;
  /** Keeps only the Deployments in `keys` (`namespace/name`); a standby keeps none, so it reports nothing. */
  retain(keys: ReadonlySet<string>): void;
  /** Counts a change of size. */
  scaled(namespace: string, deployment: string, direction: 'up' | 'down'): void;
  /** Stops reporting. */
  close(): void;
}

/**
 * Creates the gauges `loglens_autoscaler_{backlog,current_replicas,desired_replicas,leading}` and the
 * scalings counter. `leading` tells which replica's figures are live: the Prometheus exporter keeps repeating
 * the last value of a gauge series a callback stopped observing (open-telemetry-js#4096), so a former leader
 * still shows its old figures.
 */
export function createAutoscaleMetrics(meter: Meter, leading: () => boolean): AutoscaleMetrics {
  const latest = new Map<string, { attributes: Attributes; figures: ObservedScale }>();
  const gauges = {
    backlog: meter.createObservableGauge('loglens_autoscaler_backlog', {
      description: 'Pending plus ack-pending messages of the consumers that drive a worker Deployment',
    }),
    currentReplicas: meter.createObservableGauge('loglens_autoscaler_current_replicas', {
      description: 'Replicas of a worker Deployment when the autoscaler last looked',
    }),
    desiredReplicas: meter.createObservableGauge('loglens_autoscaler_desired_replicas', {
      description: 'Replicas the autoscaler decided for a worker Deployment',
    }),
  };
  const leadingGauge = meter.createObservableGauge('loglens_autoscaler_leading', {
    description: '1 while this operator replica is the one scaling workers, else 0',
  });
  const observeLeading = (result: ObservableResult) => result.observe(leading() ? 1 : 0);
  leadingGauge.addCallback(observeLeading);
  const scalings = meter.createCounter('loglens_autoscaler_scalings_total', {
    description: 'Changes of size the autoscaler made, by direction',
  });
  const callbacks = (Object.keys(gauges) as (keyof typeof gauges)[]).map((name) => {
    const callback = (result: ObservableResult) => {
      for (const { attributes, figures } of latest.values()) result.observe(figures[name], attributes);
    };
    gauges[name].addCallback(callback);
    return () => gauges[name].removeCallback(callback);
  });
  return {
    observe(namespace, deployment, figures) {
      latest.set(`${namespace}/${deployment}`, { attributes: { namespace, deployment }, figures });
    },
    retain(keys) {
      for (const key of latest.keys()) if (!keys.has(key)) latest.delete(key);
    },
    scaled(namespace, deployment, direction) {
      scalings.add(1, { namespace, deployment, direction });
    },
    close() {
      for (const remove of callbacks) remove();
      leadingGauge.removeCallback(observeLeading);
      latest.clear();
    },
  };
}
