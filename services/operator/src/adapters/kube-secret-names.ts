import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { InformerSource, KubeObject, ObjectList } from '../informer/informer.js';
import type { KubeInformerSourceOptions } from './kube-resources.js';
import { kubeWatchStream } from './kube-watch.js';

/** Secrets per list request (as kubectl asks). */
export const SECRET_LIST_PAGE = 500;

/** Only the metadata the informer keys and resumes by: a Secret's data is dropped as soon as it arrives. */
function nameOnly(object: unknown): KubeObject {
  const metadata = (object as KubeObject | null)?.metadata ?? {};
  const { name, namespace, resourceVersion } = metadata;
  return { metadata: { name, namespace, resourceVersion } };
}

/**
 * List and watch calls of the Secrets in a namespace (or all), for an {@link Informer} that tells the operator
 * which Secrets appeared, changed or went. The cache holds names and resource versions, never data; the
 * reconciler reads the keys of a Secret it needs when it checks a resource.
 */
export function kubeSecretNameSource(
  kc: KubeConfig,
  options: KubeInformerSourceOptions & { readonly pageSize?: number },
): InformerSource<KubeObject> {
  const api = kc.makeApiClient(CoreV1Api);
  const { namespace, pageSize = SECRET_LIST_PAGE } = options;
  const path = namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets';
  return {
    async list(): Promise<ObjectList<KubeObject>> {
      // In pages, so a cluster's Secrets never sit in memory with their data all at once.
      const items: KubeObject[] = [];
      let resourceVersion = '';
      let token: string | undefined;
      do {
        const page = { limit: pageSize, ...(token ? { _continue: token } : {}) };
        const raw = namespace
          ? await api.listNamespacedSecret({ namespace, ...page })
          : await api.listSecretForAllNamespaces(page);
        items.push(...raw.items.map(nameOnly));
        resourceVersion = raw.metadata?.resourceVersion ?? resourceVersion;
        token = raw.metadata?._continue || undefined;
      } while (token);
      return { items, resourceVersion };
    },
    watch: kubeWatchStream(kc, path, options.watchTimeoutSeconds, nameOnly),
  };
}
