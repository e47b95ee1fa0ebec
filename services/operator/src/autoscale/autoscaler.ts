import type { KubeConfig } from '@kubernetes/client-node';
import { buildTopology, type Logger, type Topology } from '@loglens/platform';
import { metrics, type Meter } from '@opentelemetry/api';
import type { JetStreamManager } from 'nats';
import { createAutoscaleMetrics } from './autoscale-metrics.js';
import {
  resolveTargets,
  type AutoscaleTarget,
  type DeploymentView,
  type TargetProblem,
  type WorkerSpec,
} from './autoscale-targets.js';
import { consumerLabel } from './consumer-ref.js';
import { jetStreamBacklog } from './jetstream-backlog.js';
import { kubernetesDeploymentScaler, kubernetesEventRecorder } from './kubernetes-deployments.js';
import { decideScale, type RecommendationWindow } from './scale-decision.js';
import { runPeriodically, type PeriodicRun } from '../periodic.js';

/** Options of {@link createAutoscaler}. */
export interface AutoscalerOptions {
  readonly kubeConfig: KubeConfig;
  readonly jetStreamManager: JetStreamManager;
  /** Workers from the configuration; annotated Deployments of `namespace` are added to them. */
  readonly workers: readonly WorkerSpec[];
  /** Scaling happens only while this returns true (the leader election's `isLeader`). */
  readonly isLeader: () => boolean;
  readonly logger: Logger;
  /** Namespace searched for annotated Deployments and default of configured workers. @default the kubeconfig context's, else `default` */
  readonly namespace?: string;
  /** Resolves consumer roles (`parser`, `ml`, ...) to stream and consumer names. @default buildTopology() */
  readonly topology?: Topology;
  /** Pause between two polls. @default 1000 */
  readonly intervalMs?: number;
  /** @default metrics.getMeter('@loglens/operator') */
  readonly meter?: Meter;
}

/** Scales worker Deployments to their JetStream backlog. */
export interface Autoscaler {
  start(): Promise<void>;
  stop(): Promise<void>;
}

function keyOf(d: DeploymentView): string {
  return `${d.namespace}/${d.name}`;
}

/** Creates the backlog autoscaler: every poll, for each worker, `ceil(backlog / target)` within [min, max]. */
export function createAutoscaler(options: AutoscalerOptions): Autoscaler {
  const logger = options.logger.child({ component: 'autoscaler' });
  const namespace =
    options.namespace ??
    options.kubeConfig.getContextObject(options.kubeConfig.getCurrentContext())?.namespace ??
    'default';
  const topology = options.topology ?? buildTopology();
  const intervalMs = options.intervalMs ?? 1000;
  const scaler = kubernetesDeploymentScaler(options.kubeConfig);
  const events = kubernetesEventRecorder(options.kubeConfig);
  const backlogs = jetStreamBacklog(options.jetStreamManager);
  const meters = createAutoscaleMetrics(
    options.meter ?? metrics.getMeter('@loglens/operator'),
    options.isLeader,
  );
  const namespaces = [...new Set([namespace, ...options.workers.map((w) => w.namespace ?? namespace)])];
  // Per Deployment: the recommendation window, and the last problem reported (to say it once, not every poll).
  let windows = new Map<string, RecommendationWindow>();
  const reported = new Map<string, string>();
  let loop: PeriodicRun | undefined;

  const recordEvent = (d: DeploymentView, type: 'Normal' | 'Warning', reason: string, message: string) =>
    events.record(d, { type, reason, message }).catch((error: unknown) => {
      logger.warn({ err: error, deployment: keyOf(d), reason }, 'cannot record an Event');
    });

  const reportProblem = async (problem: TargetProblem) => {
    if (reported.get(problem.key) === problem.message) return;
    reported.set(problem.key, problem.message);
    logger.warn({ deployment: problem.key, problem: problem.message }, 'cannot autoscale a worker');
    if (problem.deployment)
      await recordEvent(problem.deployment, 'Warning', 'AutoscaleFailed', problem.message);
  };

  const scaleOne = async (target: AutoscaleTarget, nowMs: number) => {
    const d = target.deployment;
    const key = keyOf(d);
    let backlog: number;
    try {
      backlog = await backlogs.read(target.consumers);
    } catch (error) {
      return reportProblem({
        key,
        deployment: d,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    reported.delete(key);
    const decision = decideScale({
      policy: target.policy,
      backlog,
      currentReplicas: d.replicas,
      nowMs,
      window: windows.get(key),
    });
    windows.set(key, decision.window);
    meters.observe(d.namespace, d.name, {
      backlog,
      currentReplicas: d.replicas,
      desiredReplicas: decision.desired,
    });
    // Leadership may have lapsed while the backlog was read: a former leader must not write.
    if (decision.desired === d.replicas || !options.isLeader()) return;
    if ((await scaler.setReplicas(d, decision.desired)) === 'conflict') return;
    const direction = decision.desired > d.replicas ? 'up' : 'down';
    const consumers = target.consumers.map(consumerLabel).join(', ');
    const message = `backlog ${backlog} of ${consumers} at target ${target.policy.targetBacklog} per replica: ${d.replicas} → ${decision.desired} replicas`;
    logger.info({ deployment: key, backlog, from: d.replicas, to: decision.desired }, `scaled ${direction}`);
    meters.scaled(d.namespace, d.name, direction);
    await recordEvent(d, 'Normal', direction === 'up' ? 'ScaledUp' : 'ScaledDown', message);
  };

  const pollOnce = async () => {
    if (!options.isLeader()) {
      // A standby keeps no history: on becoming leader it starts a fresh window from the current sizes.
      windows = new Map();
      reported.clear();
      meters.retain(new Set());
      return;
    }
    const nowMs = Date.now();
    const deployments = (await Promise.all(namespaces.map((ns) => scaler.list(ns)))).flat();
    const { targets, problems } = resolveTargets({
      workers: options.workers,
      deployments,
      defaultNamespace: namespace,
      topology,
    });
    const live = new Set(targets.map((t) => keyOf(t.deployment)));
    windows = new Map([...windows].filter(([key]) => live.has(key)));
    const known = new Set([...live, ...problems.map((p) => p.key)]);
    for (const key of reported.keys()) if (!known.has(key)) reported.delete(key);
    meters.retain(live);
    await Promise.all([
      ...problems.map(reportProblem),
      ...targets.map((t) =>
        scaleOne(t, nowMs).catch((error: unknown) =>
          logger.warn({ err: error, deployment: keyOf(t.deployment) }, 'cannot scale a worker'),
        ),
      ),
    ]);
  };

  return {
    async start() {
      if (loop) return;
      logger.info({ namespace, workers: options.workers.length, intervalMs }, 'autoscaler started');
      loop = runPeriodically(
        pollOnce,
        intervalMs,
        (error) => logger.warn({ err: error }, 'autoscaler poll failed'),
        { immediately: true },
      );
      await loop.first;
    },
    async stop() {
      await loop?.stop();
      loop = undefined;
      meters.close();
    },
  };
}
