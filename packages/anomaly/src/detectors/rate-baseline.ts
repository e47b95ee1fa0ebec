import { countLowerTail, countUpperTail } from '../count-tails.js';

const HOUR = 3_600_000;
/** 1970-01-01 was a Thursday: shift so hour-of-week 0 is Monday 00:00 UTC. */
const WEEK_SHIFT = 72;
/** Distinct days (or weeks) an hour slot must have been seen on before it is trusted. */
const SEASON_MIN = 3;
/** Learning rate of an hour slot per day (or week) it is seen: a rhythm is learned in a few periods. */
const SEASON_RATE = 0.3;
/** Per hour slot: [mean, variance, windows, periods seen, last period + 1]. */
const STRIDE = 5;

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
  /** Variance of the learned counts (not yet floored at Poisson noise). */
  readonly variance: number;
  readonly observations: number;
  /** Effective number of windows behind the estimate (an EWMA remembers about (2 - rate) / rate). */
  readonly effective: number;
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
    // Profiles of an older layout are dropped and relearned rather than misread.
    if (state?.daily?.length === 24 * STRIDE) this.daily = Float64Array.from(state.daily);
    if (state?.weekly?.length === 168 * STRIDE) this.weekly = Float64Array.from(state.weekly);
  }

  /** Windows learned so far. */
  get windows(): number {
    return this.global[2];
  }

  /** What the baseline expects for a window starting at `start` (epoch ms; no seasonality without it). */
  expect(start: number | undefined): Expectation {
    if (start !== undefined) {
      const hours = Math.floor(start / HOUR);
      const w = this.slot(this.weekly, (hours + WEEK_SHIFT) % 168, 'weekly');
      if (w) return w;
      const d = this.slot(this.daily, hours % 24, 'daily');
      if (d) return d;
    }
    const [mean, variance, n] = this.global;
    return { mean, variance, observations: n, effective: effective(n, this.lambda), season: 'none' };
  }

  /**
   * Takes in the baseline of a series whose events now count in this one (merged templates): means and
   * variances add up, as for independent counts; the history is as long as the longer of the two.
   */
  absorb(other: RateSeries): void {
    addMoments(this.global, 0, other.global, 0);
    if (other.daily) addProfile((this.daily ??= new Float64Array(24 * STRIDE)), other.daily);
    if (other.weekly) addProfile((this.weekly ??= new Float64Array(168 * STRIDE)), other.weekly);
  }

  /** Learns a window's count. */
  update(x: number, start: number | undefined): void {
    const g = this.global;
    const clipped = g[2] >= 10 ? Math.min(x, g[0] + 4 * Math.sqrt(Math.max(g[1], g[0])) + 1) : x;
    this.moments(g, 0, this.lambda, clipped);
    if (start === undefined) return;
    const hours = Math.floor(start / HOUR);
    this.daily ??= new Float64Array(24 * STRIDE);
    this.weekly ??= new Float64Array(168 * STRIDE);
    this.seasonal(this.daily, hours % 24, Math.floor(hours / 24), clipped);
    this.seasonal(this.weekly, (hours + WEEK_SHIFT) % 168, Math.floor((hours + WEEK_SHIFT) / 168), clipped);
  }

  /**
   * Learns an hour slot. A slot sees many windows per day (60 one-minute windows), so both its trust and its
   * learning rate are counted in days (weeks), not windows: otherwise a slot would be "learned" three minutes
   * into its first hour and would forget all but its last few windows.
   */
  private seasonal(arr: Float64Array, slot: number, period: number, x: number): void {
    const at = slot * STRIDE;
    if ((arr[at + 4] ?? 0) !== period + 1) {
      arr[at + 3] = (arr[at + 3] ?? 0) + 1;
      arr[at + 4] = period + 1;
    }
    const windowsPerPeriod = ((arr[at + 2] ?? 0) + 1) / (arr[at + 3] ?? 1);
    this.moments(arr, at, SEASON_RATE / windowsPerPeriod, x);
  }

  private moments(arr: Moments | Float64Array, at: number, floor: number, x: number): void {
    const mean = arr[at] ?? 0;
    const variance = arr[at + 1] ?? 0;
    const n = arr[at + 2] ?? 0;
    // A plain running mean and variance until the EWMA's memory is reached: an EWMA started from zero
    // under-states the variance of a young series (by 60% after 10 windows), which made early windows alert.
    const rate = Math.max(floor, 1 / (n + 1));
    const diff = x - mean;
    const incr = rate * diff;
    arr[at] = mean + incr;
    arr[at + 1] = (1 - rate) * (variance + diff * incr);
    arr[at + 2] = (arr[at + 2] ?? 0) + 1;
  }

  private slot(
    arr: Float64Array | undefined,
    slot: number,
    season: Expectation['season'],
  ): Expectation | undefined {
    const at = slot * STRIDE;
    if (!arr || (arr[at + 3] ?? 0) < SEASON_MIN) return undefined;
    const observations = arr[at + 2] ?? 0;
    const rate = SEASON_RATE / (observations / (arr[at + 3] ?? 1));
    return {
      mean: arr[at] ?? 0,
      variance: arr[at + 1] ?? 0,
      observations,
      effective: effective(observations, rate),
      season,
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

/** Adds the mean and variance at `b` to those at `a`, keeping the larger window count. */
function addMoments(a: Moments | Float64Array, at: number, b: Moments | Float64Array, bt: number): void {
  a[at] = (a[at] ?? 0) + (b[bt] ?? 0);
  a[at + 1] = (a[at + 1] ?? 0) + (b[bt + 1] ?? 0);
  a[at + 2] = Math.max(a[at + 2] ?? 0, b[bt + 2] ?? 0);
}

/** Adds hour-slot profile `b` into `a`; periods seen and the last period are the larger of the two. */
function addProfile(a: Float64Array, b: Float64Array): void {
  for (let at = 0; at < a.length; at += STRIDE) {
    addMoments(a, at, b, at);
    a[at + 3] = Math.max(a[at + 3] ?? 0, b[at + 3] ?? 0);
    a[at + 4] = Math.max(a[at + 4] ?? 0, b[at + 4] ?? 0);
  }
}

function effective(n: number, rate: number): number {
  return Math.min(n, (2 - rate) / rate);
}

/** Direction, size and tail probability of an observation against an expectation. */
export interface RateTest {
  readonly direction: 'up' | 'down';
  readonly pValue: number;
  /** |observed - expected| in events. */
  readonly delta: number;
}

/**
 * Tests a count against its expectation with an exact count tail. Over-dispersion is estimated from the series'
 * own history: the dispersion index variance / mean (never below 1, the Poisson floor) sets a negative binomial,
 * and the variance is widened by 1 / effective windows for the uncertainty of the learned mean. Changes smaller
 * than `minDelta` events are not tested: rare templates are the novelty detector's job. `partial` windows (cut
 * short by the end of the stream) are only tested for spikes, against a full window's expectation.
 */
export function testRate(x: number, e: Expectation, minDelta: number, partial = false): RateTest | undefined {
  const delta = Math.abs(x - e.mean);
  if (delta < minDelta || (partial && x < e.mean)) return undefined;
  const variance = Math.max(e.variance, e.mean) * (1 + 1 / Math.max(1, e.effective));
  const dispersion = e.mean > 0 ? variance / e.mean : 1;
  return x > e.mean
    ? { direction: 'up', delta, pValue: countUpperTail(x, e.mean, dispersion) }
    : { direction: 'down', delta, pValue: countLowerTail(x, e.mean, dispersion) };
}
