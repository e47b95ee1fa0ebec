import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { PodCounter } from '../status/source-figures.js';

/** Counts the pods a selector matches that have not finished (Pending or Running). */
export function kubePodCounter(kc: KubeConfig): PodCounter {
  const api = kc.makeApiClient(CoreV1Api);
  return {
    async countPods(namespace, labelSelector) {
      let count = 0;
      let continueToken: string | undefined;
      do {
        const page = await api.listNamespacedPod({
          namespace,
          ...(labelSelector ? { labelSelector } : {}),
          limit: 500,
          ...(continueToken ? { _continue: continueToken } : {}),
        });
        for (const pod of page.items) {
          const phase = pod.status?.phase;
          if (phase !== 'Succeeded' && phase !== 'Failed') count++;
        }
        continueToken = page.metadata?._continue || undefined;
      } while (continueToken);
      return count;
    },
  };
}
