// The decisions of Lease-based leader election, free of I/O and of the clock: every function takes the local
// time it should judge by. The rules follow client-go's leaderelection package.

/** What a Lease says, in milliseconds; times written by the holder are informational only. */
export interface LeaseRecord {
  /** Who holds the lease; empty when it was released. */
  readonly holderIdentity: string;
  readonly leaseDurationMs: number;
  readonly acquireTimeMs?: number;
  readonly renewTimeMs?: number;
  /** How many times the holder changed. */
  readonly leaseTransitions: number;
}

/** A Lease as read from the API server: its record and the resourceVersion that guards updates. */
export interface VersionedLease {
  readonly record: LeaseRecord;
  readonly version: string;
}

/** The durations of the protocol; `leaseDurationMs > renewDeadlineMs > retryPeriodMs` keeps it safe. */
export interface ElectionTimings {
  /** How long a standby waits, after it last saw the lease change, before taking it over. */
  readonly leaseDurationMs: number;
  /** How long the leader keeps leading after it sent its last successful renewal. */
  readonly renewDeadlineMs: number;
  /** Pause between two attempts to acquire or renew. */
  readonly retryPeriodMs: number;
}

/** What one elector knows. */
export interface ElectorState {
  readonly identity: string;
  /** The lease last seen and the local time it was first seen in this version. */
  readonly observed?: VersionedLease & { readonly observedAtMs: number };
  /** Leadership ends at this local time unless a renewal succeeds before; absent when not leading. */
  readonly leadingUntilMs?: number;
}

/** A write to send: create the Lease, or update it guarded by the version it was read at. */
export type LeaseWrite =
  | { readonly kind: 'create'; readonly record: LeaseRecord }
  | { readonly kind: 'update'; readonly record: LeaseRecord; readonly version: string };

/** Lease duration written on release, so a standby takes over at once (client-go writes 1 s too). */
export const RELEASED_LEASE_DURATION_MS = 1000;

/** The state of an elector that has seen nothing yet. */
export function initialElectorState(identity: string): ElectorState {
  return { identity };
}

/** Checks the timing relations the safety argument needs; returns the problem or `undefined`. */
export function timingsProblem(t: ElectionTimings): string | undefined {
  if (!(t.retryPeriodMs > 0)) return 'the retry period must be positive';
  if (!(t.renewDeadlineMs > t.retryPeriodMs))
    return 'the renew deadline must be longer than the retry period';
  if (!(t.leaseDurationMs > t.renewDeadlineMs))
    return 'the lease duration must be longer than the renew deadline';
  return undefined;
}

/** Records a read of the Lease (`undefined` when it does not exist) made at local time `nowMs`. */
export function observeLease(
  state: ElectorState,
  lease: VersionedLease | undefined,
  nowMs: number,
): ElectorState {
  const { identity, leadingUntilMs } = state;
  if (!lease) return leadingUntilMs === undefined ? { identity } : { identity, leadingUntilMs };
  // Expiry is judged from when *we* first saw this version, never from the holder's clock.
  const observedAtMs = state.observed?.version === lease.version ? state.observed.observedAtMs : nowMs;
  const observed = { ...lease, observedAtMs };
  const stillOurs = lease.record.holderIdentity === identity && leadingUntilMs !== undefined;
  return stillOurs ? { identity, observed, leadingUntilMs } : { identity, observed };
}

/** True while the elector may act as the leader. */
export function isLeading(state: ElectorState, nowMs: number): boolean {
  return state.leadingUntilMs !== undefined && nowMs < state.leadingUntilMs;
}

/** True when another holder's lease has not yet expired by our clock. */
export function heldByAnother(state: ElectorState, nowMs: number): boolean {
  const seen = state.observed;
  if (!seen || seen.record.holderIdentity === '' || seen.record.holderIdentity === state.identity)
    return false;
  return nowMs < seen.observedAtMs + seen.record.leaseDurationMs;
}

/** The write to attempt now: acquire (absent, released or expired lease), renew (ours), or nothing. */
export function decideLeaseWrite(
  state: ElectorState,
  nowMs: number,
  timings: ElectionTimings,
): LeaseWrite | undefined {
  const seen = state.observed;
  const ours = (acquireTimeMs: number, leaseTransitions: number): LeaseRecord => ({
    holderIdentity: state.identity,
    leaseDurationMs: timings.leaseDurationMs,
    acquireTimeMs,
    renewTimeMs: nowMs,
    leaseTransitions,
  });
  if (!seen) return { kind: 'create', record: ours(nowMs, 0) };
  const { record, version } = seen;
  if (record.holderIdentity === state.identity) {
    return { kind: 'update', version, record: ours(record.acquireTimeMs ?? nowMs, record.leaseTransitions) };
  }
  if (heldByAnother(state, nowMs)) return undefined;
  return { kind: 'update', version, record: ours(nowMs, record.leaseTransitions + 1) };
}

/**
 * Records a write the server accepted. `sentAtMs` is when the request left: the lease can only have been
 * seen renewed after that, so leading until `sentAtMs + renewDeadline` stays inside every standby's wait.
 */
export function acceptedLeaseWrite(
  state: ElectorState,
  written: VersionedLease,
  sentAtMs: number,
  nowMs: number,
  timings: ElectionTimings,
): ElectorState {
  const observed = { ...written, observedAtMs: nowMs };
  if (written.record.holderIdentity !== state.identity) return { identity: state.identity, observed };
  return { identity: state.identity, observed, leadingUntilMs: sentAtMs + timings.renewDeadlineMs };
}

/** Stops leading at once (before a release is sent, so no standby can overlap with us). */
export function stepDown(state: ElectorState): ElectorState {
  return state.observed
    ? { identity: state.identity, observed: state.observed }
    : { identity: state.identity };
}

/** The update that hands the lease over on a clean stop; `undefined` when the last seen lease is not ours. */
export function releaseWrite(state: ElectorState, nowMs: number): LeaseWrite | undefined {
  const seen = state.observed;
  if (!seen || seen.record.holderIdentity !== state.identity) return undefined;
  return {
    kind: 'update',
    version: seen.version,
    record: {
      ...seen.record,
      holderIdentity: '',
      leaseDurationMs: RELEASED_LEASE_DURATION_MS,
      acquireTimeMs: nowMs,
      renewTimeMs: nowMs,
    },
  };
}
