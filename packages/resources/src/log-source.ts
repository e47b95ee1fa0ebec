import { Type, type Static } from '@sinclair/typebox';
import { ConditionsSchema, LabelSelectorSchema, type API_VERSION, type ObjectMeta } from './common.js';
import { defaulted, Duration, StringEnum, StringMap, type SchemaMode } from './schema-helpers.js';

/** Format hints a LogSource accepts; `auto` detects the format per source. */
export const LOG_FORMATS = [
  'auto',
  'json',
  'logfmt',
  'syslog',
  'cri',
  'docker',
  'access-log',
  'apache-error',
  'text',
  'plain',
] as const;

/** Built-in redaction rules (their names in the parser); `ipv4` and `ipv6` are off unless enabled. */
export const BUILTIN_REDACTIONS = [
  'password',
  'token',
  'secret',
  'api-key',
  'authorization',
  'bearer',
  'jwt',
  'ssn',
  'credit-card',
  'email',
  'ipv4',
  'ipv6',
] as const;

/** How lines become records. */
function multilineSchema<M extends SchemaMode>(mode: M) {
  return Type.Object(
    {
      mode: defaulted(
        mode,
        StringEnum(['auto', 'none'], {
          default: 'auto',
          description: 'auto joins stack traces and indented continuations; none keeps one line per record.',
        }),
      ),
      startPattern: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 1024,
          description: 'Regular expression: a matching line starts a record (overrides mode).',
        }),
      ),
      maxLines: defaulted(
        mode,
        Type.Integer({ minimum: 1, maximum: 10000, default: 500, description: 'Most lines per record.' }),
      ),
    },
    { default: {}, description: 'How physical lines are joined into records.' },
  );
}

/** A custom redaction rule. */
export const CustomRedactionSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'Rule name, used in the marker.' }),
  pattern: Type.String({ minLength: 1, maxLength: 1024, description: 'Regular expression to replace.' }),
  flags: Type.Optional(Type.String({ pattern: '^[imsu]*$', maxLength: 4 })),
  replacement: Type.Optional(
    Type.String({ maxLength: 256, description: 'Replacement ($1 works); default <redacted:NAME>.' }),
  ),
});

/** Which redaction rules run. */
export const RedactionSchema = Type.Object(
  {
    disable: Type.Optional(Type.Array(StringEnum(BUILTIN_REDACTIONS), { maxItems: 16 })),
    enable: Type.Optional(Type.Array(StringEnum(['ipv4', 'ipv6']), { maxItems: 2 })),
    custom: Type.Optional(Type.Array(CustomRedactionSchema, { maxItems: 64 })),
  },
  { description: 'Built-in rules to switch off or on, and custom rules run after them.' },
);

function miningSchema<M extends SchemaMode>(mode: M) {
  return Type.Object(
    {
      maxTemplates: defaulted(mode, Type.Integer({ minimum: 100, maximum: 1_000_000, default: 10_000 })),
      generaliseAfter: defaulted(mode, Type.Integer({ minimum: 2, maximum: 64, default: 4 })),
    },
    { default: {}, description: 'Template-mining knobs; the defaults suit most logs.' },
  );
}

function logSourceSpecSchema<M extends SchemaMode>(mode: M) {
  return Type.Object({
    selector: LabelSelectorSchema,
    paths: Type.Array(Type.String({ pattern: '^/', minLength: 2, maxLength: 1024 }), {
      minItems: 1,
      maxItems: 32,
      description: 'Absolute file globs inside the pod, read by the shipper sidecar.',
    }),
    format: defaulted(mode, StringEnum(LOG_FORMATS, { default: 'auto', description: 'Format hint.' })),
    multiline: defaulted(mode, multilineSchema(mode)),
    redaction: Type.Optional(RedactionSchema),
    mining: defaulted(mode, miningSchema(mode)),
    retention: defaulted(mode, Duration({ default: '7d', description: 'How long parsed events are kept.' })),
    labels: Type.Optional(StringMap({ maxProperties: 32, description: 'Extra labels on every event.' })),
  });
}

/** Desired state of a LogSource. */
export const LogSourceSpecSchema = logSourceSpecSchema('spec');

/** LogSource spec with every default applied, as the services read it from KV. */
export const ResolvedLogSourceSpecSchema = logSourceSpecSchema('resolved');

/** Observed state of a LogSource, written by the operator. */
export const LogSourceStatusSchema = Type.Object({
  observedGeneration: Type.Optional(Type.Integer({ minimum: 0 })),
  conditions: Type.Optional(ConditionsSchema),
  matchedPods: Type.Optional(Type.Integer({ minimum: 0 })),
  linesIngested: Type.Optional(Type.Integer({ minimum: 0 })),
  templates: Type.Optional(Type.Integer({ minimum: 0 })),
  lastIngestTime: Type.Optional(Type.String()),
});

/** LogSource spec. */
export type LogSourceSpec = Static<typeof LogSourceSpecSchema>;
/** LogSource spec with defaults applied. */
export type ResolvedLogSourceSpec = Static<typeof ResolvedLogSourceSpecSchema>;
/** LogSource status. */
export type LogSourceStatus = Static<typeof LogSourceStatusSchema>;

/** A LogSource object as the Kubernetes API returns it. */
export interface LogSource {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: 'LogSource';
  readonly metadata: ObjectMeta;
  readonly spec: LogSourceSpec;
  readonly status?: LogSourceStatus;
}
