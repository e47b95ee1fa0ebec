import { ApiException, AppsV1Api, type KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import { kubeEventWriter, type KubeEvent } from '../adapters/kube-events.js';
import type { DeploymentView } from './autoscale-targets.js';

/** Reads Deployments and sets their size through the scale subresource. */
export interface DeploymentScaler {
  list(namespace: string): Promise<DeploymentView[]>;
  /** Sets `replicas` unless the Deployment changed since it was listed (`'conflict'`: decide again next poll). */
  setReplicas(deployment: DeploymentView, replicas: number): Promise<'scaled' | 'conflict'>;
}

/** A Kubernetes Event about a Deployment. */
export type DeploymentEvent = KubeEvent;

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

/** A {@link DeploymentEventRecorder} writing `core/v1` Events on the Deployment. */
export function kubernetesEventRecorder(kubeConfig: KubeConfig): DeploymentEventRecorder {
  const write = kubeEventWriter(kubeConfig);
  return {
    record: (d, event) =>
      write(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: d.namespace,
          name: d.name,
          uid: d.uid,
          resourceVersion: d.resourceVersion,
        },
        event,
      ),
  };
}
