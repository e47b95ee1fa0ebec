import type { Logger } from '@loglens/platform';

/** A change of the partitions a replica owns, as told to the core loop. */
export interface OwnershipChange {
  /** Now owned: load each partition's snapshot, then process its messages. */
  readonly acquired: readonly number[];
  /**
   * To hand over: stop taking their messages, finish and acknowledge what is in flight, flush and snapshot, then
   * resolve. The owner key is released only after that, so the next owner loads the latest snapshot.
   */
  readonly lost: readonly number[];
  /**
   * Already gone without a hand-over (the lease lapsed, e.g. NATS was unreachable, or another replica holds the
   * key): stop at once and drop their state without writing a snapshot; unacknowledged messages are redelivered.
   */
  readonly revoked: readonly number[];
}

/** Called with each change, one at a time and in order; the next change waits until it resolves. */
export type OwnershipListener = (change: OwnershipChange) => Promise<void> | void;

/** Delivers changes to the listener in order, apart from the heartbeat loop so a slow flush never stalls it. */
export class ChangeQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly listener: OwnershipListener,
    private readonly log: Logger,
  ) {}

  /** Queues a change; `delivered` runs after the listener settled, whether it resolved or failed. */
  push(change: OwnershipChange, delivered?: () => void): void {
    this.tail = this.tail.then(async () => {
      try {
        await this.listener(change);
      } catch (error) {
        // Handing the partition over anyway: unacknowledged messages are redelivered to the next owner.
        this.log.error({ err: error, change }, 'the ownership listener failed');
      }
      delivered?.();
    });
  }

  /** Resolves once every queued change has been delivered. */
  drained(): Promise<void> {
    return this.tail;
  }
}
