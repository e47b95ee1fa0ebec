import { normalUpperTail } from '../scoring.js';

const HOUR = 3_600_000;
/** 1970-01-01 was a Thursday: shift so hour-of-week 0 is Monday 00:00 UTC. */
const WEEK_SHIFT = 72;
const SEASON_MIN = 3;

/** Serialised EWMA state: [mean, variance, observations]. */
type Moments = [number, number, number];

/** Serialised form of a `RateSeries`. */
export interface RateSeriesState {
  readonly global: Moments;
  readonly daily?: readonly number[];
  readonly weekly?: readonly number[];
}

/** Expected value and spread of a series for one window. */
export interface Expectation {
  readonly mean: number;
  readonly sd: number;
  readonly observations: number;
  readonly season: 'weekly' | 'daily' | 'none';
}

/**
 * Robust baseline of one count series (a template, a level, a source's total) over time windows: a global EWMA
 * of mean and variance with winsorised updates (a spike cannot drag the baseline up), plus hour-of-day and
 * hour-of-week profiles used once each hour slot has been seen three times, so a daily or weekly rhythm is
 * expected rather than alerted on. Hours are UTC.
 */
export class RateSeries {
  private readonly global: Moments;
  private daily: Float64Array | undefined;
  private weekly: Float64Array | undefined;

  constructor(
    private readonly lambda: number,
    state?: RateSeriesState,
  ) {
    this.global = state ? [...state.global] : [0, 0, 0];
    if (state?.daily) this.daily = Float64Array.from(state.daily);
    if (state?.weekly) this.weekly = Float64Array.from(state.weekly);
  }

  /** What the baseline expects for a window starting at `start` (epoch ms; no seasonality without it). */
  expect(start: number | undefined): Expectation {
    if (start !== undefined) {
      const hours = Math.floor(start / HOUR);
      const w = this.slot(this.weekly, (hours + WEEK_SHIFT) % 168);
      if (w) return { ...w, season: 'weekly' };
      const d = this.slot(this.daily, hours % 24);
      if (d) return { ...d, season: 'daily' };
    }
    const [mean, variance, n] = this.global;
    return { mean, sd: Math.sqrt(variance), observations: n, season: 'none' };
  }

  /** Learns a window's count. */
  update(x: number, start: number | undefined): void {
    const g = this.global;
    const clipped = g[2] >= 10 ? Math.min(x, g[0] + 4 * Math.sqrt(Math.max(g[1], g[0])) + 1) : x;
    this.moments(g, 0, g[2] === 0 ? 1 : this.lambda, clipped);
    if (start === undefined) return;
    const hours = Math.floor(start / HOUR);
    this.daily ??= new Float64Array(24 * 3);
    this.weekly ??= new Float64Array(168 * 3);
    this.seasonal(this.daily, hours % 24, clipped);
    this.seasonal(this.weekly, (hours + WEEK_SHIFT) % 168, clipped);
  }

  private seasonal(arr: Float64Array, slot: number, x: number): void {
    const n = arr[slot * 3 + 2] ?? 0;
    // Faster learning per slot: each slot is seen once a day or once a week.
    this.moments(arr, slot * 3, n === 0 ? 1 : 0.3, x);
  }

  private moments(arr: Moments | Float64Array, at: number, rate: number, x: number): void {
    const mean = arr[at] ?? 0;
    const variance = arr[at + 1] ?? 0;
    const diff = x - mean;
    const incr = rate * diff;
    arr[at] = mean + incr;
    arr[at + 1] = (1 - rate) * (variance + diff * incr);
    arr[at + 2] = (arr[at + 2] ?? 0) + 1;
  }

  private slot(arr: Float64Array | undefined, slot: number): Omit<Expectation, 'season'> | undefined {
    if (!arr || (arr[slot * 3 + 2] ?? 0) < SEASON_MIN) return undefined;
    return {
      mean: arr[slot * 3] ?? 0,
      sd: Math.sqrt(arr[slot * 3 + 1] ?? 0),
      observations: arr[slot * 3 + 2] ?? 0,
    };
  }

  /** Plain JSON state. */
  toJSON(): RateSeriesState {
    return {
      global: [...this.global],
      ...(this.daily ? { daily: [...this.daily] } : {}),
      ...(this.weekly ? { weekly: [...this.weekly] } : {}),
    };
  }
}

/** Direction and tail probability of an observation against an expectation. */
export interface RateTest {
  readonly direction: 'up' | 'down';
  readonly pValue: number;
}

/**
 * Tests a count against its expectation. The spread has a Poisson floor (counts are at least that noisy), and
 * changes smaller than `minDelta` events are ignored: rare templates are the novelty detector's job.
 */
export function testRate(x: number, e: Expectation, minDelta: number): RateTest | undefined {
  const sd = Math.max(e.sd, Math.sqrt(e.mean)) + 0.5;
  if (x - e.mean >= minDelta) return { direction: 'up', pValue: normalUpperTail((x - e.mean) / sd) };
  if (e.mean - x >= minDelta) return { direction: 'down', pValue: normalUpperTail((e.mean - x) / sd) };
  return undefined;
}
