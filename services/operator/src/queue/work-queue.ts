import { RetryLimiter, type RetryLimiterSettings } from './retry-limiter.js';

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Keys processed at once (each key is only ever processed by one worker at a time). */
  readonly concurrency: number;
  readonly retry: RetryLimiterSettings;
  /** Handles one key; a rejection schedules a rate-limited retry, a number asks for another run after it (ms). */
  readonly process: (key: string) => Promise<number | void>;
  /** Told about each failure and the delay before the retry. */
  readonly onFailure?: (key: string, error: unknown, failures: number, retryInMs: number) => void;
  /** Milliseconds since some fixed point. @default Date.now */
  readonly now?: () => number;
}

/**
 * A controller work queue. A key waits at most once (adding a waiting key again does nothing), runs on one
 * worker at a time (a key added while it runs is run again afterwards, so no change is lost), and a failed
 * key comes back after a delay from {@link RetryLimiter}. Delayed adds keep only the earliest time per key.
 */
export class WorkQueue {
  readonly #waiting = new Set<string>();
  readonly #order: string[] = [];
  readonly #running = new Set<string>();
  readonly #dirty = new Set<string>();
  readonly #delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  readonly #limiter: RetryLimiter;
  readonly #idle = new Set<() => void>();
  readonly #now: () => number;
  #paused = false;
  #stopped = false;

  constructor(private readonly options: WorkQueueOptions) {
    this.#limiter = new RetryLimiter(options.retry);
    this.#now = options.now ?? Date.now;
  }

  /** Queues `key` unless it is already waiting; a running key is queued again once it finishes. */
  add(key: string): void {
    if (this.#stopped) return;
    if (this.#running.has(key)) {
      this.#dirty.add(key);
      return;
    }
    if (this.#waiting.has(key)) return;
    this.#waiting.add(key);
    this.#order.push(key);
    this.#pump();
  }

  /** Queues `key` after `delayMs`; an earlier pending add of the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.#stopped) return;
    if (delayMs <= 0) return this.add(key);
    const at = this.#now() + delayMs;
    const pending = this.#delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.#delayed.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.#delayed.set(key, { at, timer });
  }

  /** Forgets the retry history of `key` (it no longer exists). */
  forget(key: string): void {
    this.#limiter.forget(key);
  }

  /** Keys waiting, running or delayed. */
  get size(): number {
    return new Set([...this.#waiting, ...this.#running, ...this.#delayed.keys()]).size;
  }

  /** Stops handing keys to workers (keys still queue up); running keys finish. */
  pause(): void {
    this.#paused = true;
  }

  /** Hands queued keys to workers again. */
  resume(): void {
    this.#paused = false;
    this.#pump();
  }

  /** Drops what waits, stops retries and resolves once the running keys have finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const { timer } of this.#delayed.values()) clearTimeout(timer);
    this.#delayed.clear();
    this.#waiting.clear();
    this.#order.length = 0;
    this.#dirty.clear();
    await this.#whenIdle();
  }

  /** Resolves when nothing waits or runs (delayed keys aside). */
  whenIdle(): Promise<void> {
    return this.#whenIdle();
  }

  #whenIdle(): Promise<void> {
    if (this.#running.size === 0 && (this.#order.length === 0 || this.#paused || this.#stopped)) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  #pump(): void {
    while (!this.#paused && !this.#stopped && this.#running.size < this.options.concurrency) {
      const key = this.#order.shift();
      if (key === undefined) break;
      this.#waiting.delete(key);
      this.#running.add(key);
      void this.#run(key);
    }
    if (this.#running.size === 0 && (this.#order.length === 0 || this.#paused || this.#stopped)) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
  }

  async #run(key: string): Promise<void> {
    try {
      const again = await this.options.process(key);
      this.#limiter.forget(key);
      if (typeof again === 'number') this.addAfter(key, again);
    } catch (error) {
      const retryInMs = this.#limiter.whenToRetry(key, this.#now());
      this.options.onFailure?.(key, error, this.#limiter.failures(key), retryInMs);
      this.addAfter(key, retryInMs);
    } finally {
      this.#running.delete(key);
      if (this.#dirty.delete(key)) this.add(key);
      this.#pump();
    }
  }
}
