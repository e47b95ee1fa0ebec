import { Type, type SchemaOptions, type TOptional, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** Rule evaluated by the Kubernetes API server (CEL) on the schema node that carries it. */
export interface CelValidation {
  readonly rule: string;
  readonly message: string;
}

/**
 * A string restricted to `values`; rendered as `enum` in the CRD. At run time it is TypeBox's union of literals
 * (so `Value.Check` knows it); its static type is declared flat, which keeps deep schemas cheap to type-check.
 */
export function StringEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  const union: TSchema = Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );
  return union as TUnsafe<T[number]>;
}

/** A CEL rule that holds when exactly one of the named optional fields is set. */
export function exactlyOneOf(fields: readonly string[]): CelValidation {
  const checks = fields.map((f) => `has(self.${f})`).join(', ');
  return {
    rule: `[${checks}].exists_one(set, set)`,
    message: `exactly one of ${fields.join(', ')} must be set`,
  };
}

/** Schema options that attach CEL validations (`x-kubernetes-validations`). */
export function celRules(...rules: CelValidation[]): SchemaOptions {
  return { 'x-kubernetes-validations': rules };
}

/** Go-style duration with days and weeks: `30s`, `5m`, `1h30m`, `7d`. */
export const DURATION_PATTERN = '^([0-9]+(ms|s|m|h|d|w))+$';

/** A duration string (see DURATION_PATTERN). */
export function Duration(options: SchemaOptions = {}) {
  return Type.String({ pattern: DURATION_PATTERN, maxLength: 32, ...options });
}

/** A DNS-1123 subdomain, the shape of most Kubernetes object names. */
export const DNS_SUBDOMAIN_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/** A string-to-string map, rendered as `additionalProperties` (CRDs do not allow `patternProperties`). */
export function StringMap(options: SchemaOptions = {}) {
  return Type.Record(Type.String(), Type.String(), options);
}

/**
 * `spec` builds the schema users write (fields with a default are optional); `resolved` builds the same schema
 * with those fields required, the shape after defaulting that services read from KV.
 */
export type SchemaMode = 'spec' | 'resolved';

/** A field with a default: optional in `spec` mode, required in `resolved` mode. */
export type Defaulted<M extends SchemaMode, T extends TSchema> = [M] extends ['spec'] ? TOptional<T> : T;

/** Marks a schema that carries a `default` as optional in `spec` mode only. */
export function defaulted<M extends SchemaMode, T extends TSchema>(mode: M, schema: T): Defaulted<M, T> {
  return (mode === 'spec' ? Type.Optional(schema) : schema) as Defaulted<M, T>;
}
