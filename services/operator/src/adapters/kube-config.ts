import { KubeConfig } from '@kubernetes/client-node';

/**
 * The Kubernetes client configuration: the kubeconfig file at `path` when given, else client-node's default
 * search ($KUBECONFIG, ~/.kube/config, then the in-cluster service account).
 */
export function loadKubeConfig(path: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  if (!kc.getCurrentCluster()) {
    throw new Error(
      'no Kubernetes cluster configured: set LOGLENS_OPERATOR_KUBECONFIG or KUBECONFIG, or run inside a cluster',
    );
  }
  return kc;
}
