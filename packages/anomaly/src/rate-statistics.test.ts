import { describe, expect, it } from 'vitest';
import { AnomalyEngine } from './engine.js';
import { noisyStream } from './synthetic.js';
import type { SyntheticTemplate } from './synthetic.js';
import type { AnomalyEvent, AnomalyResult, Level } from './types.js';

const RATE_KINDS = new Set(['rate-spike', 'rate-drop', 'error-surge', 'silence']);
const MINUTES = 240;
const LEVELS: readonly Level[] = ['debug', 'info', 'warn'];

/** Many quiet series: 40 templates over three levels, 1 to 20 events a minute, a slow swell of the volume. */
function quietTemplates(swell: boolean): SyntheticTemplate[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: `t${i}`,
    level: LEVELS[i % LEVELS.length] ?? 'info',
    perMinute: (m: number) => (1 + (i % 20)) * (swell ? 1 + 0.4 * Math.sin((2 * Math.PI * m) / 180) : 1),
  }));
}

function run(events: readonly AnomalyEvent[]): AnomalyResult[] {
  const engine = new AnomalyEngine({ sessions: false });
  for (const e of events) engine.process(e);
  engine.flush();
  return engine.takeResults();
}

const rateAlarms = (results: readonly AnomalyResult[]) =>
  results.filter((r) => r.findings.some((f) => RATE_KINDS.has(f.kind) && f.score >= 0.5));

describe('rate statistics on noisy streams', () => {
  it.each([
    { name: 'steady', seed: 1, swell: false },
    { name: 'steady, other seed', seed: 2, swell: false },
    { name: 'slow swell', seed: 3, swell: true },
    { name: 'slow swell, other seed', seed: 4, swell: true },
  ])('many quiet Poisson series raise (almost) no rate alarm: $name', ({ seed, swell }) => {
    const results = run(noisyStream(MINUTES, quietTemplates(swell), seed));
    // ~43 series tested in each of ~230 windows (~10,000 tests): the family-wise level per window allows about
    // alpha x windows = 2.3 false windows by chance; none may be critical.
    expect(rateAlarms(results).length).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r.severity === 'critical').map((r) => r.explanation)).toEqual([]);
  });

  const planted = (extra: SyntheticTemplate, seed: number): AnomalyResult | undefined => {
    const results = run(noisyStream(MINUTES, [...quietTemplates(false), extra], seed));
    return results.find((r) => r.scope.start === 200 * 60_000);
  };

  it.each([1, 2, 3])('a burst of +5 events on a series with mean 1 is never critical (seed %i)', (seed) => {
    const at = planted({ id: 'burst', level: 'warn', perMinute: (m) => (m === 200 ? 6 : 1) }, seed);
    const rate = at?.findings.filter((f) => RATE_KINDS.has(f.kind)) ?? [];
    expect(rate.filter((f) => f.severity === 'critical')).toEqual([]);
  });

  it.each([1, 2, 3])('a 10x error surge is critical and names its template (seed %i)', (seed) => {
    const at = planted({ id: 'db timeout', level: 'error', perMinute: (m) => (m === 200 ? 30 : 3) }, seed);
    expect(at?.severity).toBe('critical');
    const surge = at?.findings.find((f) => f.kind === 'error-surge' || f.kind === 'rate-spike');
    expect(surge?.severity).toBe('critical');
    expect(at?.findings.some((f) => f.contributions.some((c) => c.templateId === 'db timeout'))).toBe(true);
  });

  it('does not score a partial last window as a drop or silence', () => {
    const events = noisyStream(60, [{ id: 'steady', perMinute: () => 50 }], 7);
    // The stream ends one second into the next minute, after a single event.
    events.push({ ...events[0]!, timestamp: 60 * 60_000 + 1000, sequence: events.length });
    const results = run(events);
    const last = results[results.length - 1];
    expect(last?.scope.start).toBe(60 * 60_000);
    expect(last?.findings.filter((f) => RATE_KINDS.has(f.kind))).toEqual([]);
    expect(last?.anomalous).toBe(false);
  });

  it('still tests a partial last window for a spike', () => {
    const events = noisyStream(60, [{ id: 'steady', perMinute: () => 5 }], 8);
    const last = events[events.length - 1]!;
    for (let i = 0; i < 100; i++)
      events.push({ ...last, templateId: 'steady', timestamp: 60 * 60_000 + i, sequence: events.length });
    const results = run(events);
    expect(results[results.length - 1]?.findings.some((f) => f.kind === 'rate-spike')).toBe(true);
  });
});
