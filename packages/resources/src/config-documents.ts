import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ResolvedAlertRuleSpecSchema, type AlertRule } from './alert-rule.js';
import { API_VERSION, type ObjectMeta } from './common.js';
import { ResolvedLogSourceSpecSchema, type LogSource } from './log-source.js';

function documentSchema<K extends string, S extends TSchema>(kind: K, spec: S) {
  return Type.Object({
    apiVersion: Type.Literal(API_VERSION),
    kind: Type.Literal(kind),
    namespace: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    uid: Type.String(),
    generation: Type.Integer({ minimum: 0, description: 'metadata.generation the document was built from.' }),
    spec,
  });
}

/** Value of KV key `logsource.<namespace>.<name>`: the LogSource spec with defaults applied. */
export const LogSourceConfigSchema = documentSchema('LogSourceConfig', ResolvedLogSourceSpecSchema);
/** Value of KV key `alertrule.<namespace>.<name>`: the AlertRule spec with defaults applied. */
export const AlertRuleConfigSchema = documentSchema('AlertRuleConfig', ResolvedAlertRuleSpecSchema);

/** The LogSource configuration document in KV. */
export type LogSourceConfig = Static<typeof LogSourceConfigSchema>;
/** The AlertRule configuration document in KV. */
export type AlertRuleConfig = Static<typeof AlertRuleConfigSchema>;

/** A configuration document that does not match its schema; `path` names the first bad field. */
export class ConfigDocumentError extends Error {
  override readonly name = 'ConfigDocumentError';
  constructor(
    readonly kind: string,
    readonly path: string,
    message: string,
  ) {
    super(`${kind} ${path || '/'}: ${message}`);
  }
}

function checked<S extends TSchema>(kind: string, schema: S, value: unknown): Static<S> {
  if (Value.Check(schema, value)) return value;
  const first = Value.Errors(schema, value).First();
  throw new ConfigDocumentError(kind, first?.path ?? '', first?.message ?? 'invalid document');
}

function build<S extends TSchema>(kind: string, schema: S, metadata: ObjectMeta, spec: unknown): Static<S> {
  if (!metadata.namespace) throw new ConfigDocumentError(kind, '/namespace', 'the resource has no namespace');
  const document = {
    apiVersion: API_VERSION,
    kind,
    namespace: metadata.namespace,
    name: metadata.name,
    uid: metadata.uid ?? '',
    generation: metadata.generation ?? 0,
    // Value.Default fills in place: work on a copy so the resource is left as it was.
    spec: structuredClone(spec),
  };
  return checked(kind, schema, Value.Default(schema, document));
}

/** Builds the KV document of a LogSource (defaults applied, validated); throws ConfigDocumentError. */
export function toLogSourceConfig(resource: LogSource): LogSourceConfig {
  return build('LogSourceConfig', LogSourceConfigSchema, resource.metadata, resource.spec);
}

/** Builds the KV document of an AlertRule (defaults applied, validated); throws ConfigDocumentError. */
export function toAlertRuleConfig(resource: AlertRule): AlertRuleConfig {
  return build('AlertRuleConfig', AlertRuleConfigSchema, resource.metadata, resource.spec);
}

/**
 * The source a LogSource configures: `<namespace>/<name>`, the name the shipper ships its lines under and the
 * parser, the query API and the operator's status know it by.
 */
export function logSourceName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Parses a LogSource document read from KV; throws ConfigDocumentError naming the bad field. */
export function parseLogSourceConfig(value: unknown): LogSourceConfig {
  return checked('LogSourceConfig', LogSourceConfigSchema, value);
}

/** Parses an AlertRule document read from KV; throws ConfigDocumentError naming the bad field. */
export function parseAlertRuleConfig(value: unknown): AlertRuleConfig {
  return checked('AlertRuleConfig', AlertRuleConfigSchema, value);
}
