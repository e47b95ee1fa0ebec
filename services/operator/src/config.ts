import {
  booleanSetting,
  durationSetting,
  integerSetting,
  listSetting,
  loadConfig,
  optional,
  stringSetting,
  type ConfigOf,
  type Environment,
} from '@loglens/platform';
import { autoscaleSettings } from './autoscale/index.js';
import { leaderElectionSettings } from './leader/index.js';

/** Settings of the operator module, read from `LOGLENS_OPERATOR_*` variables (or the config file) at start. */
export const operatorSettings = {
  /** Kubeconfig file; unset: $KUBECONFIG, ~/.kube/config, then the in-cluster service account. */
  operatorKubeconfig: optional(
    stringSetting('LOGLENS_OPERATOR_KUBECONFIG', {
      doc: 'Kubeconfig file to use; unset means $KUBECONFIG, then ~/.kube/config, then the in-cluster service account.',
    }),
  ),
  /** Namespaces whose resources are reconciled; empty means every namespace. @default '' */
  operatorNamespaces: listSetting('LOGLENS_OPERATOR_NAMESPACES', {
    default: '',
    doc: 'Comma-separated namespaces whose LogSources and AlertRules are reconciled; empty means all namespaces.',
  }),
  /** Every resource is reconciled again this often. @default 5m */
  operatorResyncPeriod: durationSetting('LOGLENS_OPERATOR_RESYNC_PERIOD', {
    default: '5m',
    doc: 'Every cached resource is reconciled again this often (repairs drift in KV).',
  }),
  /** Resources reconciled at once. @default 4 */
  operatorWorkers: integerSetting('LOGLENS_OPERATOR_WORKERS', {
    default: '4',
    min: 1,
    max: 64,
    doc: 'Reconciles run at once (one resource is never reconciled by two workers at the same time).',
  }),
  /** A watch without events or bookmarks for this long is dropped and the resources listed again. @default 3m */
  operatorWatchSilenceTimeout: durationSetting('LOGLENS_OPERATOR_WATCH_SILENCE_TIMEOUT', {
    default: '3m',
    doc: 'A watch silent (no event, no bookmark) for this long is presumed stuck: the operator lists again.',
  }),
  /** The API server is asked to end each watch after this long; it is then resumed. @default 5m */
  operatorWatchTimeout: durationSetting('LOGLENS_OPERATOR_WATCH_TIMEOUT', {
    default: '5m',
    doc: 'Server-side timeout of each watch request (timeoutSeconds); the watch resumes from where it ended.',
  }),
  /** First retry delay of a failed reconcile; doubles per failure. @default 1s */
  operatorRetryBaseDelay: durationSetting('LOGLENS_OPERATOR_RETRY_BASE_DELAY', {
    default: '1s',
    doc: 'Delay before a failed reconcile of a resource is retried; it doubles with each further failure.',
  }),
  /** Longest retry delay of one resource. @default 5m */
  operatorRetryMaxDelay: durationSetting('LOGLENS_OPERATOR_RETRY_MAX_DELAY', {
    default: '5m',
    doc: 'Longest delay between retries of one failing resource (and between watch restarts).',
  }),
  /** Retries per second over every resource. @default 10 */
  operatorRetryRate: integerSetting('LOGLENS_OPERATOR_RETRY_RATE', {
    default: '10',
    min: 1,
    doc: 'Retries per second over all resources (token bucket rate), so a failing dependency is not hammered.',
  }),
  /** Retries allowed at once above the rate. @default 100 */
  operatorRetryBurst: integerSetting('LOGLENS_OPERATOR_RETRY_BURST', {
    default: '100',
    min: 1,
    doc: 'Retries allowed at once above the rate (token bucket size).',
  }),
  /** Watch Secrets so a resource is reconciled as soon as a Secret it refers to changes. @default true */
  operatorWatchSecrets: booleanSetting('LOGLENS_OPERATOR_WATCH_SECRETS', {
    default: 'true',
    doc: 'Watch Secrets (names only are kept) so a resource is reconciled when a Secret it names changes; off needs only get on secrets, and a missing Secret is then noticed by the recheck.',
  }),
  /** Reconcile again this long after a Secret a spec refers to was found missing. @default 30s */
  operatorSecretRecheck: durationSetting('LOGLENS_OPERATOR_SECRET_RECHECK', {
    default: '30s',
    doc: 'A resource that refers to a missing Secret (or key) is checked again after this long (a fallback when Secrets are watched).',
  }),
  /** Tenants whose lines and templates a LogSource status counts; empty means every tenant. @default '' */
  operatorTenants: listSetting('LOGLENS_OPERATOR_TENANTS', {
    default: '',
    doc: 'Comma-separated tenant names whose stored lines and templates LogSource statuses count (the tenants this cluster ships as); empty means all tenants.',
  }),
  /** How often the figures of LogSource statuses (pods, lines, templates) are refreshed. @default 30s */
  operatorStatusInterval: durationSetting('LOGLENS_OPERATOR_STATUS_INTERVAL', {
    default: '30s',
    doc: 'How often each LogSource status gets its figures: pods its selector matches, lines and templates stored, newest line.',
  }),
  /** Only the replica holding the Lease reconciles; off, every replica reconciles. @default true */
  operatorLeaderElection: booleanSetting('LOGLENS_OPERATOR_LEADER_ELECTION', {
    default: 'true',
    doc: 'Elect one active replica through a Lease; turn off only when exactly one replica runs.',
  }),
  /** The operator's own namespace: its Lease and the worker Deployments it scales live there. @default loglens */
  operatorPodNamespace: stringSetting('LOGLENS_OPERATOR_POD_NAMESPACE', {
    default: 'loglens',
    doc: 'Namespace the operator runs in (set from the downward API): it holds the Lease and the worker Deployments to scale.',
  }),
  ...leaderElectionSettings,
  ...autoscaleSettings,
  /** Name of this instance on Events; defaults to the host name (the pod name in Kubernetes). */
  operatorInstance: optional(
    stringSetting('LOGLENS_OPERATOR_INSTANCE', {
      doc: 'Name of this operator instance on Kubernetes Events (reportingInstance); unset means the host name.',
    }),
  ),
};

/** The validated settings of the operator module. */
export type OperatorConfig = ConfigOf<typeof operatorSettings>;

/** Loads and validates {@link operatorSettings}; throws a `ConfigError` naming every bad variable. */
export function loadOperatorConfig(env: Environment = process.env): OperatorConfig {
  return loadConfig(operatorSettings, env);
}
