import type { ConfigKind } from '@loglens/platform';
import { toAlertRuleConfig, toLogSourceConfig, type AlertRule, type LogSource } from '@loglens/resources';
import {
  alertRuleSecretRefs,
  validateAlertRuleSpec,
  validateLogSourceSpec,
  type SecretReference,
  type SpecIssue,
} from './validate.js';

/** A custom resource the operator reconciles, as read from the API. */
export type ManagedResource = LogSource | AlertRule;

/** How the operator handles one kind: its API names, its checks and its KV document. */
export interface ManagedKind {
  readonly kind: ManagedResource['kind'];
  /** Resource name in API paths, e.g. `logsources`. */
  readonly plural: string;
  /** Kind part of the KV key. */
  readonly configKind: ConfigKind;
  /** Semantic checks that need no I/O. */
  validate(resource: ManagedResource): SpecIssue[];
  /** Secret keys the spec refers to. */
  secretRefs(resource: ManagedResource): SecretReference[];
  /** The KV document; throws `ConfigDocumentError`. */
  compile(resource: ManagedResource): unknown;
  /** Status fields set once when missing, so the printer columns show a value from the start. */
  initialStatus(resource: ManagedResource): Readonly<Record<string, unknown>>;
}

function expect<K extends ManagedResource['kind']>(
  resource: ManagedResource,
  kind: K,
): Extract<ManagedResource, { kind: K }> {
  if (resource.kind !== kind) throw new Error(`expected a ${kind}, got a ${resource.kind}`);
  return resource as Extract<ManagedResource, { kind: K }>;
}

/** LogSource: regexes and retention checked; document `logsource.<ns>.<name>`. */
export const LOG_SOURCE_KIND: ManagedKind = {
  kind: 'LogSource',
  plural: 'logsources',
  configKind: 'logsource',
  validate: (r) => validateLogSourceSpec(expect(r, 'LogSource').spec),
  secretRefs: () => [],
  compile: (r) => toLogSourceConfig(expect(r, 'LogSource')),
  initialStatus: () => ({}),
};

/** AlertRule: regex, durations and notification Secrets checked; document `alertrule.<ns>.<name>`. */
export const ALERT_RULE_KIND: ManagedKind = {
  kind: 'AlertRule',
  plural: 'alertrules',
  configKind: 'alertrule',
  validate: (r) => validateAlertRuleSpec(expect(r, 'AlertRule').spec),
  secretRefs: (r) => alertRuleSecretRefs(expect(r, 'AlertRule').spec),
  compile: (r) => toAlertRuleConfig(expect(r, 'AlertRule')),
  initialStatus: (r) => (expect(r, 'AlertRule').status?.state ? {} : { state: 'Inactive' }),
};

/** Every kind the operator reconciles. */
export const MANAGED_KINDS: readonly ManagedKind[] = [LOG_SOURCE_KIND, ALERT_RULE_KIND];
