import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs } from '@loglens/platform';
import { classifyWriteFailure } from '../store/write-failure.js';

/** The parser is stopping: the work was not done and its messages must be left for redelivery. */
export class StoppingError extends Error {
  override readonly name = 'StoppingError';
  constructor(options?: ErrorOptions) {
    super('the parser is stopping', options);
  }
}

/** Options of {@link retryTransient}. */
export interface RetryOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Aborted when the parser stops: the wait ends and {@link StoppingError} is thrown. */
  readonly signal: AbortSignal;
  /** Told of every transient failure before the wait. */
  readonly onRetry: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs `work` until it succeeds, retrying transient PostgreSQL failures (a server that is down or restarting)
 * with capped exponential backoff for as long as it takes; a deterministic failure is thrown at once.
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw new StoppingError();
    try {
      return await work();
    } catch (error) {
      if (classifyWriteFailure(error) === 'deterministic') throw error;
      const delay = backoffDelayMs(attempt, { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs });
      options.onRetry(error, attempt, delay);
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch (abort) {
        throw new StoppingError({ cause: abort });
      }
    }
  }
}
