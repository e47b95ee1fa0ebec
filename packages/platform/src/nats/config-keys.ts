import { assertSubjectToken, SubjectTokenError } from './subject-token.js';

/** Kinds of object stored in the `loglens-config` bucket. */
export const CONFIG_KINDS = ['logsource', 'alertrule'] as const;

/** A kind of object stored in the `loglens-config` bucket. */
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** A parsed configuration key. */
export interface ConfigKeyParts {
  readonly kind: ConfigKind;
  readonly namespace: string;
  readonly name: string;
}

// Kubernetes namespaces are DNS labels (no dots) but object names may be DNS subdomains (with dots); KV keys
// allow dots, so the name is everything after the namespace.
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const NAME_RULE = 'a Kubernetes object name (lowercase a-z 0-9 - .)';

/** The KV key of a custom resource: `<kind>.<namespace>.<name>`, e.g. `logsource.shop.checkout`. */
export function configKey(kind: ConfigKind, namespace: string, name: string): string {
  assertSubjectToken('namespace', namespace);
  if (!NAME.test(name)) throw new SubjectTokenError('name', name, NAME_RULE);
  return `${kind}.${namespace}.${name}`;
}

/** Key filter matching every object of a kind (for `kv.watch({ key })`), e.g. `logsource.>`. */
export function configKeyFilter(kind: ConfigKind): string {
  return `${kind}.>`;
}

/** Splits a KV key back into kind, namespace and name; `undefined` for a key that is not ours. */
export function parseConfigKey(key: string): ConfigKeyParts | undefined {
  const [kind, namespace, ...rest] = key.split('.');
  const name = rest.join('.');
  const isKind = (k: string | undefined): k is ConfigKind => CONFIG_KINDS.some((c) => c === k);
  if (!isKind(kind) || namespace === undefined || name === '' || !NAME.test(name)) return undefined;
  return { kind, namespace, name };
}
