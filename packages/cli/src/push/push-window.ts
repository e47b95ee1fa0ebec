import { setTimeout as sleep } from 'node:timers/promises';
import { Metadata, status, type ClientDuplexStream, type StatusObject } from '@grpc/grpc-js';
import type { LogBatch, PushAck, PushRequest } from '@loglens/proto';
import { RETRYABLE_CODES, retryDelay } from './retry-delay.js';

/** How a PushWindow talks to the server and what it reports. */
export interface PushWindowOptions {
  /** Opens a new `IngestService.Push` call. */
  readonly open: () => ClientDuplexStream<PushRequest, PushAck>;
  /** Most batches sent and not yet acknowledged. */
  readonly window: number;
  /** Failed calls in a row (without an ack between them) before giving up. */
  readonly maxAttempts: number;
  readonly onAck?: (ack: PushAck) => void;
  readonly onRetry?: (code: status, delayMs: number, attempt: number) => void;
  readonly wait?: (ms: number) => Promise<void>;
}

/** The status of a failed call as an error that `describeCallError` understands. */
function statusError(end: StatusObject): Error {
  return Object.assign(new Error(end.details), {
    code: end.code,
    details: end.details,
    metadata: end.metadata,
  });
}

/**
 * Sends numbered batches on a Push stream with at most `window` unacknowledged. When the call fails with
 * UNAVAILABLE or RESOURCE_EXHAUSTED it waits (the server's retry delay, else backoff), opens a new call and
 * re-sends every unacknowledged batch in order; the server stores a re-sent batch once.
 */
export class PushWindow {
  private readonly pending = new Map<number, LogBatch>();
  private call: ClientDuplexStream<PushRequest, PushAck> | undefined;
  private retrying = false;
  private failure: Error | undefined;
  private attempts = 0;
  private wakers: (() => void)[] = [];

  constructor(private readonly options: PushWindowOptions) {}

  /** Sends a batch once the window has room; throws if the push has failed for good. */
  async send(batch: LogBatch): Promise<void> {
    while (this.pending.size >= this.options.window && this.failure === undefined) await this.changed();
    this.throwIfFailed();
    this.pending.set(batch.sequence, batch);
    if (this.call !== undefined) this.call.write({ batch });
    else if (!this.retrying) this.connect();
  }

  /** Waits until every batch is acknowledged, then ends the call. */
  async close(): Promise<void> {
    while (this.pending.size > 0 && this.failure === undefined) await this.changed();
    this.throwIfFailed();
    const call = this.call;
    this.call = undefined;
    if (call === undefined) return;
    const ended = new Promise((resolve) => call.once('status', resolve));
    call.end();
    await ended;
  }

  private connect(): void {
    const call = this.options.open();
    this.call = call;
    call.on('data', (ack: PushAck) => {
      if (!this.pending.delete(ack.sequence)) return;
      this.attempts = 0;
      this.options.onAck?.(ack);
      this.wake();
    });
    // The 'status' event reports failures too; without a listener an 'error' event would throw.
    call.on('error', () => undefined);
    call.on('status', (end: StatusObject) => this.ended(call, end));
    for (const batch of this.pending.values()) call.write({ batch });
  }

  private ended(call: ClientDuplexStream<PushRequest, PushAck>, end: StatusObject): void {
    if (call !== this.call) return;
    this.call = undefined;
    if (this.pending.size === 0 && end.code === status.OK) return;
    // A call that ends OK with batches unacknowledged was cut short: try again like a dropped connection.
    const retryable = end.code === status.OK || RETRYABLE_CODES.has(end.code);
    this.attempts++;
    if (!retryable || this.attempts > this.options.maxAttempts) {
      this.failure = statusError(
        end.code === status.OK ? { ...end, code: status.UNAVAILABLE, metadata: new Metadata() } : end,
      );
      this.wake();
      return;
    }
    const delayMs = retryDelay(end.metadata, this.attempts);
    this.options.onRetry?.(end.code, delayMs, this.attempts);
    this.retrying = true;
    void (this.options.wait ?? sleep)(delayMs).then(() => {
      this.retrying = false;
      if (this.failure === undefined && this.pending.size > 0) this.connect();
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }
}
