import { Type, type Static } from '@sinclair/typebox';
import { DNS_SUBDOMAIN_PATTERN, StringEnum, StringMap } from './schema-helpers.js';

/** Kubernetes label selector (`matchLabels` and `matchExpressions`, ANDed). */
export const LabelSelectorSchema = Type.Object(
  {
    matchLabels: Type.Optional(StringMap({ description: 'Labels a pod must carry, all of them.' })),
    matchExpressions: Type.Optional(
      Type.Array(
        Type.Object({
          key: Type.String({ minLength: 1, maxLength: 317 }),
          operator: StringEnum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: Type.Optional(Type.Array(Type.String({ maxLength: 63 }), { maxItems: 64 })),
        }),
        { maxItems: 32 },
      ),
    ),
  },
  { description: 'Which pods: a label selector; an empty selector matches every pod of the namespace.' },
);

/** A label selector. */
export type LabelSelector = Static<typeof LabelSelectorSchema>;

/** A key of a Secret in the resource's namespace. */
export const SecretKeyRefSchema = Type.Object(
  {
    name: Type.String({ pattern: DNS_SUBDOMAIN_PATTERN, maxLength: 253, description: 'Secret name.' }),
    key: Type.String({ pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253, description: 'Key in the Secret.' }),
  },
  { description: 'A key of a Secret in the same namespace; secrets never appear in the spec itself.' },
);

/** A reference to a key of a Secret. */
export type SecretKeyRef = Static<typeof SecretKeyRefSchema>;

/** A status condition, as `metav1.Condition`. */
export const ConditionSchema = Type.Object({
  type: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$', maxLength: 316, description: 'Ready or Degraded.' }),
  status: StringEnum(['True', 'False', 'Unknown']),
  reason: Type.String({ pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$', maxLength: 1024 }),
  message: Type.String({ maxLength: 32768 }),
  observedGeneration: Type.Optional(Type.Integer({ minimum: 0 })),
  lastTransitionTime: Type.String({ description: 'RFC 3339 time the status last changed.' }),
});

/** A status condition. */
export type Condition = Static<typeof ConditionSchema>;

/** Conditions keyed by type, as Kubernetes lists them. */
export const ConditionsSchema = Type.Array(ConditionSchema, {
  maxItems: 8,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
});

/** The part of `metadata` LogLens reads and writes. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly generation?: number;
  readonly resourceVersion?: string;
  readonly creationTimestamp?: string;
  readonly deletionTimestamp?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly finalizers?: readonly string[];
}

/** API group of the LogLens custom resources. */
export const GROUP = 'loglens.io';
/** Version of the LogLens custom resources. */
export const VERSION = 'v1alpha1';
/** `apiVersion` of the LogLens custom resources. */
export const API_VERSION = `${GROUP}/${VERSION}` as const;
