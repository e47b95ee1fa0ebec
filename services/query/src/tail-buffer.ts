import type { LogEvent } from '@loglens/proto';

/**
 * The events of one Tail call waiting for the client, at most `capacity` of them. When the client reads
 * slower than events arrive, new events are dropped and counted instead of growing memory; the count goes
 * out with the next response.
 */
export class TailBuffer {
  private events: LogEvent[] = [];
  private dropped = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly capacity: number) {}

  /** Adds the events that fit and counts the rest as dropped. */
  offer(events: readonly LogEvent[]): void {
    const room = Math.max(0, this.capacity - this.events.length);
    for (const event of events.slice(0, room)) this.events.push(event);
    this.dropped += Math.max(0, events.length - room);
    if (events.length > 0) this.notify();
  }

  /** Counts events dropped before they reached the buffer. */
  drop(count: number): void {
    this.dropped += count;
    if (count > 0) this.notify();
  }

  /** True when there is nothing to send: no event and no drop to report. */
  get idle(): boolean {
    return this.events.length === 0 && this.dropped === 0;
  }

  /** Takes up to `max` events, oldest first, and the number dropped since the previous take. */
  take(max: number): { events: LogEvent[]; droppedCount: number } {
    const events = this.events.splice(0, max);
    const droppedCount = this.dropped;
    this.dropped = 0;
    return { events, droppedCount };
  }

  /** Resolves at the next offer, or when `signal` aborts. */
  changed(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private notify(): void {
    this.wake?.();
  }
}
