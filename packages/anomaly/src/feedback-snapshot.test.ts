import { describe, expect, it } from 'vitest';
import { AnomalyEngine } from './engine.js';
import type { EngineSnapshot } from './engine.js';
import { feedbackFor } from './feedback.js';
import { SessionModel } from './session-model.js';
import { syntheticStream } from './synthetic.js';
import type { AnomalyEvent, AnomalyResult } from './types.js';

const stream = syntheticStream(90, [
  { id: 'request served', perMinute: () => 30 },
  // Rare, then a burst: three in one window of a pattern seen once in 40 minutes.
  { id: 'disk slow', level: 'error', perMinute: (m) => (m === 40 ? 1 : m === 70 ? 3 : 0) },
  { id: 'retry', level: 'warn', perMinute: (m) => (m === 80 ? 50 : 2) },
]);

function feed(engine: AnomalyEngine, events: readonly AnomalyEvent[]): AnomalyResult[] {
  for (const e of events) engine.process(e);
  return engine.takeResults();
}

const at = (results: readonly AnomalyResult[], minute: number): AnomalyResult | undefined =>
  results.find((r) => r.scope.start === minute * 60_000);

describe('feedback', () => {
  it('a false positive down-weights that pattern in later scores, for its period', () => {
    const plain = new AnomalyEngine({ sessions: false });
    const before = feed(plain, stream);
    expect(at(before, 70)?.anomalous).toBe(true);

    const engine = new AnomalyEngine({ sessions: false });
    const first = feed(
      engine,
      stream.filter((e) => e.timestamp! < 42 * 60_000),
    );
    const flagged = at(first, 40)!;
    expect(flagged.anomalous).toBe(true);
    engine.feedback(feedbackFor(flagged, 'false-positive', 75 * 60_000));
    const later = feed(
      engine,
      stream.filter((e) => e.timestamp! >= 42 * 60_000),
    );
    expect(at(later, 70)!.score).toBeLessThan(at(before, 70)!.score);
    expect(at(later, 70)!.anomalous).toBe(false);
    // Other patterns are untouched.
    expect(at(later, 80)!.anomalous).toBe(true);
  });

  it('a confirmed pattern keeps alerting once it became common', () => {
    const events = syntheticStream(60, [
      { id: 'ok', perMinute: () => 20 },
      { id: 'auth failed', level: 'error', perMinute: () => 1 },
    ]);
    const engine = new AnomalyEngine({ sessions: false });
    engine.feedback({ source: 'app', templateId: 'auth failed', verdict: 'confirmed' });
    const results = feed(engine, events);
    expect(at(results, 50)!.anomalous).toBe(true);
    const plain = feed(new AnomalyEngine({ sessions: false }), events);
    expect(at(plain, 50)!.anomalous).toBe(false);
  });
});

describe('snapshots', () => {
  it('snapshot → JSON → restore gives identical scores, mid-stream', () => {
    const half = Math.floor(stream.length / 2);
    const a = new AnomalyEngine({ sessions: false, perHost: true });
    feed(a, stream.slice(0, half));
    a.feedback({ source: 'app', templateId: 'retry', verdict: 'false-positive', until: 85 * 60_000 });
    const snap = JSON.parse(JSON.stringify(a.snapshot())) as EngineSnapshot;
    const b = AnomalyEngine.restore(snap);
    const rest = stream.slice(half);
    const scoresA = rest.map((e) => a.process(e));
    const scoresB = rest.map((e) => b.process(e));
    expect(scoresB).toEqual(scoresA);
    a.flush();
    b.flush();
    expect(b.takeResults()).toEqual(a.takeResults());
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  it('restores session models with open sessions and an isolation forest', () => {
    const opts = {
      sessions: {
        idle: 20,
        model: { detectors: ['rarity', 'pattern', 'length', 'sequence', 'isolation-forest'] as const },
      },
    };
    const mk = (i: number, step: string): AnomalyEvent => ({
      sequence: i,
      source: 'svc',
      templateId: step,
      template: step,
      level: 'info',
      params: [{ type: 'id', value: `job_${String(1000000 + Math.floor(i / 3))}` }],
    });
    const events = Array.from({ length: 3000 }, (_, i) =>
      mk(i, ['start', 'run', i % 97 === 0 ? 'crash' : 'stop'][i % 3]!),
    );
    const a = new AnomalyEngine(opts);
    feed(a, events.slice(0, 1500));
    const b = AnomalyEngine.restore(JSON.parse(JSON.stringify(a.snapshot())) as EngineSnapshot);
    const ra = feed(a, events.slice(1500));
    const rb = feed(b, events.slice(1500));
    expect(rb).toEqual(ra);
    expect(ra.some((r) => r.scope.kind === 'session')).toBe(true);
  });

  it('refuses an unknown snapshot version', () => {
    const snap = { ...new AnomalyEngine().snapshot(), version: 99 } as unknown as EngineSnapshot;
    expect(() => AnomalyEngine.restore(snap)).toThrow(/unsupported snapshot/);
  });

  it('session model state round-trips through JSON', () => {
    const m = new SessionModel({ warmup: 5 });
    for (let i = 0; i < 50; i++)
      m.learn({ key: `s${i}`, source: 'x', templateIds: ['a', 'b', i % 10 === 0 ? 'c' : 'b'] });
    const copy = new SessionModel(
      { warmup: 5 },
      JSON.parse(JSON.stringify(m.toJSON())) as ReturnType<SessionModel['toJSON']>,
    );
    const probe = { key: 'p', source: 'x', templateIds: ['a', 'c', 'd'] };
    expect(copy.score(probe)).toEqual(m.score(probe));
  });
});
