import { groupVersion, type ResourceType } from './resource-types.js';

/** The discovery path of a group version in OpenAPI v3 (`api/v1`, `apis/<group>/<version>`). */
function documentPath(type: ResourceType): string {
  return type.group ? `apis/${groupVersion(type)}` : 'api/v1';
}

const PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string' },
  uniqueItems: true,
}));

function resourcePaths(type: ResourceType): Record<string, unknown> {
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const base = `/${documentPath(type)}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
  const operation = (action: string) => ({
    operationId: `${action}${type.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    parameters: PARAMETERS,
    responses: { '200': { description: 'OK' } },
  });
  return {
    [base]: { post: operation('post') },
    [`${base}/{name}`]: { get: operation('get'), put: operation('put'), patch: operation('patch') },
  };
}

/**
 * Status code and body for `/openapi/v3[/<group version>]`. The documents list each resource's paths with
 * their query parameters but no schemas: enough for kubectl to see that the server validates fields itself
 * (`fieldValidation`) and so send objects for server-side validation instead of validating them client-side.
 * `/openapi/v2` is not served; kubectl only reaches for it when v3 is missing.
 */
export function openApiDocument(path: string, types: readonly ResourceType[]): [number, unknown] {
  if (path === '/openapi/v3') {
    const paths = Object.fromEntries(
      [...new Set(types.map(documentPath))].map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}` }]),
    );
    return [200, { paths }];
  }
  const wanted = path.replace(/^\/openapi\/v3\//, '');
  const served = types.filter((t) => documentPath(t) === wanted);
  if (!path.startsWith('/openapi/v3/') || served.length === 0) {
    return [
      404,
      {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        message: `${path} not found`,
      },
    ];
  }
  return [
    200,
    {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.32.0' },
      paths: Object.assign({}, ...served.map(resourcePaths)) as Record<string, unknown>,
      components: { schemas: {} },
    },
  ];
}
