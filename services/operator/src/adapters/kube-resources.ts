import { CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { API_VERSION, GROUP, VERSION } from '@loglens/resources';
import type { InformerSource, ObjectList } from '../informer/informer.js';
import type { ManagedKind, ManagedResource } from '../reconcile/kinds.js';
import type { ResourceApi } from '../reconcile/ports.js';
import { isNotFound } from './kube-errors.js';
import { kubeWatchStream } from './kube-watch.js';

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * Checks the shape the operator relies on; the API server validated the rest against the CRD schema. Throws
 * on anything else, so a stray object never reaches the reconciler.
 */
export function asManagedResource(kind: ManagedKind, value: unknown): ManagedResource {
  const object = value as Partial<ManagedResource> | null;
  const name = object?.metadata?.name;
  if (
    object?.apiVersion !== API_VERSION ||
    object.kind !== kind.kind ||
    typeof name !== 'string' ||
    typeof object.spec !== 'object'
  ) {
    throw new Error(`the API server returned something that is not a ${kind.kind}`);
  }
  return object as ManagedResource;
}

/** The custom resources through client-node's CustomObjectsApi. */
export function kubeResourceApi(kc: KubeConfig): ResourceApi {
  const api = kc.makeApiClient(CustomObjectsApi);
  const ref = (kind: ManagedKind, namespace: string) => ({
    group: GROUP,
    version: VERSION,
    namespace,
    plural: kind.plural,
  });
  return {
    async get(kind, namespace, name) {
      try {
        return asManagedResource(
          kind,
          await api.getNamespacedCustomObject({ ...ref(kind, namespace), name }),
        );
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async setFinalizers(kind, resource, finalizers) {
      const { namespace = '', name, resourceVersion } = resource.metadata;
      // The resourceVersion makes the patch conditional: a concurrent change answers 409 and is retried.
      const body = { metadata: { finalizers, resourceVersion } };
      const patched: unknown = await api.patchNamespacedCustomObject(
        { ...ref(kind, namespace), name, body },
        MERGE_PATCH,
      );
      return asManagedResource(kind, patched);
    },
    async patchStatus(kind, namespace, name, status) {
      await api.patchNamespacedCustomObjectStatus(
        { ...ref(kind, namespace), name, body: { status } },
        MERGE_PATCH,
      );
    },
  };
}

/** Options of {@link kubeInformerSource}. */
export interface KubeInformerSourceOptions {
  /** Namespace to list and watch; `undefined` for every namespace. */
  readonly namespace: string | undefined;
  /** Asks the server to end each watch after this long (it is then resumed); bounds a stuck connection. */
  readonly watchTimeoutSeconds: number;
}

/** List and watch calls of one kind, for the {@link Informer}. */
export function kubeInformerSource(
  kc: KubeConfig,
  kind: ManagedKind,
  options: KubeInformerSourceOptions,
): InformerSource<ManagedResource> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const { namespace } = options;
  const path = namespace
    ? `/apis/${GROUP}/${VERSION}/namespaces/${namespace}/${kind.plural}`
    : `/apis/${GROUP}/${VERSION}/${kind.plural}`;
  return {
    async list(): Promise<ObjectList<ManagedResource>> {
      const base = { group: GROUP, version: VERSION, plural: kind.plural };
      const raw = (
        namespace
          ? await api.listNamespacedCustomObject({ ...base, namespace })
          : await api.listClusterCustomObject(base)
      ) as { items?: unknown[]; metadata?: { resourceVersion?: string } };
      return {
        items: (raw.items ?? []).map((item) =>
          asManagedResource(kind, { apiVersion: API_VERSION, kind: kind.kind, ...(item as object) }),
        ),
        resourceVersion: raw.metadata?.resourceVersion ?? '',
      };
    },
    watch: kubeWatchStream(kc, path, options.watchTimeoutSeconds),
  };
}
