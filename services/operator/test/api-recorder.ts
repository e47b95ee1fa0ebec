import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Kubernetes API request as RBAC sees it. */
export interface ApiCall {
  readonly apiGroup: string;
  /** Resource, with `/subresource` when there is one (e.g. `logsources/status`). */
  readonly resource: string;
  readonly verb: string;
}

/** A proxy in front of an API server that records which RBAC verb on which resource each request needs. */
export interface ApiRecorder {
  readonly url: string;
  readonly calls: () => readonly ApiCall[];
  close(): Promise<void>;
}

/** The RBAC verb and resource of a request path (`/api/v1/...` or `/apis/<group>/<version>/...`). */
export function apiCall(method: string, url: string): ApiCall | undefined {
  const { pathname, searchParams } = new URL(url, 'http://localhost');
  const parts = pathname.split('/').filter(Boolean);
  let rest: string[];
  let apiGroup: string;
  if (parts[0] === 'api' && parts.length > 2) [apiGroup, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length > 3) [apiGroup, rest] = [parts[1] ?? '', parts.slice(3)];
  else return undefined; // discovery
  if (rest[0] === 'namespaces' && rest.length > 2) rest = rest.slice(2);
  const [resource = '', name, subresource] = rest;
  const watching = ['true', '1'].includes(searchParams.get('watch') ?? '');
  const verbs: Record<string, string> = {
    GET: name ? 'get' : watching ? 'watch' : 'list',
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
    DELETE: name ? 'delete' : 'deletecollection',
  };
  return {
    apiGroup,
    resource: subresource ? `${resource}/${subresource}` : resource,
    verb: verbs[method] ?? method,
  };
}

/** Starts a recording proxy to `target` on a free loopback port; watches stream through. */
export async function startApiRecorder(target: string): Promise<ApiRecorder> {
  const calls: ApiCall[] = [];
  const server: Server = createServer((req, res) => {
    const call = apiCall(req.method ?? 'GET', req.url ?? '/');
    if (call) calls.push(call);
    const upstream = request(
      `${target}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => [...calls],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
