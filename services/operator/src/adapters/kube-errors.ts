import { ApiException } from '@kubernetes/client-node';

/** True when the Kubernetes API answered 404 Not Found. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}
