import {
  ApiException,
  CoordinationV1Api,
  V1MicroTime,
  type KubeConfig,
  type V1Lease,
} from '@kubernetes/client-node';
import type { LeaseRecord, LeaseWrite, VersionedLease } from './election-core.js';

/** Reads and writes the one Lease an elector competes for. */
export interface LeaseStore {
  /** The Lease, or `undefined` when it does not exist. */
  read(): Promise<VersionedLease | undefined>;
  /** Applies a write; `'conflict'` when the Lease changed since it was read (or was created meanwhile). */
  write(write: LeaseWrite): Promise<VersionedLease | 'conflict'>;
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

// client-node leaves MicroTime fields as the server's strings on read, so accept both forms.
function millis(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function toVersioned(lease: V1Lease): VersionedLease {
  const spec = lease.spec ?? {};
  const acquireTimeMs = millis(spec.acquireTime);
  const renewTimeMs = millis(spec.renewTime);
  const record: LeaseRecord = {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationMs: (spec.leaseDurationSeconds ?? 0) * 1000,
    ...(acquireTimeMs === undefined ? {} : { acquireTimeMs }),
    ...(renewTimeMs === undefined ? {} : { renewTimeMs }),
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
  return { record, version: lease.metadata?.resourceVersion ?? '' };
}

function toLease(name: string, namespace: string, write: LeaseWrite): V1Lease {
  const { record } = write;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, ...(write.kind === 'update' ? { resourceVersion: write.version } : {}) },
    spec: {
      holderIdentity: record.holderIdentity,
      // The API counts whole seconds; rounding up never shortens what a standby waits.
      leaseDurationSeconds: Math.ceil(record.leaseDurationMs / 1000),
      ...(record.acquireTimeMs === undefined ? {} : { acquireTime: new V1MicroTime(record.acquireTimeMs) }),
      ...(record.renewTimeMs === undefined ? {} : { renewTime: new V1MicroTime(record.renewTimeMs) }),
      leaseTransitions: record.leaseTransitions,
    },
  };
}

/** A {@link LeaseStore} over the `coordination.k8s.io/v1` API, with optimistic concurrency on resourceVersion. */
export function kubernetesLeaseStore(kubeConfig: KubeConfig, namespace: string, name: string): LeaseStore {
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  return {
    async read() {
      try {
        return toVersioned(await api.readNamespacedLease({ name, namespace }));
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
    },
    async write(write) {
      const body = toLease(name, namespace, write);
      try {
        const written =
          write.kind === 'create'
            ? await api.createNamespacedLease({ namespace, body })
            : await api.replaceNamespacedLease({ name, namespace, body });
        return toVersioned(written);
      } catch (error) {
        // 409: a stale resourceVersion or a create race; 404: the Lease was deleted under an update.
        if (isStatus(error, 409) || isStatus(error, 404)) return 'conflict';
        throw error;
      }
    },
  };
}
