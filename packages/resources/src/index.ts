export {
  ALERT_STATES,
  AlertRuleSpecSchema,
  AlertRuleStatusSchema,
  ANOMALY_KINDS,
  NotificationTargetSchema,
  ResolvedAlertRuleSpecSchema,
  SEVERITIES,
  type AlertRule,
  type AlertRuleSpec,
  type AlertRuleStatus,
  type ResolvedAlertRuleSpec,
} from './alert-rule.js';
export {
  API_VERSION,
  ConditionSchema,
  GROUP,
  LabelSelectorSchema,
  SecretKeyRefSchema,
  VERSION,
  type Condition,
  type LabelSelector,
  type ObjectMeta,
  type SecretKeyRef,
} from './common.js';
export {
  AlertRuleConfigSchema,
  ConfigDocumentError,
  LogSourceConfigSchema,
  logSourceName,
  parseAlertRuleConfig,
  parseLogSourceConfig,
  toAlertRuleConfig,
  toLogSourceConfig,
  type AlertRuleConfig,
  type LogSourceConfig,
} from './config-documents.js';
export {
  ALERT_RULE_CRD,
  buildCrd,
  LOG_SOURCE_CRD,
  type CrdDefinition,
  type CustomResourceDefinition,
  type PrinterColumn,
} from './crd.js';
export { renderCrdFiles, type CrdFile } from './crd-yaml.js';
export {
  BUILTIN_REDACTIONS,
  LOG_FORMATS,
  LogSourceSpecSchema,
  LogSourceStatusSchema,
  ResolvedLogSourceSpecSchema,
  type LogSource,
  type LogSourceSpec,
  type LogSourceStatus,
  type ResolvedLogSourceSpec,
} from './log-source.js';
export { DURATION_PATTERN, type CelValidation } from './schema-helpers.js';
export { toStructuralSchema, type JsonSchema, type JsonValue } from './structural-schema.js';
