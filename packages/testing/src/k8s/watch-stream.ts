import type { ServerResponse } from 'node:http';
import { ApiError, type JsonObject } from './api-errors.js';
import { resourceKey } from './api-registry.js';
import type { ObjectStore, StoreEvent } from './object-store.js';
import type { ResourceRequest } from './resource-service.js';
import { parseFieldSelector, parseLabelSelector, selects } from './selectors.js';

/**
 * Serves `?watch=true` as the real server does: a chunked stream of `{"type","object"}` lines. Without a
 * resourceVersion (or with "0") it starts with ADDED events for what exists; with one it replays the changes
 * after it, or sends an ERROR event carrying a 410 `Expired` Status when history no longer reaches back.
 * Returns a function that ends the stream.
 */
export function serveWatch(store: ObjectStore, req: ResourceRequest, res: ServerResponse): () => void {
  const labels = parseLabelSelector(req.query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(req.query.get('fieldSelector') ?? '');
  const key = resourceKey(req.type);
  const namespace = req.type.namespaced && req.namespace ? req.namespace : undefined;
  const matches = (e: Pick<StoreEvent, 'resource' | 'namespace' | 'object'>) =>
    e.resource === key &&
    (namespace === undefined || e.namespace === namespace) &&
    selects(e.object, labels, fields);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  const send = (type: string, object: JsonObject) => res.write(`${JSON.stringify({ type, object })}\n`);
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  const end = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };

  const requested = req.query.get('resourceVersion') ?? '';
  try {
    if (requested === '' || requested === '0') {
      for (const object of store.list(key, namespace))
        if (selects(object, labels, fields)) send('ADDED', object);
    } else {
      for (const event of store.changesSince(key, Number(requested), requested)) {
        if (matches(event)) send(event.type, event.object);
      }
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    send('ERROR', error.toStatus());
    end();
    return end;
  }
  // Subscribing in the same tick as the replay leaves no gap in which a change could be missed.
  unsubscribe = store.subscribe((event) => {
    if (matches(event)) send(event.type, event.object);
  });
  const timeout = Number(req.query.get('timeoutSeconds') ?? '0');
  if (timeout > 0) timer = setTimeout(end, timeout * 1000);
  res.on('close', end);
  return end;
}
