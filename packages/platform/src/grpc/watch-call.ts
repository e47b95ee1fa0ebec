import type { EventEmitter } from 'node:events';
import { CancelledError, DeadlineExceededError } from '../errors/index.js';

/** The parts of a grpc-js server call that tell when it ends early. */
export interface WatchedCall extends EventEmitter {
  getDeadline(): Date | number;
}

/** The signal of one call and how to release its timer and listener. */
export interface CallWatch {
  readonly signal: AbortSignal;
  readonly deadline: Date | undefined;
  dispose(): void;
}

// A client whose deadline passes resets the stream, which reaches us as a plain cancel, often just before
// our own timer fires (the server's deadline starts when the headers arrive, later than the client's).
// A cancel this close to the deadline (at most a second, at most half the call's time budget) is counted
// as the deadline passing.
const MAX_DEADLINE_SLACK_MS = 1_000;

// setTimeout fires at once for delays above 2^31-1 ms; such deadlines (weeks away) are treated as none.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Makes an AbortSignal that fires when the call's deadline passes (grpc-js answers the client but does not
 * stop the handler), when the client cancels, or when `forceStop` is aborted.
 */
export function watchCall(call: WatchedCall, forceStop: AbortSignal): CallWatch {
  const controller = new AbortController();
  const rawDeadline = call.getDeadline();
  const deadlineMs = rawDeadline instanceof Date ? rawDeadline.getTime() : rawDeadline;
  const deadline = Number.isFinite(deadlineMs) ? new Date(deadlineMs) : undefined;
  const expire = (): void => controller.abort(new DeadlineExceededError('deadline exceeded'));

  const delay = deadline === undefined ? Infinity : deadline.getTime() - Date.now();
  const slack = Math.min(MAX_DEADLINE_SLACK_MS, Math.max(0, delay) / 2);
  const timer = delay <= MAX_TIMER_MS ? setTimeout(expire, Math.max(0, delay)) : undefined;
  const onCancelled = (): void => {
    if (forceStop.aborted) controller.abort(forceStop.reason);
    else if (deadline !== undefined && Date.now() >= deadline.getTime() - slack) expire();
    else controller.abort(new CancelledError('call cancelled by the client'));
  };
  const onForceStop = (): void => controller.abort(forceStop.reason);
  call.on('cancelled', onCancelled);
  forceStop.addEventListener('abort', onForceStop, { once: true });
  if (forceStop.aborted) onForceStop();
  return {
    signal: controller.signal,
    deadline,
    dispose: () => {
      clearTimeout(timer);
      call.off('cancelled', onCancelled);
      forceStop.removeEventListener('abort', onForceStop);
    },
  };
}
