import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { EventRecorder } from '../reconcile/ports.js';

/** Component name on the operator's Events (`kubectl get events` shows it as the source). */
export const EVENT_COMPONENT = 'loglens-operator';

/** Records core/v1 Events on the involved resource. */
export function kubeEventRecorder(kc: KubeConfig, instance: string): EventRecorder {
  const api = kc.makeApiClient(CoreV1Api);
  return {
    async record(resource, type, reason, message) {
      const { namespace = 'default', name, uid, resourceVersion } = resource.metadata;
      const now = new Date();
      await api.createNamespacedEvent({
        namespace,
        body: {
          metadata: { name: `${name}.${randomBytes(8).toString('hex')}`, namespace },
          involvedObject: {
            apiVersion: resource.apiVersion,
            kind: resource.kind,
            name,
            namespace,
            uid,
            resourceVersion,
          },
          type,
          reason,
          message: message.slice(0, 1024),
          count: 1,
          firstTimestamp: now,
          lastTimestamp: now,
          source: { component: EVENT_COMPONENT },
          reportingComponent: EVENT_COMPONENT,
          reportingInstance: instance,
        },
      });
    },
  };
}
