import { describe, expect, it } from 'vitest';
import { AnomalyEngine } from './engine.js';
import type { AnomalyEvent, AnomalyKind, AnomalyResult } from './types.js';
import { syntheticStream } from './synthetic.js';
import type { SyntheticTemplate } from './synthetic.js';

const HOUR_MIN = 60;
const base: SyntheticTemplate[] = [
  { id: 'request served', perMinute: () => 40 },
  { id: 'cache refreshed', perMinute: () => 10 },
];

function run(events: readonly AnomalyEvent[]): AnomalyResult[] {
  const engine = new AnomalyEngine({ sessions: false });
  for (const e of events) engine.process(e);
  engine.flush();
  return engine.takeResults();
}

interface Case {
  readonly name: string;
  readonly minutes: number;
  readonly templates: SyntheticTemplate[];
  /** Minute whose window must be anomalous with this kind; undefined = nothing may alert. */
  readonly planted?: { minute: number; kind: AnomalyKind; template: string };
  readonly startMs?: number;
}

const cases: Case[] = [
  {
    name: 'a spike of one template',
    minutes: 120,
    templates: [...base, { id: 'retrying upstream', level: 'warn', perMinute: (m) => (m === 100 ? 60 : 3) }],
    planted: { minute: 100, kind: 'rate-spike', template: 'retrying upstream' },
  },
  {
    name: 'a drop of one template',
    minutes: 120,
    templates: [base[0]!, { id: 'cache refreshed', perMinute: (m) => (m === 100 ? 0 : 30) }],
    planted: { minute: 100, kind: 'silence', template: 'cache refreshed' },
  },
  {
    name: 'a new error template',
    minutes: 60,
    templates: [...base, { id: 'disk full', level: 'error', perMinute: (m) => (m === 50 ? 1 : 0) }],
    planted: { minute: 50, kind: 'new-template', template: 'disk full' },
  },
  {
    name: 'an error surge',
    minutes: 120,
    templates: [...base, { id: 'payment failed', level: 'error', perMinute: (m) => (m === 110 ? 40 : 2) }],
    planted: { minute: 110, kind: 'rate-spike', template: 'payment failed' },
  },
  {
    name: 'daily seasonality that must not alert',
    minutes: 8 * 24 * HOUR_MIN,
    // Busy hours 09-17 UTC with 8x the night volume: a step every morning and evening.
    templates: [
      {
        id: 'request served',
        perMinute: (m) => (Math.floor(m / 60) % 24 >= 9 && Math.floor(m / 60) % 24 < 17 ? 80 : 10),
      },
      { id: 'cache refreshed', perMinute: () => 10 },
    ],
  },
];

describe('detectors on synthetic streams', () => {
  it.each(cases)('$name', ({ minutes, templates, planted, startMs }) => {
    const results = run(syntheticStream(minutes, templates, startMs));
    if (planted) {
      const at = results.find((r) => r.scope.start === planted.minute * 60_000);
      expect(at?.anomalous).toBe(true);
      const finding = at!.findings.find((f) => f.kind === planted.kind);
      expect(finding, `kinds: ${at!.findings.map((f) => f.kind).join(',')}`).toBeDefined();
      expect(finding!.contributions[0]?.templateId).toBe(planted.template);
      expect(at!.explanation.length).toBeGreaterThan(20);
      const others = results.filter((r) => r.anomalous && r.scope.start !== planted.minute * 60_000);
      // The minute after a planted change may legitimately alert as it returns to normal.
      expect(others.filter((r) => r.scope.start !== (planted.minute + 1) * 60_000)).toEqual([]);
    } else {
      // Seasonality is learned after a few days; the last days must be quiet.
      const late = results.filter((r) => r.anomalous && r.scope.start >= 4 * 24 * 3_600_000);
      expect(late.map((r) => r.explanation)).toEqual([]);
      // The step is real: before any history, the first morning does alert.
      expect(results.some((r) => r.anomalous && r.scope.start < 24 * 3_600_000)).toBe(true);
    }
  });

  it('explains an error surge by the template that rose, against its mean over the whole stream', () => {
    const engine = new AnomalyEngine({ window: { by: 'time', size: 60_000 }, sessions: false });
    const emit = (minute: number, k: number, templateId: string): void => {
      engine.process({
        sequence: 0,
        timestamp: minute * 60_000 + k * 100,
        source: 'svc',
        templateId,
        template: `${templateId} <*>`,
        level: 'error',
        params: [],
      });
    };
    // An old error at 10 a minute; at minute 30 a new one arrives in bulk and the old one quietens.
    for (let minute = 0; minute < 32; minute++) {
      for (let k = 0; k < (minute < 30 ? 10 : 2); k++) emit(minute, k, 'timeout');
      if (minute >= 30) for (let k = 0; k < 100; k++) emit(minute, 100 + k, 'refused');
    }
    emit(33, 0, 'timeout');
    const surge = engine
      .takeResults()
      .find((r) => r.scope.start === 31 * 60_000)
      ?.findings.find((f) => f.kind === 'error-surge');
    expect(surge?.contributions.map((c) => c.templateId)).toEqual(['refused']);
    // Seen in one window of 31: it was expected about 100 / 31 times, not 100.
    expect(surge?.contributions[0]?.expected).toBeCloseTo(100 / 31, 1);
  });

  it('tells of a rare error once, not in every window it recurs in, unless it bursts', () => {
    // One line in a hundred: rare line by line, yet found in most minutes of 50 lines.
    const steady = syntheticStream(120, [
      ...base,
      { id: 'gateway 502', level: 'error', perMinute: (m) => (m === 100 ? 6 : m % 2 === 0 ? 1 : 0) },
    ]);
    const results = run(steady);
    const flagged = results
      .filter((r) => r.anomalous && r.findings.some((f) => f.contributions[0]?.templateId === 'gateway 502'))
      .map((r) => r.scope.start / 60_000);
    // First seen during the warm-up; then news only when six arrive in one minute.
    expect(flagged).toEqual([100]);
  });

  it('flags a broken sequence in sessions', () => {
    const engine = new AnomalyEngine({ window: { by: 'count', size: 1000 }, sessions: { idle: 50 } });
    const steps = ['open', 'read', 'write', 'close'];
    let seq = 0;
    const emit = (session: number, step: string): void => {
      engine.process({
        sequence: seq++,
        source: 'svc',
        templateId: step,
        template: `${step} file <*>`,
        level: 'info',
        params: [{ type: 'id', value: `req-${(100000 + session).toString(16)}` }],
      });
    };
    for (let s = 0; s < 400; s++) for (const st of steps) emit(s, st);
    for (const st of ['open', 'write', 'read', 'close']) emit(400, st);
    for (let s = 401; s < 420; s++) for (const st of steps) emit(s, st);
    engine.flush();
    const sessions = engine.takeResults().filter((r) => r.scope.kind === 'session');
    const broken = sessions.find((r) => r.scope.key === `req-${(100400).toString(16)}`);
    expect(broken?.anomalous).toBe(true);
    expect(broken?.findings.some((f) => f.kind === 'session-sequence' && f.score >= 0.5)).toBe(true);
    expect(sessions.filter((r) => r.anomalous).length).toBe(1);
  });
});
