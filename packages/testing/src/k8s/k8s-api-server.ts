import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, badRequest, type JsonObject } from './api-errors.js';
import { ApiRegistry } from './api-registry.js';
import { readCrdDirectory } from './crd-files.js';
import { coreVersions, groupList, resourceList, versionInfo } from './discovery.js';
import { kubeconfigFor } from './kubeconfig.js';
import { ObjectStore } from './object-store.js';
import { openApiDocument } from './openapi.js';
import { parseBody } from './request-body.js';
import { ResourceService, type ResourceRequest, type Written } from './resource-service.js';
import { route } from './routes.js';
import { isJsonObject } from './schema-walk.js';
import { toTable, wantsTable } from './table.js';
import { serveWatch } from './watch-stream.js';

/** Options of the Kubernetes API test server. */
export interface K8sApiServerOptions {
  /** Directory whose CRD YAML files are registered at start (e.g. the repository's `k8s/crds`). */
  readonly crdDirectory?: string;
  /** Changes kept for watches to resume from; older resourceVersions get `410 Gone`. @default 1000 */
  readonly historyLimit?: number;
  /** Namespaces that exist from the start. @default ['default', 'kube-system'] */
  readonly namespaces?: readonly string[];
}

/** A running Kubernetes API test server. */
export interface K8sApiServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** A kubeconfig (YAML) pointing at this server, with `namespace` as the context's namespace. */
  kubeconfig(namespace?: string): string;
  /** Registers a CRD as `POST .../customresourcedefinitions` would. */
  registerCrd(crd: JsonObject): void;
  /** Forgets the change history, so every older resourceVersion is expired (to test 410 handling). */
  compactHistory(): void;
  /** Ends every open watch, as an API server restart or a load balancer timeout does (to test recovery). */
  dropWatches(): void;
  /** Ends open watches and stops the server. */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, code: number, body: unknown, warnings: readonly string[] = []): void {
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
  // Warning headers in the RFC 7234 form the real server uses; kubectl prints them as "Warning: ...".
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(JSON.stringify(body));
}

function objectBody(raw: string): JsonObject {
  const body = parseBody(raw);
  if (!isJsonObject(body)) throw badRequest('the body of the request must be an object');
  return body;
}

/** Starts a Kubernetes API test server on a free loopback port. */
export async function startK8sApiServer(options: K8sApiServerOptions = {}): Promise<K8sApiServer> {
  const registry = new ApiRegistry();
  const store = new ObjectStore(options.historyLimit ?? 1000);
  const service = new ResourceService(registry, store);
  const watches = new Set<() => void>();
  const namespaces = registry.find('v1', 'namespaces')!;
  const registerCrd = (crd: JsonObject) => {
    const crdType = registry.find('apiextensions.k8s.io/v1', 'customresourcedefinitions')!;
    service.create({ type: crdType, namespace: '', query: new URLSearchParams() }, crd);
  };
  for (const name of options.namespaces ?? ['default', 'kube-system']) {
    service.create({ type: namespaces, namespace: '', query: new URLSearchParams() }, { metadata: { name } });
  }
  if (options.crdDirectory) for (const crd of await readCrdDirectory(options.crdDirectory)) registerCrd(crd);

  const handle = async (req: IncomingMessage, res: ServerResponse, address: string): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const target = route(url.pathname, registry);
    const method = req.method ?? 'GET';
    if (target.kind === 'version') return sendJson(res, 200, versionInfo());
    if (target.kind === 'core-versions') return sendJson(res, 200, coreVersions(address));
    if (target.kind === 'groups') return sendJson(res, 200, groupList(registry.types));
    if (target.kind === 'openapi') return sendJson(res, ...openApiDocument(target.path, registry.types));
    if (target.kind === 'resource-list') {
      const list = resourceList(target.groupVersion, registry.types);
      if (list) return sendJson(res, 200, list);
    }
    if (target.kind !== 'resource')
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const request: ResourceRequest = { ...target, query: url.searchParams };
    const raw = method === 'GET' ? '' : await readBody(req);
    const table = wantsTable(req.headers.accept);
    let written: Written;
    switch (method) {
      case 'GET': {
        if (!target.name && ['true', '1'].includes(url.searchParams.get('watch') ?? '')) {
          const end = serveWatch(store, request, res);
          watches.add(end);
          res.on('close', () => watches.delete(end));
          return;
        }
        const object = target.name ? service.get(request) : service.list(request);
        const items = target.name ? [object] : (object.items as JsonObject[]);
        return sendJson(
          res,
          200,
          table && !target.subresource ? toTable(target.type, items, String(store.revision)) : object,
        );
      }
      case 'POST':
        written = service.create(request, objectBody(raw));
        return sendJson(res, 201, written.object, written.warnings);
      case 'PUT':
        written = service.replace(request, objectBody(raw));
        break;
      case 'PATCH':
        written = service.patch(request, req.headers['content-type'] ?? '', raw);
        break;
      case 'DELETE':
        written = service.delete(request, objectBody(raw));
        break;
      default:
        throw new ApiError(405, 'MethodNotAllowed', `method ${method} is not allowed`);
    }
    sendJson(res, 200, written.object, written.warnings);
  };

  const server = createServer((req, res) => {
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    handle(req, res, address).catch((error: unknown) => {
      const failure =
        error instanceof ApiError
          ? error
          : new ApiError(500, 'InternalError', `internal error: ${String(error)}`);
      if (!res.headersSent) sendJson(res, failure.code, failure.toStatus());
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    kubeconfig: (namespace) => kubeconfigFor(url, namespace),
    registerCrd,
    compactHistory: () => store.compact(),
    dropWatches: () => {
      for (const end of watches) end();
    },
    async close() {
      for (const end of watches) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
