import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs, type Logger } from '@loglens/platform';
import type { JsMsg } from 'nats';
import type { GroupHandler } from './group-handler.js';
import type { RawMessageSource } from './raw-source.js';
import { StoppingError } from './retry-transient.js';

/** Options of {@link runConsumerLoop}. */
export interface ConsumerLoopOptions {
  readonly source: RawMessageSource;
  readonly handler: GroupHandler;
  /** Messages per fetch, i.e. per group. */
  readonly fetchBatch: number;
  /** Groups being completed at once; at this many the loop stops fetching (flow control). */
  readonly maxInFlight: number;
  /** How long a fetch waits to fill its group. */
  readonly flushIntervalMs: number;
  readonly logger: Logger;
  /** Aborting it ends the loop after the current fetch; the promise resolves when in-flight groups are done. */
  readonly signal: AbortSignal;
}

/** Redelivery delay of a group whose parse failed outright (not one batch: the whole step). */
const GROUP_RETRY_MS = 5_000;

/**
 * Pulls raw messages in groups, parses each group in order, and completes up to `maxInFlight` groups at once:
 * while that many are still being written (PostgreSQL slow or down) it fetches nothing, so unacknowledged
 * messages stay bounded and stay in the stream rather than in memory.
 */
export async function runConsumerLoop(options: ConsumerLoopOptions): Promise<void> {
  const { source, handler, logger: log, signal } = options;
  const inFlight = new Set<Promise<void>>();
  let fetchFailures = 0;
  while (!signal.aborted) {
    while (inFlight.size >= options.maxInFlight) await Promise.race(inFlight);
    if (signal.aborted) break;
    let messages: JsMsg[];
    try {
      messages = await source.fetch(options.fetchBatch, options.flushIntervalMs);
      fetchFailures = 0;
    } catch (err) {
      fetchFailures++;
      const delay = backoffDelayMs(fetchFailures, { baseMs: 500, maxMs: 10_000 });
      log.warn({ err, delayMs: delay }, 'fetch from the raw stream failed; retrying');
      await sleep(delay, undefined, { signal }).catch(() => undefined);
      continue;
    }
    if (messages.length === 0) continue;
    let group;
    try {
      group = await handler.parse(messages);
    } catch (err) {
      if (err instanceof StoppingError) break;
      log.error({ err, messages: messages.length }, 'group could not be parsed; left for redelivery');
      for (const m of messages) m.nak(GROUP_RETRY_MS);
      continue;
    }
    const task: Promise<void> = handler
      .complete(group)
      .catch((err: unknown) => log.error({ err }, 'group completion failed'))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  await Promise.all(inFlight);
}
