import { Type, type Static } from '@sinclair/typebox';
import { ConditionsSchema, SecretKeyRefSchema, type API_VERSION, type ObjectMeta } from './common.js';
import {
  celRules,
  defaulted,
  DNS_SUBDOMAIN_PATTERN,
  Duration,
  exactlyOneOf,
  StringEnum,
  type SchemaMode,
} from './schema-helpers.js';

/** Severities of an alert. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
/** States of an AlertRule. */
export const ALERT_STATES = ['Inactive', 'Pending', 'Firing'] as const;
/** Anomaly kinds an anomaly condition can be limited to (as the anomaly engine names them). */
export const ANOMALY_KINDS = [
  'new-template',
  'rare-template',
  'rate-spike',
  'rate-drop',
  'error-surge',
  'silence',
  'session-novelty',
  'session-sequence',
] as const;

function window<M extends SchemaMode>(mode: M) {
  return defaulted(
    mode,
    Duration({ default: '5m', description: 'Sliding window the figure is computed over.' }),
  );
}

/** Volume or error rate crosses a bound. */
function thresholdSchema<M extends SchemaMode>(mode: M) {
  return Type.Object({
    metric: StringEnum(['volume', 'errorRate'], {
      description: 'volume: lines per window; errorRate: share (0 to 1) of lines at level error or above.',
    }),
    operator: StringEnum(['>', '>=', '<', '<=']),
    value: Type.Number({ minimum: 0 }),
    window: window(mode),
  });
}

/** A regular expression or a template occurs at least `count` times. */
function patternSchema<M extends SchemaMode>(mode: M) {
  return Type.Object(
    {
      regex: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
      templateId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      count: defaulted(mode, Type.Integer({ minimum: 1, default: 1 })),
      window: window(mode),
    },
    celRules(exactlyOneOf(['regex', 'templateId'])),
  );
}

/** An anomaly scores at least `minScore`. */
function anomalySchema<M extends SchemaMode>(mode: M) {
  return Type.Object({
    minScore: defaulted(mode, Type.Number({ minimum: 0, maximum: 1, default: 0.8 })),
    kinds: Type.Optional(Type.Array(StringEnum(ANOMALY_KINDS), { maxItems: 8 })),
  });
}

/** Exactly one condition. */
function conditionSchema<M extends SchemaMode>(mode: M) {
  return Type.Object(
    {
      threshold: Type.Optional(thresholdSchema(mode)),
      pattern: Type.Optional(patternSchema(mode)),
      anomaly: Type.Optional(anomalySchema(mode)),
      absence: Type.Optional(
        Type.Object({ window: Duration({ description: 'No line for this long fires the rule.' }) }),
      ),
    },
    {
      ...celRules(exactlyOneOf(['threshold', 'pattern', 'anomaly', 'absence'])),
      description: 'Exactly one condition.',
    },
  );
}

/** Where a notification goes; exactly one target kind per entry. */
export const NotificationTargetSchema = Type.Object(
  {
    webhook: Type.Optional(
      Type.Object(
        {
          url: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
          urlSecretKeyRef: Type.Optional(SecretKeyRefSchema),
        },
        celRules(exactlyOneOf(['url', 'urlSecretKeyRef'])),
      ),
    ),
    slack: Type.Optional(
      Type.Object({
        webhookUrlSecretKeyRef: SecretKeyRefSchema,
        channel: Type.Optional(Type.String({ pattern: '^[#@]?[a-z0-9._-]+$', maxLength: 80 })),
      }),
    ),
    email: Type.Optional(
      Type.Object({
        to: Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254 }), {
          minItems: 1,
          maxItems: 32,
        }),
      }),
    ),
    pagerduty: Type.Optional(Type.Object({ routingKeySecretKeyRef: SecretKeyRefSchema })),
  },
  celRules(exactlyOneOf(['webhook', 'slack', 'email', 'pagerduty'])),
);

function alertRuleSpecSchema<M extends SchemaMode>(mode: M) {
  return Type.Object({
    sourceRef: Type.Object(
      { name: Type.String({ pattern: DNS_SUBDOMAIN_PATTERN, maxLength: 253 }) },
      { description: 'The LogSource, in the same namespace, whose logs the rule watches.' },
    ),
    severity: defaulted(mode, StringEnum(SEVERITIES, { default: 'warning' })),
    condition: conditionSchema(mode),
    for: defaulted(
      mode,
      Duration({ default: '0s', description: 'How long the condition holds before firing.' }),
    ),
    groupBy: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.]*$', maxLength: 63 }), { maxItems: 16 }),
    ),
    repeatInterval: defaulted(
      mode,
      Duration({ default: '4h', description: 'Wait before notifying again while the rule keeps firing.' }),
    ),
    notifications: Type.Array(NotificationTargetSchema, { minItems: 1, maxItems: 16 }),
  });
}

/** Desired state of an AlertRule. */
export const AlertRuleSpecSchema = alertRuleSpecSchema('spec');

/** AlertRule spec with every default applied, as the services read it from KV. */
export const ResolvedAlertRuleSpecSchema = alertRuleSpecSchema('resolved');

/** Observed state of an AlertRule, written by the operator and the alerting service. */
export const AlertRuleStatusSchema = Type.Object({
  observedGeneration: Type.Optional(Type.Integer({ minimum: 0 })),
  conditions: Type.Optional(ConditionsSchema),
  state: Type.Optional(StringEnum(ALERT_STATES)),
  lastFiredTime: Type.Optional(Type.String()),
  lastNotifiedTime: Type.Optional(Type.String()),
});

/** AlertRule spec. */
export type AlertRuleSpec = Static<typeof AlertRuleSpecSchema>;
/** AlertRule spec with defaults applied. */
export type ResolvedAlertRuleSpec = Static<typeof ResolvedAlertRuleSpecSchema>;
/** AlertRule status. */
export type AlertRuleStatus = Static<typeof AlertRuleStatusSchema>;

/** An AlertRule object as the Kubernetes API returns it. */
export interface AlertRule {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: 'AlertRule';
  readonly metadata: ObjectMeta;
  readonly spec: AlertRuleSpec;
  readonly status?: AlertRuleStatus;
}
