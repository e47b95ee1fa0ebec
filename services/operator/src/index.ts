// The public entry of @loglens/operator: its module for `loglens serve`, its settings and its building blocks.
export { loadOperatorConfig, operatorSettings, type OperatorConfig } from './config.js';
export {
  Informer,
  objectKey,
  type InformerOptions,
  type InformerSource,
  type WatchStream,
} from './informer/informer.js';
export { createOperatorModule, type OperatorModule, type OperatorModuleDeps } from './module.js';
export { Operator, queueKey, type Leadership, type OperatorOptions } from './operator.js';
export { WorkQueue, type WorkQueueOptions } from './queue/work-queue.js';
export { RetryLimiter, type RetryLimiterSettings } from './queue/retry-limiter.js';
export { READY, DEGRADED, REASONS } from './reconcile/conditions.js';
export {
  ALERT_RULE_KIND,
  LOG_SOURCE_KIND,
  MANAGED_KINDS,
  type ManagedKind,
  type ManagedResource,
} from './reconcile/kinds.js';
export { CONFIG_FINALIZER, EVENT_REASONS, Reconciler, type ReconcilerDeps } from './reconcile/reconciler.js';
export type { SpecIssue, SpecIssueReason } from './reconcile/validate.js';
