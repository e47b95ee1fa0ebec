import { describeContributions, formatCount, quoteTemplate } from '../explanation.js';
import type { RawFinding } from '../session-view.js';
import type { TemplateIndex } from '../template-index.js';
import type { Contribution } from '../types.js';
import { LEVELS } from '../types.js';
import type { ClosedWindow } from '../window.js';
import { RateSeries, testRate } from './rate-baseline.js';
import type { RateSeriesState } from './rate-baseline.js';

/** Series id of a source's total volume. */
const TOTAL = -1;
/** Series ids of levels are -2 - levelIndex. */
const levelSeries = (i: number): number => -2 - i;
const ERROR_LEVELS = new Set([LEVELS.indexOf('error'), LEVELS.indexOf('fatal')]);

/** Options of `RateDetector`. */
export interface RateOptions {
  /** EWMA weight of a new window. @default 0.05 */
  readonly lambda?: number;
  /** Windows a series must have seen before it is tested. @default 10 */
  readonly warmup?: number;
  /** Smallest change in events worth a finding. @default 5 */
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

  /** Tests a closed window against the baselines, then learns it. */
  evaluate(w: ClosedWindow, index: TemplateIndex, levelOf: (slot: number) => number): RawFinding[] {
    const out: RawFinding[] = [];
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
    for (const [id, series] of this.series) {
      const x = observe(id);
      const e = series.expect(w.start);
      if (e.observations >= this.warmup) {
        const t = testRate(x, e, this.minDelta);
        if (t) out.push(this.finding(id, x, e.mean, t.direction, t.pValue, w, index, levelOf));
      }
      series.update(x, w.start);
    }
    return out;
  }

  private finding(
    id: number,
    x: number,
    mean: number,
    direction: 'up' | 'down',
    pValue: number,
    w: ClosedWindow,
    index: TemplateIndex,
    levelOf: (slot: number) => number,
  ): RawFinding {
    const expectedOf = (slot: number): number => this.series.get(slot)?.expect(w.start).mean ?? 0;
    const row = (slot: number): Contribution => ({
      templateId: index.idOf(slot),
      template: index.templateOf(slot),
      expected: Math.round(expectedOf(slot) * 100) / 100,
      actual: w.counts.get(slot) ?? 0,
    });
    const moved = (filter: (slot: number) => boolean): Contribution[] => {
      const slots = new Set<number>();
      for (const slot of w.counts.keys()) if (filter(slot)) slots.add(slot);
      for (const slot of this.series.keys()) if (slot >= 0 && filter(slot)) slots.add(slot);
      return [...slots]
        .map(row)
        .sort((a, b) => Math.abs(b.actual - b.expected) - Math.abs(a.actual - a.expected))
        .slice(0, 3);
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
