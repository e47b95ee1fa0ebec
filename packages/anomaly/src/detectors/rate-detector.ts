import { describeContributions, formatCount, quoteTemplate } from '../explanation.js';
import type { RawFinding } from '../session-view.js';
import type { TemplateIndex } from '../template-index.js';
import type { Contribution } from '../types.js';
import { holmAdjust } from '../multiple-testing.js';
import { LEVELS } from '../types.js';
import type { ClosedWindow } from '../window.js';
import { RateSeries, testRate } from './rate-baseline.js';
import type { RateSeriesState, RateTest } from './rate-baseline.js';

/** Series id of a source's total volume. */
const TOTAL = -1;
/** Series ids of levels are -2 - levelIndex. */
const levelSeries = (i: number): number => -2 - i;
const ERROR_LEVELS = new Set([LEVELS.indexOf('error'), LEVELS.indexOf('fatal')]);
/** Share of a source's expected window volume from which a change of ordinary lines has full impact. */
const MATERIAL_SHARE = 0.1;

/** A series whose count changed by at least the minimum effect, with its unadjusted test. */
interface Candidate {
  readonly id: number;
  readonly x: number;
  readonly mean: number;
  readonly test: RateTest;
}

/** Options of `RateDetector`. */
export interface RateOptions {
  /** EWMA weight of a new window. @default 0.05 */
  readonly lambda?: number;
  /** Windows a series must have seen before it is tested. @default 10 */
  readonly warmup?: number;
  /** Smallest change in events worth a finding; twice this is needed for full impact. @default 5 */
  readonly minDelta?: number;
  /** Template series tracked per source (memory bound). @default 2000 */
  readonly maxSeries?: number;
}

/** Serialised form of `RateDetector`. */
export type RateDetectorState = readonly (readonly [number, RateSeriesState])[];

/**
 * Rate changes per template, per level and for a source's total over time windows: spikes, drops, error
 * surges and silence, each against its own seasonal robust baseline.
 */
export class RateDetector {
  private readonly series = new Map<number, RateSeries>();
  private readonly lambda: number;
  private readonly warmup: number;
  private readonly minDelta: number;
  private readonly maxSeries: number;

  constructor(options: RateOptions = {}, state?: RateDetectorState) {
    this.lambda = options.lambda ?? 0.05;
    this.warmup = options.warmup ?? 10;
    this.minDelta = options.minDelta ?? 5;
    this.maxSeries = options.maxSeries ?? 2000;
    if (state) for (const [id, s] of state) this.series.set(id, new RateSeries(this.lambda, s));
  }

  /**
   * Slot `from` was merged into `into`: its baseline joins `into`'s, so the merged template is neither
   * reported as a drop to silence nor as a surge of the template it joined.
   */
  merge(from: number, into: number): void {
    const moved = this.series.get(from);
    if (!moved) return;
    this.series.delete(from);
    const kept = this.series.get(into);
    if (kept) kept.absorb(moved);
    else this.series.set(into, moved);
  }

  /**
   * Tests a closed window against the baselines, then learns it. The series tested together in a window form one
   * family: p-values are Holm-adjusted over all of them, so a window is falsely flagged with probability at most
   * alpha however many templates a source has. A partial window is tested for spikes only and not learned.
   */
  evaluate(w: ClosedWindow, index: TemplateIndex, levelOf: (slot: number) => number): RawFinding[] {
    const observe = (id: number): number => {
      if (id === TOTAL) return w.events;
      if (id < TOTAL) return w.levels[-2 - id] ?? 0;
      return w.counts.get(id) ?? 0;
    };
    for (const id of w.counts.keys()) {
      if (!this.series.has(id) && this.series.size < this.maxSeries + LEVELS.length + 1) {
        this.series.set(id, new RateSeries(this.lambda));
      }
    }
    if (!this.series.has(TOTAL)) this.series.set(TOTAL, new RateSeries(this.lambda));
    LEVELS.forEach((_, i) => {
      if (!this.series.has(levelSeries(i))) this.series.set(levelSeries(i), new RateSeries(this.lambda));
    });
    const candidates: Candidate[] = [];
    // What each series expected of this window, kept for the findings' contributions. A series younger than
    // the warm-up (a template first seen a few windows ago) counted 0 in the source's windows before it, so
    // its expectation is its mean spread over every window of the source, not its own few.
    const expected = new Map<number, number>();
    const sourceWindows = Math.max(1, this.series.get(TOTAL)?.windows ?? 1);
    let tested = 0;
    for (const [id, series] of this.series) {
      const e = series.expect(w.start);
      const young = e.observations < this.warmup;
      expected.set(id, young ? (e.mean * Math.min(series.windows, sourceWindows)) / sourceWindows : e.mean);
      if (young) continue;
      tested++;
      const x = observe(id);
      const test = testRate(x, e, this.minDelta, w.partial);
      if (test) candidates.push({ id, x, mean: e.mean, test });
    }
    let out: RawFinding[] = [];
    if (candidates.length > 0) {
      // Findings are built before learning, so their expected counts are what the window was tested against.
      const adjusted = holmAdjust(
        candidates.map((c) => c.test.pValue),
        tested,
      );
      const volume = expected.get(TOTAL) ?? 0;
      out = candidates.map((c, i) => ({
        ...this.finding(c, adjusted[i] ?? 1, w, expected, index, levelOf),
        weight: this.impact(c, volume, levelOf),
      }));
    }
    if (!w.partial) for (const [id, series] of this.series) series.update(observe(id), w.start);
    return out;
  }

