import type { CountHistogramState } from '../count-histogram.js';
import { CountHistogram } from '../count-histogram.js';
import { formatShare, quoteTemplate } from '../explanation.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding, SessionView } from '../session-view.js';
import { round } from '../session-view.js';

const KEY_BASE = 1 << 16;
/** Distinct templates of a session whose order is learned and checked: bounds the work to ~2,000 pairs. */
const MAX_DISTINCT = 64;

/** Serialised form of `PrecedenceModel`. */
export interface PrecedenceModelState {
  readonly learned: number;
  /** [unordered pair, sessions that held both templates]. */
  readonly together: readonly (readonly [number, number])[];
  /** [ordered pair a→b, sessions in which a first occurred before b]. */
  readonly before: readonly (readonly [number, number])[];
  readonly calibration: CountHistogramState;
}

/** The most surprising order in a session: `early` first occurred before `late`, which is rarely so. */
interface Order {
  readonly early: number;
  readonly late: number;
  /** Smoothed share of learned sessions holding both in which `early` came first. */
  readonly prob: number;
  /** Learned sessions that held both. */
  readonly together: number;
}

const pairKey = (a: number, b: number): number => (a < b ? a * KEY_BASE + b : b * KEY_BASE + a);

/** A session's templates in the order of their first occurrence. */
function firstOccurrences(view: SessionView): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  for (const s of view.slots) {
    if (seen.has(s)) continue;
    seen.add(s);
    order.push(s);
    if (order.length === MAX_DISTINCT) break;
  }
  return order;
}

/**
 * Sequence model over which template's first occurrence comes before which (for every pair of templates a
 * session holds). Unlike transitions between neighbouring lines, this order does not change when the lines
 * of concurrent actors (replicas, threads, pods) interleave differently, while a step done before the one it
 * depends on still shows. A session's statistic is its least likely order; it is calibrated against the same
 * statistic of learned sessions, each taken before that session was learned, so orders that recur do not
 * alert.
 */
export class PrecedenceModel {
  private readonly together = new Map<number, number>();
  private readonly before = new Map<number, number>();
  private readonly calibration: CountHistogram;
  private learned = 0;

  constructor(
    private readonly warmup = 100,
    private readonly capacity = 200_000,
    state?: PrecedenceModelState,
  ) {
    this.calibration = state ? CountHistogram.fromJSON(state.calibration) : new CountHistogram();
    if (state) {
      this.learned = state.learned;
      for (const [k, c] of state.together) this.together.set(k, c);
      for (const [k, c] of state.before) this.before.set(k, c);
    }
  }

  /** Learns a session's orders (after recording how surprising it was, for calibration). */
  learn(view: SessionView): void {
    const firsts = firstOccurrences(view);
    if (this.learned >= this.warmup) this.calibration.add(bucket(this.weakest(firsts).prob));
    this.learned++;
    for (let i = 0; i < firsts.length; i++) {
      const a = firsts[i] as number;
      for (let j = i + 1; j < firsts.length; j++) {
        const b = firsts[j] as number;
        increment(this.together, pairKey(a, b), 1);
        increment(this.before, a * KEY_BASE + b, 1);
      }
    }
    if (this.together.size > this.capacity) this.prune();
  }

  /** Re-keys the orders of slot `from` to slot `into` (merged templates), summing counts. */
  merge(from: number, into: number): void {
    if (from === into) return;
    rekey(this.together, from, into, pairKey);
    rekey(this.before, from, into, (a, b) => a * KEY_BASE + b);
  }

  /** Scores the least likely order of a session. */
  score(view: SessionView, index: TemplateIndex): RawFinding {
    const firsts = firstOccurrences(view);
    if (firsts.length < 2) {
      const explanation = `Session ${view.key} holds one template: no order to check.`;
      return { kind: 'session-sequence', pValue: 1, contributions: [], explanation };
    }
    const w = this.weakest(firsts);
    const p =
      this.calibration.total === 0
        ? 1
        : Math.max(this.calibration.upperTail(bucket(w.prob)), 0.5 / (this.calibration.total + 1));
    const early = index.templateOf(w.early);
    const late = index.templateOf(w.late);
    const seen = w.together === 0 ? 0 : (w.prob * (w.together + 1) - 0.5) / w.together;
    return {
      kind: 'session-sequence',
      pValue: Math.min(1, p),
      contributions: [
        { templateId: index.idOf(w.early), template: early, expected: round(w.prob), actual: 1 },
        { templateId: index.idOf(w.late), template: late, expected: round(1 - w.prob), actual: 0 },
      ],
      explanation: `Session ${view.key} has ${quoteTemplate(early)} before any ${quoteTemplate(late)}, an order seen in ${formatShare(seen)} of ${w.together} learned sessions that had both.`,
    };
  }

  private weakest(firsts: readonly number[]): Order {
    let best: Order = { early: firsts[0] ?? 0, late: firsts[1] ?? 0, prob: 1, together: 0 };
    for (let i = 0; i < firsts.length; i++) {
      const a = firsts[i] as number;
      for (let j = i + 1; j < firsts.length; j++) {
        const b = firsts[j] as number;
        const together = this.together.get(pairKey(a, b)) ?? 0;
        const prob = ((this.before.get(a * KEY_BASE + b) ?? 0) + 0.5) / (together + 1);
        if (prob < best.prob) best = { early: a, late: b, prob, together };
      }
    }
    return best;
  }

  /** Drops pairs seen together once to bound memory: an order never learned is not a surprise. */
  private prune(): void {
    for (const [k, c] of this.together) {
      if (c > 1) continue;
      this.together.delete(k);
      const a = Math.floor(k / KEY_BASE);
      const b = k % KEY_BASE;
      this.before.delete(a * KEY_BASE + b);
      this.before.delete(b * KEY_BASE + a);
    }
  }

  /** Plain JSON state. */
  toJSON(): PrecedenceModelState {
    return {
      learned: this.learned,
      together: [...this.together],
      before: [...this.before],
      calibration: this.calibration.toJSON(),
    };
  }
}

/** Quarter-octave buckets of surprise: higher is less likely. */
function bucket(prob: number): number {
  return Math.floor(-Math.log2(prob) * 4);
}

function increment(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Moves every key that involves `from` to the same key with `into`; a pair of `into` with itself is dropped. */
function rekey(
  map: Map<number, number>,
  from: number,
  into: number,
  keyOf: (a: number, b: number) => number,
): void {
  const moved: [number, number][] = [];
  for (const [k, c] of map) {
    const a = Math.floor(k / KEY_BASE);
    const b = k % KEY_BASE;
    if (a !== from && b !== from) continue;
    map.delete(k);
    const a2 = a === from ? into : a;
    const b2 = b === from ? into : b;
    if (a2 !== b2) moved.push([keyOf(a2, b2), c]);
  }
  for (const [k, c] of moved) increment(map, k, c);
}
