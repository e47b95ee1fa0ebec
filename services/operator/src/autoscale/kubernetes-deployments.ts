import { randomBytes } from 'node:crypto';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  type V1Deployment,
} from '@kubernetes/client-node';
import type { DeploymentView } from './autoscale-targets.js';

/** Reads Deployments and sets their size through the scale subresource. */
export interface DeploymentScaler {
  list(namespace: string): Promise<DeploymentView[]>;
  /** Sets `replicas` unless the Deployment changed since it was listed (`'conflict'`: decide again next poll). */
  setReplicas(deployment: DeploymentView, replicas: number): Promise<'scaled' | 'conflict'>;
}

/** A Kubernetes Event about a Deployment. */
export interface DeploymentEvent {
  readonly type: 'Normal' | 'Warning';
  /** UpperCamelCase, e.g. `ScaledUp`. */
  readonly reason: string;
  readonly message: string;
}

/** Records Events on Deployments, as `kubectl describe deployment` shows them. */
export interface DeploymentEventRecorder {
  record(deployment: DeploymentView, event: DeploymentEvent): Promise<void>;
}

function toView(d: V1Deployment): DeploymentView {
  return {
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    uid: d.metadata?.uid ?? '',
    resourceVersion: d.metadata?.resourceVersion ?? '',
    replicas: d.spec?.replicas ?? 1,
    annotations: d.metadata?.annotations ?? {},
  };
}

/** A {@link DeploymentScaler} over `apps/v1`, writing the scale with the listed resourceVersion. */
export function kubernetesDeploymentScaler(kubeConfig: KubeConfig): DeploymentScaler {
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  return {
    async list(namespace) {
      const list = await apps.listNamespacedDeployment({ namespace });
      return list.items.map(toView);
    },
    async setReplicas(d, replicas) {
      try {
        await apps.replaceNamespacedDeploymentScale({
          name: d.name,
          namespace: d.namespace,
          body: {
            apiVersion: 'autoscaling/v1',
            kind: 'Scale',
            metadata: { name: d.name, namespace: d.namespace, resourceVersion: d.resourceVersion },
            spec: { replicas },
          },
        });
        return 'scaled';
      } catch (error) {
        // Someone changed the Deployment since we listed it: never overwrite a size we have not seen.
        if (error instanceof ApiException && (error.code === 409 || error.code === 404)) return 'conflict';
        throw error;
      }
    },
  };
}

/** A {@link DeploymentEventRecorder} writing `core/v1` Events as `component`. */
export function kubernetesEventRecorder(kubeConfig: KubeConfig, component: string): DeploymentEventRecorder {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return {
    async record(d, event) {
      const now = new Date();
      await core.createNamespacedEvent({
        namespace: d.namespace,
        body: {
          // The name only has to be unique; the API server's own recorders use `<object>.<hex>` too.
          metadata: {
            name: `${d.name}.${now.getTime().toString(16)}${randomBytes(4).toString('hex')}`,
            namespace: d.namespace,
          },
          involvedObject: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.name,
            namespace: d.namespace,
            uid: d.uid,
            resourceVersion: d.resourceVersion,
          },
          type: event.type,
          reason: event.reason,
          message: event.message,
          source: { component },
          reportingComponent: component,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      });
    },
  };
}