  /**
   * How much a change matters, from 0.5 to 1: full for a change of at least twice the minimum effect in error
   * lines, or in other lines when it is also a material share of the source's traffic; a change of a few events
   * therefore stays below critical however improbable it is.
   */
  private impact(c: Candidate, volume: number, levelOf: (slot: number) => number): number {
    const level = c.id >= 0 ? levelOf(c.id) : c.id < TOTAL ? -2 - c.id : -1;
    const floor = 2 * this.minDelta;
    const need = ERROR_LEVELS.has(level) ? floor : Math.max(floor, MATERIAL_SHARE * volume);
    return 0.5 + 0.5 * Math.min(1, c.test.delta / need);
  }

  private finding(
    { id, x, mean, test }: Candidate,
    pValue: number,
    w: ClosedWindow,
    expected: ReadonlyMap<number, number>,
    index: TemplateIndex,
    levelOf: (slot: number) => number,
  ): RawFinding {
    const direction = test.direction;
    const expectedOf = (slot: number): number => Math.round((expected.get(slot) ?? 0) * 100) / 100;
    const row = (slot: number): Contribution => ({
      templateId: index.idOf(slot),
      template: index.templateOf(slot),
      expected: expectedOf(slot),
      actual: w.counts.get(slot) ?? 0,
    });
    // The templates that moved most in the direction of the change explain it; one that moved the other way
    // is named only when none moved with it.
    const sign = direction === 'up' ? 1 : -1;
    const moved = (filter: (slot: number) => boolean): Contribution[] => {
      const top = new TopMoved(3);
      for (const slot of w.counts.keys()) {
        if (filter(slot)) top.offer(slot, sign * ((w.counts.get(slot) ?? 0) - expectedOf(slot)));
      }
      for (const slot of this.series.keys()) {
        if (slot >= 0 && !w.counts.has(slot) && filter(slot)) top.offer(slot, -sign * expectedOf(slot));
      }
      return top.slots().map(row);
    };
    const numbers = `${formatCount(x)} events where about ${formatCount(mean)} were expected`;
    if (id >= 0) {
      const c = [row(id)];
      return {
        kind: direction === 'up' ? 'rate-spike' : x === 0 ? 'silence' : 'rate-drop',
        pValue,
        contributions: c,
        explanation: `${quoteTemplate(index.templateOf(id))} ${direction === 'up' ? 'spiked' : 'dropped'}: ${numbers} in this window.`,
      };
    }
    if (id === TOTAL) {
      const c = moved(() => true);
      return {
        kind: direction === 'up' ? 'rate-spike' : x === 0 ? 'silence' : 'rate-drop',
        pValue,
        contributions: c,
        explanation: `Log volume ${direction === 'up' ? 'spiked' : x === 0 ? 'went silent' : 'dropped'}: ${numbers}; most changed: ${describeContributions(c)}.`,
      };
    }
    const level = -2 - id;
    const c = moved((slot) => levelOf(slot) === level);
    const name = LEVELS[level] ?? 'unknown';
    return {
      kind: direction === 'up' ? (ERROR_LEVELS.has(level) ? 'error-surge' : 'rate-spike') : 'rate-drop',
      pValue,
      contributions: c,
      explanation: `${name}-level lines ${direction === 'up' ? 'surged' : 'dropped'}: ${numbers}; most changed: ${describeContributions(c)}.`,
    };
  }

  /** Plain JSON state. */
  toJSON(): RateDetectorState {
    return [...this.series].map(([id, s]) => [id, s.toJSON()] as const);
  }
}

/**
 * The `size` slots that moved most in one direction (largest `delta`), first offered first among equals: the
 * templates a level or volume change is explained by, found without building and sorting a row for every
 * template. Slots that moved the other way (delta ≤ 0) are named only when none moved this way.
 */
class TopMoved {
  private readonly kept: { slot: number; delta: number }[] = [];

  constructor(private readonly size: number) {}

  offer(slot: number, delta: number): void {
    const kept = this.kept;
    if (kept.length === this.size && delta <= (kept[kept.length - 1]?.delta ?? 0)) return;
    let at = kept.length;
    while (at > 0 && (kept[at - 1]?.delta ?? 0) < delta) at--;
    kept.splice(at, 0, { slot, delta });
    if (kept.length > this.size) kept.pop();
  }

  slots(): number[] {
    const forward = this.kept.filter((k) => k.delta > 0);
    return (forward.length > 0 ? forward : this.kept).map((k) => k.slot);
  }
}
