import { notFound, type JsonObject } from './api-errors.js';
import { selectJsonPath } from './json-path.js';
import { qualifiedResource, type ResourceType } from './resource-types.js';
import { meta } from './write-rules.js';

/** The autoscaling/v1 Scale view of an object with a scale subresource. */
export function toScale(type: ResourceType, object: JsonObject): JsonObject {
  const paths = type.scale;
  if (!paths) throw notFound(qualifiedResource(type), String(meta(object).name));
  const first = (path: string | undefined) => (path ? selectJsonPath(object, path)[0] : undefined);
  const selector = first(paths.labelSelectorPath);
  const m = meta(object);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: first(paths.specReplicasPath) ?? 0 },
    status: {
      replicas: first(paths.statusReplicasPath) ?? 0,
      ...(typeof selector === 'string' ? { selector } : {}),
    },
  };
}
