import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { WatchStream } from '../informer/informer.js';

/**
 * Watch calls on a collection path for an informer: bookmarks asked for, each request ended by the server
 * after `timeoutSeconds` (the informer resumes it). `project` turns each object of an ADDED, MODIFIED or
 * DELETED event into what the informer keeps; an ERROR event's Status passes as it came.
 */
export function kubeWatchStream(
  kc: KubeConfig,
  path: string,
  timeoutSeconds: number,
  project: (object: unknown) => unknown = (object) => object,
): WatchStream {
  const watch = new Watch(kc);
  return async (resourceVersion, onEvent, done) => {
    const query = { resourceVersion, allowWatchBookmarks: true, timeoutSeconds };
    const forward = (type: string, object: unknown) =>
      onEvent(type, type === 'ERROR' ? object : project(object));
    const controller = await watch.watch(path, query, forward, done);
    return { abort: () => controller.abort() };
  };
}
