import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { SecretReader } from '../reconcile/ports.js';
import { isNotFound } from './kube-errors.js';

/** Reads which keys a Secret holds (never their values beyond this call). */
export function kubeSecretReader(kc: KubeConfig): SecretReader {
  const api = kc.makeApiClient(CoreV1Api);
  return {
    async secretKeys(namespace, name) {
      try {
        const secret = await api.readNamespacedSecret({ name, namespace });
        return new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}
