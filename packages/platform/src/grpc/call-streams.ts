import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/**
 * The requests of a streaming call as an async iterable that ends with the client's half-close and throws
 * the signal's reason when the call is aborted. Stopping early does not destroy the call's stream, which
 * for a bidirectional call still carries the responses.
 */
export async function* readRequests<T>(
  stream: Readable,
  signal: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  const iterator = stream.iterator({ destroyOnReturn: false });
  for (;;) {
    signal.throwIfAborted();
    const next = await untilAborted(iterator.next(), signal);
    if (next.done === true) return;
    yield next.value as T;
  }
}

/** Writes every response in order, waiting for 'drain' when the client reads slower than we produce. */
export async function writeResponses<T>(
  stream: Writable,
  responses: AsyncIterable<T>,
  signal: AbortSignal,
): Promise<void> {
  for await (const response of responses) {
    signal.throwIfAborted();
    if (!stream.write(response)) await once(stream, 'drain', { signal });
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}
