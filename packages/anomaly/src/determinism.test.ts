import { describe, expect, it } from 'vitest';
import { AnomalyEngine } from './engine.js';
import type { EngineSnapshot } from './engine.js';
import type { AnomalyEvent, Level } from './types.js';

const LEVELS: Level[] = ['info', 'info', 'info', 'warn', 'error'];

/** A deterministic stream of sessions (two ids on some lines, a trace id on others) with rare templates. */
function stream(n: number): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let i = 0; i < n; i++) {
    const session = Math.floor(i / 7);
    const step = i % 7;
    const rare = i % 997 === 0 ? `rare ${i % 5}` : `step ${step}`;
    out.push({
      timestamp: i * 50,
      sequence: i,
      source: i % 11 === 0 ? 'other' : 'svc',
      host: `h${i % 3}`,
      templateId: rare,
      template: `${rare} <*>`,
      level: LEVELS[(i * 7) % LEVELS.length]!,
      params: [
        { type: 'number', value: String(i) },
        { type: 'word', value: `blk_${(1_000_000 + session).toString()}` },
        ...(step === 3 ? [{ type: 'word', value: `blk_${(1_000_000 + session + 1).toString()}` }] : []),
      ],
      ...(step === 5 ? { traceId: `trace-${session}` } : {}),
    });
  }
  return out;
}

function run(events: readonly AnomalyEvent[]): { scores: number[]; results: unknown[] } {
  const engine = new AnomalyEngine({ perHost: true, sessions: { idle: 2000 } });
  const scores = events.map((e) => engine.process(e));
  engine.flush();
  return { scores, results: engine.takeResults() };
}

describe('determinism of the hot path', () => {
  const events = stream(20_000);

  it('the same input gives the same scores and results', () => {
    expect(run(events)).toEqual(run(events));
  });

  it('snapshot → restore at several points continues with identical scores and results', () => {
    const whole = run(events);
    for (const cut of [1, 5_003, 14_000]) {
      const a = new AnomalyEngine({ perHost: true, sessions: { idle: 2000 } });
      const before = events.slice(0, cut).map((e) => a.process(e));
      const results = a.takeResults();
      const b = AnomalyEngine.restore(JSON.parse(JSON.stringify(a.snapshot())) as EngineSnapshot);
      const after = events.slice(cut).map((e) => b.process(e));
      b.flush();
      expect([...before, ...after]).toEqual(whole.scores);
      expect([...results, ...b.takeResults()]).toEqual(whole.results);
    }
  });

  it('sessions key on every id of a line, once each', () => {
    const results = run(events).results as { scope: { kind: string; key: string } }[];
    const keys = results.filter((r) => r.scope.kind === 'session').map((r) => r.scope.key);
    expect(keys).toContain('trace-5');
    expect(keys).toContain('blk_1000001');
  });
});
