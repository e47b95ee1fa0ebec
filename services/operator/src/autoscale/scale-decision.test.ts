import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideScale,
  recommendReplicas,
  type RecommendationWindow,
  type ScalePolicy,
} from './scale-decision.js';

const policy: ScalePolicy = {
  targetBacklog: 100,
  minReplicas: 1,
  maxReplicas: 10,
  scaleDownStabilizationMs: 60_000,
};

describe('recommendReplicas', () => {
  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [950, 10],
    [1_000_000, 10],
  ])('backlog %i → %i replicas', (backlog, replicas) => {
    expect(recommendReplicas(backlog, policy)).toBe(replicas);
  });

  it('allows zero replicas when the minimum is zero', () => {
    expect(recommendReplicas(0, { ...policy, minReplicas: 0 })).toBe(0);
  });
});

describe('decideScale', () => {
  it('scales up at once and down only after the window', () => {
    let window: RecommendationWindow | undefined;
    let current = 1;
    const step = (nowMs: number, backlog: number) => {
      const d = decideScale({ policy, backlog, currentReplicas: current, nowMs, window });
      window = d.window;
      current = d.desired;
      return current;
    };
    expect(step(0, 0)).toBe(1);
    expect(step(1_000, 720)).toBe(8);
    expect(step(2_000, 0)).toBe(8);
    expect(step(60_999, 0)).toBe(8);
    expect(step(61_000, 0)).toBe(1);
  });

  it('steps down through the recommendations that age out of the window', () => {
    let window: RecommendationWindow | undefined;
    let current = 1;
    const steps = [
      [0, 800],
      [10_000, 500],
      [20_000, 200],
      [30_000, 0],
      [65_000, 0],
      [75_000, 0],
      [79_000, 0],
      [81_000, 0],
    ].map(([nowMs, backlog]) => {
      const d = decideScale({ policy, backlog: backlog!, currentReplicas: current, nowMs: nowMs!, window });
      window = d.window;
      current = d.desired;
      return current;
    });
    expect(steps).toEqual([8, 8, 8, 8, 5, 2, 2, 1]);
  });

  it('does not scale a newly seen worker down before a full window', () => {
    const first = decideScale({ policy, backlog: 0, currentReplicas: 6, nowMs: 0 });
    expect(first.desired).toBe(6);
    const later = decideScale({
      policy,
      backlog: 0,
      currentReplicas: 6,
      nowMs: 60_001,
      window: first.window,
    });
    expect(later.desired).toBe(1);
  });

  it('brings a worker outside the limits back within them at once', () => {
    expect(decideScale({ policy, backlog: 0, currentReplicas: 30, nowMs: 0 }).desired).toBe(10);
    expect(
      decideScale({ policy: { ...policy, minReplicas: 3 }, backlog: 0, currentReplicas: 0, nowMs: 0 })
        .desired,
    ).toBe(3);
  });
});

const policyArb: fc.Arbitrary<ScalePolicy> = fc
  .record({
    targetBacklog: fc.integer({ min: 1, max: 1_000 }),
    minReplicas: fc.integer({ min: 0, max: 5 }),
    extra: fc.integer({ min: 0, max: 20 }),
    scaleDownStabilizationMs: fc.integer({ min: 0, max: 30_000 }),
  })
  .map(({ extra, ...p }) => ({ ...p, maxReplicas: Math.max(1, p.minReplicas + extra) }));

const runArb = fc.record({
  policy: policyArb,
  initial: fc.integer({ min: 0, max: 40 }),
  steps: fc.array(
    fc.record({ dt: fc.integer({ min: 0, max: 5_000 }), backlog: fc.integer({ min: 0, max: 30_000 }) }),
    { minLength: 1, maxLength: 80 },
  ),
});

type Run = typeof runArb extends fc.Arbitrary<infer T> ? T : never;

/** Runs a worker whose size always follows the decisions; returns what every step saw. */
function simulate(run: Run) {
  let window: RecommendationWindow | undefined;
  let current = run.initial;
  let nowMs = 0;
  return run.steps.map(({ dt, backlog }) => {
    nowMs += dt;
    const before = current;
    const d = decideScale({ policy: run.policy, backlog, currentReplicas: current, nowMs, window });
    window = d.window;
    current = d.desired;
    return { nowMs, before, ...d };
  });
}

describe('decideScale properties', () => {
  it('keeps every decision within [min, max] once within the limits', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const s of simulate(run)) {
          expect(s.desired).toBeGreaterThanOrEqual(run.policy.minReplicas);
          expect(s.desired).toBeLessThanOrEqual(run.policy.maxReplicas);
        }
      }),
    );
  });

  it('scales up at once to the recommendation', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const s of simulate(run))
          if (s.recommendation > s.before) expect(s.desired).toBe(s.recommendation);
      }),
    );
  });

  it('scales down only to the highest recommendation of the window', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const steps = simulate(run);
        steps.forEach((s, i) => {
          if (s.desired >= s.before || s.before > run.policy.maxReplicas) return;
          const cutoff = s.nowMs - run.policy.scaleDownStabilizationMs;
          const recent = steps.slice(0, i).filter((r) => r.nowMs > cutoff);
          // The first decision counts the starting size as a recommendation, so no early scale-down.
          const seed = steps[0]!.nowMs > cutoff ? [Math.max(run.policy.minReplicas, run.initial)] : [];
          const highest = Math.max(s.recommendation, ...seed, ...recent.map((r) => r.recommendation));
          expect(s.desired).toBe(highest);
        });
      }),
    );
  });

  it('is monotone in the backlog', () => {
    fc.assert(
      fc.property(runArb, fc.nat(30_000), fc.nat(30_000), (run, a, b) => {
        const last = simulate(run).at(-1)!;
        const next = (backlog: number) =>
          decideScale({
            policy: run.policy,
            backlog,
            currentReplicas: last.desired,
            nowMs: last.nowMs + 1_000,
            window: last.window,
          }).desired;
        expect(next(Math.min(a, b))).toBeLessThanOrEqual(next(Math.max(a, b)));
      }),
    );
  });

  it('never flaps: a backlog that only falls gives a size that only falls after the first step', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const falling = { ...run, steps: run.steps.toSorted((x, y) => y.backlog - x.backlog) };
        const sizes = simulate(falling).map((s) => s.desired);
        for (let i = 2; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
      }),
    );
  });

  it('keeps the window within the range of replica counts', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const s of simulate(run))
          expect(s.window.length).toBeLessThanOrEqual(run.policy.maxReplicas - run.policy.minReplicas + 1);
      }),
    );
  });
});
