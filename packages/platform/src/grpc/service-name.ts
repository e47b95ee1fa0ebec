import type { ServiceDefinition } from '@grpc/grpc-js';

/** The fully qualified name of a service (`loglens.v1.QueryService`), taken from its method paths. */
export function serviceNameOf(definition: ServiceDefinition): string {
  const [method] = Object.values(definition);
  const match = method === undefined ? null : /^\/([^/]+)\/[^/]+$/.exec(method.path);
  if (match?.[1] === undefined)
    throw new Error('cannot tell the service name of a definition without methods');
  return match[1];
}
