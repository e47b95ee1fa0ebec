import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptedLeaseWrite,
  decideLeaseWrite,
  initialElectorState,
  isLeading,
  observeLease,
  releaseWrite,
  stepDown,
  timingsProblem,
  type ElectorState,
  type LeaseWrite,
  type VersionedLease,
} from './election-core.js';

const timings = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

/** A Lease store with the API server's compare-and-swap on resourceVersion. */
class FakeServer {
  lease: VersionedLease | undefined;
  #version = 0;
  apply(write: LeaseWrite): VersionedLease | 'conflict' {
    if (write.kind === 'create' ? this.lease !== undefined : this.lease?.version !== write.version)
      return 'conflict';
    this.lease = { record: write.record, version: String(++this.#version) };
    return this.lease;
  }
}

function acquire(server: FakeServer, state: ElectorState, now: number): ElectorState {
  const seen = observeLease(state, server.lease, now);
  const write = decideLeaseWrite(seen, now, timings);
  if (!write) return seen;
  const result = server.apply(write);
  return result === 'conflict' ? seen : acceptedLeaseWrite(seen, result, now, now, timings);
}

describe('leader election decisions', () => {
  it('creates an absent lease and leads until the renew deadline', () => {
    const server = new FakeServer();
    const a = acquire(server, initialElectorState('a'), 0);
    expect(isLeading(a, 9_999)).toBe(true);
    expect(isLeading(a, 10_000)).toBe(false);
    expect(server.lease?.record).toMatchObject({ holderIdentity: 'a', leaseTransitions: 0 });
  });

  it('lets a standby take over only a full lease duration after it saw the last change', () => {
    const server = new FakeServer();
    acquire(server, initialElectorState('a'), 0);
    let b = acquire(server, initialElectorState('b'), 1_000);
    expect(isLeading(b, 1_000)).toBe(false);
    b = acquire(server, b, 15_999);
    expect(isLeading(b, 15_999)).toBe(false);
    b = acquire(server, b, 16_000);
    expect(isLeading(b, 16_000)).toBe(true);
    expect(server.lease?.record).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('renews with the same acquire time and transitions', () => {
    const server = new FakeServer();
    let a = acquire(server, initialElectorState('a'), 0);
    a = acquire(server, a, 2_000);
    expect(server.lease?.record).toMatchObject({ acquireTimeMs: 0, renewTimeMs: 2_000, leaseTransitions: 0 });
    expect(isLeading(a, 11_999)).toBe(true);
  });

  it('hands over at once after a release', () => {
    const server = new FakeServer();
    let a = acquire(server, initialElectorState('a'), 0);
    let b = acquire(server, initialElectorState('b'), 500);
    const release = releaseWrite(a, 1_000);
    a = stepDown(a);
    expect(release && server.apply(release)).not.toBe('conflict');
    expect(isLeading(a, 1_000)).toBe(false);
    b = acquire(server, b, 1_001);
    expect(isLeading(b, 1_001)).toBe(true);
    expect(server.lease?.record.leaseTransitions).toBe(1);
  });

  it('loses a renewal race to a stale version', () => {
    const server = new FakeServer();
    const a = acquire(server, initialElectorState('a'), 0);
    const stale = decideLeaseWrite(a, 2_000, timings);
    server.apply(decideLeaseWrite(a, 1_000, timings)!);
    expect(server.apply(stale!)).toBe('conflict');
  });

  it('rejects timings that break the safety argument', () => {
    expect(timingsProblem(timings)).toBeUndefined();
    expect(timingsProblem({ ...timings, renewDeadlineMs: 15_000 })).toMatch(/lease duration/);
    expect(timingsProblem({ ...timings, retryPeriodMs: 10_000 })).toMatch(/retry period/);
  });
});

type Step =
  | { kind: 'tick'; dt: number }
  | { kind: 'readStart' | 'readEnd' | 'send' | 'apply' | 'respond' | 'release' | 'round'; who: number };

interface Elector {
  state: ElectorState;
  /** A read the server answered that has not reached the elector yet. */
  read?: { lease: VersionedLease | undefined };
  pending?: { write: LeaseWrite; sentAt: number; result?: VersionedLease | 'conflict'; release: boolean };
}

// Small clock steps reach the edges of the lease windows; 'round' is a whole read-decide-write cycle at once,
// so runs make progress often enough to change leaders many times.
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: 0, max: 4_000 }) }),
  fc.record({
    kind: fc.constantFrom('readStart', 'readEnd', 'send', 'apply', 'respond', 'release', 'round'),
    who: fc.integer({ min: 0, max: 2 }),
  }),
);

describe('leader election safety', () => {
  it('never has two leaders, whatever the interleaving of reads, writes and delays', () => {
    let runsWithLeaderChange = 0;
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 50, maxLength: 200 }), (steps) => {
        const server = new FakeServer();
        const electors: Elector[] = ['a', 'b', 'c'].map((id) => ({ state: initialElectorState(id) }));
        let now = 0;
        const leadersSeen = new Set<string>();
        for (const step of steps) {
          if (step.kind === 'tick') now += step.dt;
          else {
            const e = electors[step.who]!;
            runStep(e, step.kind, server, now);
          }
          const leaders = electors.filter((e) => isLeading(e.state, now));
          // A plain check: expect() in this hot loop makes the property several times slower.
          if (leaders.length > 1) throw new Error(`two leaders at ${now} ms`);
          for (const l of leaders) leadersSeen.add(l.state.identity);
        }
        if (leadersSeen.size > 1) runsWithLeaderChange++;
      }),
      { numRuns: 2_000 },
    );
    // The property is only worth something if runs really hand leadership over.
    expect(runsWithLeaderChange).toBeGreaterThan(300);
  });
});

function runStep(e: Elector, kind: Exclude<Step['kind'], 'tick'>, server: FakeServer, now: number): void {
  switch (kind) {
    case 'round':
      for (const k of ['readStart', 'readEnd', 'send', 'apply', 'respond'] as const)
        runStep(e, k, server, now);
      return;
    case 'readStart':
      e.read ??= { lease: server.lease };
      return;
    case 'readEnd':
      if (e.read) e.state = observeLease(e.state, e.read.lease, now);
      e.read = undefined;
      return;
    case 'send': {
      const write = e.pending ? undefined : decideLeaseWrite(e.state, now, timings);
      if (write) e.pending = { write, sentAt: now, release: false };
      return;
    }
    case 'release': {
      const write = e.pending ? undefined : releaseWrite(e.state, now);
      e.state = stepDown(e.state);
      if (write) e.pending = { write, sentAt: now, release: true };
      return;
    }
    case 'apply':
      if (e.pending && !e.pending.result) e.pending.result = server.apply(e.pending.write);
      return;
    case 'respond': {
      const p = e.pending;
      if (!p?.result) return;
      if (p.result !== 'conflict' && !p.release)
        e.state = acceptedLeaseWrite(e.state, p.result, p.sentAt, now, timings);
      e.pending = undefined;
    }
  }
}
