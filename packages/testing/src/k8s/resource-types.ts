import type { JsonObject } from './api-errors.js';
import { text } from './schema-walk.js';

/** Where a scale subresource reads and writes replicas (dot paths, as in a CRD). */
export interface ScalePaths {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

/** A printer column of a CRD (`additionalPrinterColumns`). */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly description?: string;
  readonly format?: string;
  readonly priority?: number;
}

/** A kind of object the server serves. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly status: boolean;
  readonly scale?: ScalePaths;
  /** Tracks `metadata.generation` (bumped when anything but metadata and status changes). */
  readonly generation: boolean;
  /** `openAPIV3Schema` of a custom resource; built-in kinds are not validated. */
  readonly schema?: JsonObject;
  readonly printerColumns: readonly PrinterColumn[];
}

/** `group/version`, or `version` for the core group. */
export function groupVersion(type: { group: string; version: string }): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `plural.group` (or `plural` for core), the name the API uses in messages. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    status: false,
    generation: false,
    printerColumns: [],
    ...extra,
  };
}

/** The built-in kinds the operator and kubectl use. */
export function builtinResourceTypes(): ResourceType[] {
  return [
    builtin('', 'v1', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'], status: true }),
    builtin('', 'v1', 'Secret', 'secrets'),
    builtin('', 'v1', 'Pod', 'pods', { shortNames: ['po'], categories: ['all'], status: true }),
    builtin('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
    builtin('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
    builtin('apps', 'v1', 'Deployment', 'deployments', {
      shortNames: ['deploy'],
      categories: ['all'],
      status: true,
      generation: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.selector',
      },
    }),
    builtin('coordination.k8s.io', 'v1', 'Lease', 'leases'),
    builtin('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
      namespaced: false,
      shortNames: ['crd', 'crds'],
      status: true,
      generation: true,
    }),
  ];
}

function record(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The served versions of a CustomResourceDefinition, one resource type each. */
export function crdResourceTypes(crd: JsonObject): ResourceType[] {
  const spec = record(crd.spec);
  const names = record(spec.names);
  const group = text(spec.group);
  const kind = text(names.kind);
  const plural = text(names.plural);
  if (!group || !kind || !plural)
    throw new Error('a CRD needs spec.group, spec.names.kind and spec.names.plural');
  const versions = Array.isArray(spec.versions) ? spec.versions.map(record) : [];
  return versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const subresources = record(v.subresources);
      const scale = subresources.scale === undefined ? undefined : record(subresources.scale);
      return {
        group,
        version: String(v.name),
        kind,
        plural,
        singular: text(names.singular, kind.toLowerCase()),
        namespaced: spec.scope !== 'Cluster',
        shortNames: strings(names.shortNames),
        categories: strings(names.categories),
        status: subresources.status !== undefined,
        ...(scale
          ? {
              scale: {
                specReplicasPath: String(scale.specReplicasPath),
                statusReplicasPath: String(scale.statusReplicasPath),
                ...(typeof scale.labelSelectorPath === 'string'
                  ? { labelSelectorPath: scale.labelSelectorPath }
                  : {}),
              },
            }
          : {}),
        generation: true,
        schema: record(record(v.schema).openAPIV3Schema),
        printerColumns: Array.isArray(v.additionalPrinterColumns)
          ? v.additionalPrinterColumns.map((c) => record(c) as unknown as PrinterColumn)
          : [],
      };
    });
}
