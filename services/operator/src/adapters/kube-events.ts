import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { EventRecorder } from '../reconcile/ports.js';

/** Component name on the operator's Events (`kubectl get events` shows it as the source). */
export const EVENT_COMPONENT = 'loglens-operator';

/** The object an Event is about. */
export interface InvolvedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/** A Kubernetes Event, as `kubectl describe` shows it. */
export interface KubeEvent {
  readonly type: 'Normal' | 'Warning';
  /** UpperCamelCase, e.g. `ScaledUp`. */
  readonly reason: string;
  readonly message: string;
}

/** Writes core/v1 Events about any object, reported by the operator (and `instance`, its replica). */
export type KubeEventWriter = (object: InvolvedObject, event: KubeEvent) => Promise<void>;

export function kubeEventWriter(kc: KubeConfig, instance?: string): KubeEventWriter {
  const api = kc.makeApiClient(CoreV1Api);
  return async (object, event) => {
    const now = new Date();
    await api.createNamespacedEvent({
      namespace: object.namespace,
      body: {
        // The name only has to be unique; the API server's own recorders use `<object>.<hex>` too.
        metadata: { name: `${object.name}.${randomBytes(8).toString('hex')}`, namespace: object.namespace },
        involvedObject: { ...object },
        type: event.type,
        reason: event.reason,
        message: event.message.slice(0, 1024),
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: EVENT_COMPONENT },
        reportingComponent: EVENT_COMPONENT,
        ...(instance === undefined ? {} : { reportingInstance: instance }),
      },
    });
  };
}

/** Records Events on the custom resources the reconciler manages. */
export function kubeEventRecorder(kc: KubeConfig, instance: string): EventRecorder {
  const write = kubeEventWriter(kc, instance);
  return {
    async record(resource, type, reason, message) {
      const { namespace = 'default', name, uid, resourceVersion } = resource.metadata;
      await write(
        { apiVersion: resource.apiVersion, kind: resource.kind, namespace, name, uid, resourceVersion },
        { type, reason, message },
      );
    },
  };
}
