import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import { buildTopology, type DatabaseHandle, type Logger, type Module } from '@loglens/platform';
import type { LogSource } from '@loglens/resources';
import type { NatsConnection } from 'nats';
import { kubePodCounter } from './adapters/kube-pods.js';
import { postgresStoredFigures } from './adapters/postgres-source-stats.js';
import { kubeEventRecorder } from './adapters/kube-events.js';
import { loadKubeConfig } from './adapters/kube-config.js';
import { kubeInformerSource, kubeResourceApi } from './adapters/kube-resources.js';
import { kubeSecretNameSource } from './adapters/kube-secret-names.js';
import { kubeSecretReader } from './adapters/kube-secrets.js';
import { natsConfigStore } from './adapters/nats-config-store.js';
import { createAutoscaler, type Autoscaler } from './autoscale/index.js';
import type { OperatorConfig } from './config.js';
import { createLeaderElector, defaultLeaseIdentity, type LeaderElector } from './leader/index.js';
import { Operator } from './operator.js';
import { LOG_SOURCE_KIND, MANAGED_KINDS } from './reconcile/kinds.js';
import { Reconciler } from './reconcile/reconciler.js';
import { SourceStatusRefresher } from './status/source-status-refresher.js';

/** What the operator module needs from the process that hosts it. */
export interface OperatorModuleDeps {
  /** The shared NATS connection (topology, and so the config bucket, already provisioned). */
  readonly connection: () => NatsConnection;
  /** Topology prefix (`LOGLENS_NATS_PREFIX`). */
  readonly natsPrefix: string;
  readonly logger: Logger;
  /** Kubernetes client configuration; by default read as `LOGLENS_OPERATOR_KUBECONFIG` says. */
  readonly kubeConfig?: KubeConfig;
  /**
   * Where the lines and templates of each LogSource are counted for its status; without it the status shows
   * the matched pods only. Reads only; an unreachable database leaves those figures as they were.
   */
  readonly database?: DatabaseHandle;
}

/** The operator module, with its reconcile loop exposed for tests and health reporting. */
export interface OperatorModule extends Module {
  /** The reconcile loop; defined once started. */
  readonly operator: () => Operator | undefined;
  /** The leader elector; undefined when leader election is off. */
  readonly elector: LeaderElector | undefined;
}

/**
 * Builds the operator: informers on LogSources and AlertRules, a work queue, and the reconciler that writes
 * their KV config documents and status; and the backlog autoscaler of the worker Deployments. With leader
 * election on, only the replica holding the Lease reconciles and scales.
 */
export function createOperatorModule(config: OperatorConfig, deps: OperatorModuleDeps): OperatorModule {
  const log = deps.logger.child({ component: 'operator' });
  const kc = deps.kubeConfig ?? loadKubeConfig(config.operatorKubeconfig);
  const identity = config.leaseIdentity ?? defaultLeaseIdentity();
  const elector = config.operatorLeaderElection
    ? createLeaderElector({
        kubeConfig: kc,
        namespace: config.operatorPodNamespace,
        name: config.leaseName,
        identity,
        leaseDurationMs: config.leaseDuration,
        renewDeadlineMs: config.renewDeadline,
        retryPeriodMs: config.retryPeriod,
        logger: log,
      })
    : undefined;
  const resources = kubeResourceApi(kc);
  const reconciler = new Reconciler({
    resources,
    config: natsConfigStore(deps.connection, deps.natsPrefix),
    secrets: kubeSecretReader(kc),
    events: kubeEventRecorder(kc, config.operatorInstance ?? hostname()),
    secretRecheckMs: config.operatorSecretRecheck,
    logger: log,
  });
  const retry = {
    baseDelayMs: config.operatorRetryBaseDelay,
    maxDelayMs: config.operatorRetryMaxDelay,
    ratePerSecond: config.operatorRetryRate,
    burst: config.operatorRetryBurst,
  };
  let operator: Operator | undefined;
  let autoscaler: Autoscaler | undefined;
  let statusRefresher: SourceStatusRefresher | undefined;
  return {
    operator: () => operator,
    elector,
    async start() {
      const watchTimeoutSeconds = Math.max(1, Math.round(config.operatorWatchTimeout / 1000));
      operator = new Operator({
        kinds: MANAGED_KINDS,
        namespaces: config.operatorNamespaces,
        source: (kind, namespace) => kubeInformerSource(kc, kind, { namespace, watchTimeoutSeconds }),
        ...(config.operatorWatchSecrets
          ? { secrets: (namespace) => kubeSecretNameSource(kc, { namespace, watchTimeoutSeconds }) }
          : {}),
        reconciler,
        workers: config.operatorWorkers,
        resyncPeriodMs: config.operatorResyncPeriod,
        watchSilenceTimeoutMs: config.operatorWatchSilenceTimeout,
        watchBackoff: { baseMs: retry.baseDelayMs, maxMs: retry.maxDelayMs },
        retry,
        ...(elector ? { leadership: elector } : {}),
        logger: log,
      });
      autoscaler = createAutoscaler({
        kubeConfig: kc,
        jetStreamManager: await deps.connection().jetstreamManager(),
        workers: config.autoscaleWorkers,
        isLeader: () => elector?.isLeader() ?? true,
        namespace: config.operatorPodNamespace,
        topology: buildTopology({ prefix: deps.natsPrefix }),
        intervalMs: config.autoscaleInterval,
        logger: log,
      });
      const running = operator;
      statusRefresher = new SourceStatusRefresher({
        sources: () => running.cached(LOG_SOURCE_KIND) as LogSource[],
        resources,
        pods: kubePodCounter(kc),
        ...(deps.database ? { stored: postgresStoredFigures(deps.database, config.operatorTenants) } : {}),
        intervalMs: config.operatorStatusInterval,
        isLeader: () => elector?.isLeader() ?? true,
        logger: log,
      });
      await operator.start();
      await autoscaler.start();
      statusRefresher.start();
      await elector?.start();
      log.info(
        { namespaces: config.operatorNamespaces, leaderElection: config.operatorLeaderElection, identity },
        'operator module started',
      );
    },
    async stop() {
      await elector?.stop();
      await statusRefresher?.stop();
      await autoscaler?.stop();
      await operator?.stop();
    },
  };
}
