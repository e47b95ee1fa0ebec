import { describe, expect, it } from 'vitest';
import { AnomalyEngine } from './engine.js';
import type { EngineSnapshot } from './engine.js';
import type { AnomalyEvent, Level, TemplateLineage } from './types.js';

const OPTIONS = { window: { by: 'count' as const, size: 20 }, sessions: false as const };

function event(
  i: number,
  templateId: string,
  level: Level = 'error',
  change?: TemplateLineage,
): AnomalyEvent {
  return {
    sequence: i,
    source: 'svc',
    templateId,
    template: `${templateId} <*>`,
    level,
    params: [],
    ...(change ? { change } : {}),
  };
}

/** 300 ordinary lines, a few "disk" lines, then more ordinary lines. */
function history(): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let i = 0; i < 300; i++)
    out.push(event(i, i % 37 === 5 ? 'disk slow A' : 'ok', i % 37 === 5 ? 'error' : 'info'));
  return out;
}

describe('templates generalised by an online miner', () => {
  it('a generalised template keeps what was learned under its previous id', () => {
    const plain = new AnomalyEngine(OPTIONS);
    const carried = new AnomalyEngine(OPTIONS);
    for (const e of history()) {
      plain.process(e);
      carried.process(e);
    }
    const generalised = { kind: 'generalised' as const, previousId: 'disk slow A', mergedIds: [] };
    // Without the change the new id looks brand new; with it, it is the known (rare but seen) template.
    expect(plain.process(event(300, 'disk slow *'))).toBeGreaterThan(0.5);
    const score = carried.process(event(300, 'disk slow *', 'error', generalised));
    expect(score).toBeLessThan(0.5);
    const snap = carried.snapshot();
    const tpl = snap.sources[0]!.model.index;
    expect(tpl.ids).toContain('disk slow *');
    expect(tpl.ids).not.toContain('disk slow A');
  });

  it('templates folded into a generalised one add their counts to it', () => {
    const e = new AnomalyEngine(OPTIONS);
    let i = 0;
    for (; i < 200; i++) e.process(event(i, 'ok', 'info'));
    for (let k = 0; k < 3; k++) e.process(event(i++, 'disk slow A'));
    for (let k = 0; k < 3; k++) e.process(event(i++, 'disk slow B'));
    const change = { kind: 'generalised' as const, previousId: 'disk slow A', mergedIds: ['disk slow B'] };
    e.process(event(i++, 'disk slow *', 'error', change));
    const novelty = e.snapshot().sources[0]!.novelty;
    const index = e.snapshot().sources[0]!.model.index;
    // Stored ids start after the overflow slot (0).
    const slot = 1 + index.ids.indexOf('disk slow *');
    expect(novelty.counts.find(([s]) => s === slot)?.[1]).toBe(7);
    // A later line with an old id lands in the same slot.
    e.process(event(i++, 'disk slow B'));
    expect(e.snapshot().sources[0]!.novelty.counts.find(([s]) => s === slot)?.[1]).toBe(8);
  });

  it('a window counts a template folded into another under the one it joined', () => {
    const e = new AnomalyEngine(OPTIONS);
    let i = 0;
    for (; i < 300; i++) e.process(event(i, 'ok', 'info'));
    e.takeResults();
    // One window: two new error templates, then the miner folds both into a third.
    for (let k = 0; k < 3; k++) e.process(event(i++, 'disk slow A'));
    for (let k = 0; k < 3; k++) e.process(event(i++, 'disk slow B'));
    const change = { kind: 'generalised' as const, previousId: 'disk slow A', mergedIds: ['disk slow B'] };
    e.process(event(i++, 'disk slow *', 'error', change));
    while (i < 320) e.process(event(i++, 'ok', 'info'));
    const window = e.takeResults().find((r) => r.scope.start === 300);
    expect(window?.anomalous).toBe(true);
    const named = window!.findings.flatMap((f) => f.contributions.map((c) => c.templateId));
    expect(named).toContain('disk slow *');
    expect(named).not.toContain('disk slow A');
    expect(named).not.toContain('disk slow B');
  });

  it('the rate baseline of a folded template joins the one it was folded into', () => {
    const MINUTE = 60_000;
    const timed = (t: number, templateId: string, change?: TemplateLineage): AnomalyEvent => ({
      ...event(t, templateId, 'info', change),
      timestamp: t,
    });
    const e = new AnomalyEngine({ window: { by: 'time', size: MINUTE }, sessions: false });
    // Two templates at 10 a minute each for an hour.
    let t = 0;
    for (let minute = 0; minute < 60; minute++) {
      for (let k = 0; k < 10; k++) {
        e.process(timed((t = minute * MINUTE + k * 5_000), 'queue A'));
        e.process(timed(t + 1, 'queue B'));
      }
    }
    e.takeResults();
    // The miner folds both into one template, which then carries 20 a minute: neither a surge nor a drop.
    const change = { kind: 'generalised' as const, previousId: 'queue A', mergedIds: ['queue B'] };
    e.process(timed(60 * MINUTE, 'queue *', change));
    for (let minute = 60; minute < 70; minute++) {
      for (let k = minute === 60 ? 1 : 0; k < 20; k++)
        e.process(timed(minute * MINUTE + k * 2_500, 'queue *'));
    }
    e.flush();
    const rates = e
      .takeResults()
      .filter((r) => r.anomalous)
      .map((r) => `${r.kind}: ${r.explanation}`);
    expect(rates).toEqual([]);
  });

  it('aliases survive a snapshot and scores continue identically', () => {
    const a = new AnomalyEngine(OPTIONS);
    const events = history();
    events.push(event(300, 'disk slow *', 'error', { kind: 'generalised', previousId: 'disk slow A' }));
    for (const e of events) a.process(e);
    a.takeResults();
    const b = AnomalyEngine.restore(JSON.parse(JSON.stringify(a.snapshot())) as EngineSnapshot);
    const rest = [event(301, 'disk slow A'), event(302, 'disk slow *'), event(303, 'new thing')];
    expect(rest.map((e) => b.process(e))).toEqual(rest.map((e) => a.process(e)));
    a.flush();
    b.flush();
    expect(b.takeResults()).toEqual(a.takeResults());
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});
