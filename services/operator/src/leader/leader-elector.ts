import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@loglens/platform';
import {
  acceptedLeaseWrite,
  decideLeaseWrite,
  initialElectorState,
  isLeading,
  observeLease,
  releaseWrite,
  stepDown,
  timingsProblem,
  type ElectionTimings,
  type ElectorState,
} from './election-core.js';
import { kubernetesLeaseStore, type LeaseStore } from './kubernetes-lease-store.js';

/** Options of {@link createLeaderElector}. */
export interface LeaderElectorOptions {
  readonly kubeConfig: KubeConfig;
  /** Namespace of the Lease. */
  readonly namespace: string;
  /** Name of the Lease all candidates compete for. */
  readonly name: string;
  /** This candidate's identity, unique among candidates (e.g. the pod name). */
  readonly identity: string;
  /** How long a standby waits after the lease last changed. @default 15000 */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps leading without a successful renewal. @default 10000 */
  readonly renewDeadlineMs?: number;
  /** Pause between attempts to acquire or renew. @default 2000 */
  readonly retryPeriodMs?: number;
  /** Hand the lease over on `stop()` so a standby takes over at once. @default true */
  readonly releaseOnStop?: boolean;
  readonly logger: Logger;
}

/** One candidate in a Lease-based leader election. */
export interface LeaderElector {
  /** Starts competing; resolves after the first attempt. */
  start(): Promise<void>;
  /** Stops competing and, when leading, releases the lease. */
  stop(): Promise<void>;
  /** True while this candidate may act as the leader (judged by the clock at each call). */
  isLeader(): boolean;
  /** Calls `cb` whenever leadership is gained or lost; returns a function that unsubscribes. */
  onChange(cb: (leading: boolean) => void): () => void;
}

/** Rejects when `promise` has not settled within `ms` (the request itself may still finish later). */
function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  const clear = () => clearTimeout(timer);
  promise.then(clear, clear);
  return Promise.race([promise, late]);
}

/** Creates a leader elector on a `coordination.k8s.io/v1` Lease (the protocol of client-go). */
export function createLeaderElector(options: LeaderElectorOptions): LeaderElector {
  const timings: ElectionTimings = {
    leaseDurationMs: options.leaseDurationMs ?? 15_000,
    renewDeadlineMs: options.renewDeadlineMs ?? 10_000,
    retryPeriodMs: options.retryPeriodMs ?? 2_000,
  };
  const problem = timingsProblem(timings);
  if (problem) throw new Error(`invalid leader election timings: ${problem}`);
  const store: LeaseStore = kubernetesLeaseStore(options.kubeConfig, options.namespace, options.name);
  const logger = options.logger.child({
    lease: `${options.namespace}/${options.name}`,
    identity: options.identity,
  });
  const listeners = new Set<(leading: boolean) => void>();
  let state: ElectorState = initialElectorState(options.identity);
  let running = false;
  let reported = false;
  let leadingSinceMs = 0;
  let loopTimer: NodeJS.Timeout | undefined;
  let deadlineTimer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> = Promise.resolve();

  const report = () => {
    const leading = running && isLeading(state, Date.now());
    clearTimeout(deadlineTimer);
    // Leadership lapses by the clock even when a request hangs: wake up at the deadline to say so.
    if (leading && state.leadingUntilMs !== undefined)
      deadlineTimer = setTimeout(report, state.leadingUntilMs - Date.now() + 1);
    if (leading === reported) return;
    reported = leading;
    if (leading) {
      leadingSinceMs = Date.now();
      logger.info({ leaseTransitions: state.observed?.record.leaseTransitions }, 'became the leader');
    } else {
      logger.info({ ledForMs: Date.now() - leadingSinceMs }, 'stopped leading');
    }
    for (const cb of listeners) cb(leading);
  };

  const tryAcquireOrRenew = async () => {
    state = observeLease(state, await store.read(), Date.now());
    const write = decideLeaseWrite(state, Date.now(), timings);
    if (!write) return;
    const sentAtMs = Date.now();
    const result = await store.write(write);
    if (result === 'conflict') {
      // Someone else wrote since our read: learn what they wrote before deciding again.
      state = observeLease(state, await store.read(), Date.now());
    } else {
      state = acceptedLeaseWrite(state, result, sentAtMs, Date.now(), timings);
    }
  };

  const loop = () => {
    // A hung request must not stall the loop: leadership lapses by the clock anyway, and a late answer is
    // harmless (a stale read only delays expiry, a stale write meets a 409).
    attempt = withDeadline(tryAcquireOrRenew(), timings.renewDeadlineMs, 'acquiring or renewing the lease')
      .catch((error: unknown) => logger.warn({ err: error }, 'cannot acquire or renew the lease'))
      .finally(() => {
        report();
        if (running) loopTimer = setTimeout(loop, timings.retryPeriodMs);
      });
  };

  return {
    async start() {
      if (running) return;
      running = true;
      loop();
      await attempt;
    },
    async stop() {
      if (!running) return;
      running = false;
      clearTimeout(loopTimer);
      await attempt;
      const release = options.releaseOnStop === false ? undefined : releaseWrite(state, Date.now());
      // Stop leading before the release is visible, so leadership never overlaps with the next holder.
      state = stepDown(state);
      report();
      clearTimeout(deadlineTimer);
      if (!release) return;
      try {
        const result = await store.write(release);
        logger.info({ released: result !== 'conflict' }, 'released the lease');
      } catch (error) {
        logger.warn({ err: error }, 'cannot release the lease; a standby takes over when it expires');
      }
    },
    isLeader: () => running && isLeading(state, Date.now()),
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
