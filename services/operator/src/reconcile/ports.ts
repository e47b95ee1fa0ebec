import type { ManagedKind, ManagedResource } from './kinds.js';

/** Reads and writes the custom resources; errors other than "not found" are thrown (and retried). */
export interface ResourceApi {
  /** The resource as the API server has it now, or `undefined` when it does not exist. */
  get(kind: ManagedKind, namespace: string, name: string): Promise<ManagedResource | undefined>;
  /** Replaces `metadata.finalizers`, failing with a conflict when the resource changed since it was read. */
  setFinalizers(
    kind: ManagedKind,
    resource: ManagedResource,
    finalizers: readonly string[],
  ): Promise<ManagedResource>;
  /** Merges `status` into the status subresource. */
  patchStatus(
    kind: ManagedKind,
    namespace: string,
    name: string,
    status: Record<string, unknown>,
  ): Promise<void>;
}

/** The configuration documents in the `loglens-config` KV bucket. */
export interface ConfigStore {
  /** The document under `key`, or `undefined` when there is none (or it was deleted). */
  get(key: string): Promise<unknown>;
  put(key: string, document: unknown): Promise<void>;
  /** Deletes `key`; watchers of the bucket see the deletion. Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Kubernetes Events about a resource. */
export interface EventRecorder {
  record(
    resource: ManagedResource,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void>;
}

/** The keys of a Secret, or `undefined` when it does not exist. */
export interface SecretReader {
  secretKeys(namespace: string, name: string): Promise<ReadonlySet<string> | undefined>;
}
