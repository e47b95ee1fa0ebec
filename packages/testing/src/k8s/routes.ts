import type { ApiRegistry } from './api-registry.js';
import type { ResourceType } from './resource-types.js';

/** What a request path names. */
export type Route =
  | { readonly kind: 'version' }
  | { readonly kind: 'core-versions' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'resource-list'; readonly groupVersion: string }
  | { readonly kind: 'openapi'; readonly path: string }
  | {
      readonly kind: 'resource';
      readonly type: ResourceType;
      readonly namespace: string;
      readonly name?: string;
      readonly subresource?: string;
    }
  | { readonly kind: 'unknown' };

/** Maps a request path to a route, using the registry to tell resources from group versions. */
export function route(pathname: string, registry: ApiRegistry): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (pathname === '/version' || pathname === '/version/') return { kind: 'version' };
  if (parts[0] === 'openapi') return { kind: 'openapi', path: `/${parts.join('/')}` };
  let gv: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'core-versions' };
    gv = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'groups' };
    if (parts.length === 2) return { kind: 'unknown' };
    gv = `${parts[1]!}/${parts[2]!}`;
    rest = parts.slice(3);
  } else return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'resource-list', groupVersion: gv };
  // `namespaces/<ns>/<plural>/...` addresses a namespaced resource; `namespaces[/<name>]` the namespaces.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = registry.find(gv, rest[2]!);
    if (type?.namespaced) {
      return { kind: 'resource', type, namespace: rest[1]!, name: rest[3], subresource: rest[4] };
    }
  }
  const type = registry.find(gv, rest[0]!);
  if (!type) return { kind: 'unknown' };
  return { kind: 'resource', type, namespace: '', name: rest[1], subresource: rest[2] };
}
