import type { CountHistogramState } from '../count-histogram.js';
import { CountHistogram } from '../count-histogram.js';
import { formatShare, quoteTemplate } from '../explanation.js';
import { END_SLOT, START_SLOT } from '../template-index.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding, SessionView } from '../session-view.js';
import { round } from '../session-view.js';

const KEY_BASE = 1 << 16;

/** Serialised form of `TransitionModel`. */
export interface TransitionModelState {
  readonly learned: number;
  readonly transitions: readonly (readonly [number, number])[];
  readonly from: readonly (readonly [number, number])[];
  readonly calibration: CountHistogramState;
}

/**
 * First-order sequence model over templates, with session start and end as states. A session's statistic is
 * its least likely transition; it is calibrated against the same statistic of learned sessions, each taken
 * before that session was learned, so the threshold comes from the data and unusual-but-normal orderings that
 * recur do not alert.
 */
export class TransitionModel {
  private readonly counts = new Map<number, number>();
  private readonly from = new Map<number, number>();
  private readonly calibration: CountHistogram;
  private learned = 0;

  constructor(
    private readonly warmup = 100,
    private readonly capacity = 200_000,
    state?: TransitionModelState,
  ) {
    this.calibration = state ? CountHistogram.fromJSON(state.calibration) : new CountHistogram();
    if (state) {
      this.learned = state.learned;
      for (const [k, c] of state.transitions) this.counts.set(k, c);
      for (const [k, c] of state.from) this.from.set(k, c);
    }
  }

  /** Learns a session's transitions (after recording how surprising it was, for calibration). */
  learn(view: SessionView): void {
    if (this.learned >= this.warmup) this.calibration.add(this.bucket(this.weakest(view).prob));
    this.learned++;
    let prev = START_SLOT;
    for (const s of view.slots) {
      this.add(prev * KEY_BASE + s, 1);
      prev = s;
    }
    this.add(prev * KEY_BASE + END_SLOT, 1);
    if (this.counts.size > this.capacity) this.prune();
  }

  /** Re-keys transitions of slot `from` to slot `into` (merged templates), summing counts. */
  merge(from: number, into: number): void {
    if (from === into) return;
    const moved: [number, number][] = [];
    for (const [k, c] of this.counts) {
      const a = Math.floor(k / KEY_BASE);
      const b = k % KEY_BASE;
      if (a !== from && b !== from) continue;
      this.counts.delete(k);
      moved.push([(a === from ? into : a) * KEY_BASE + (b === from ? into : b), c]);
    }
    for (const [k, c] of moved) this.counts.set(k, (this.counts.get(k) ?? 0) + c);
    const out = this.from.get(from);
    if (out !== undefined) {
      this.from.delete(from);
      this.from.set(into, (this.from.get(into) ?? 0) + out);
    }
  }

  /** Scores the least likely transition of a session. */
  score(view: SessionView, index: TemplateIndex): RawFinding {
    const w = this.weakest(view);
    const p =
      this.calibration.total === 0
        ? 1
        : Math.max(this.calibration.upperTail(this.bucket(w.prob)), 0.5 / (this.calibration.total + 1));
    const fromCount = this.from.get(w.prev) ?? 0;
    const contributions = [
      {
        templateId: index.idOf(w.next),
        template: index.templateOf(w.next),
        expected: round(w.prob),
        actual: 1,
      },
    ];
    const after =
      w.prev === START_SLOT ? 'opens the session' : `follows ${quoteTemplate(index.templateOf(w.prev))}`;
    const what =
      w.next === END_SLOT
        ? `ends right after ${quoteTemplate(index.templateOf(w.prev))}`
        : `has ${quoteTemplate(index.templateOf(w.next))} where it ${after}`;
    return {
      kind: 'session-sequence',
      pValue: Math.min(1, p),
      contributions,
      explanation: `Session ${view.key} ${what}, a step seen in ${formatShare((w.prob * (fromCount + 1) - 0.5) / Math.max(1, fromCount))} of ${fromCount} learned cases.`,
    };
  }

  private weakest(view: SessionView): { prev: number; next: number; prob: number } {
    let prev = START_SLOT;
    let best = { prev: START_SLOT, next: END_SLOT, prob: 1 };
    const step = (next: number): void => {
      const prob = ((this.counts.get(prev * KEY_BASE + next) ?? 0) + 0.5) / ((this.from.get(prev) ?? 0) + 1);
      if (prob < best.prob) best = { prev, next, prob };
      prev = next;
    };
    for (const s of view.slots) step(s);
    step(END_SLOT);
    return best;
  }

  /** Quarter-octave buckets of surprise: higher is less likely. */
  private bucket(prob: number): number {
    return Math.floor(-Math.log2(prob) * 4);
  }

  private add(key: number, c: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + c);
    const prev = Math.floor(key / KEY_BASE);
    this.from.set(prev, (this.from.get(prev) ?? 0) + c);
  }

  /** Drops transitions seen once to bound memory; their source totals stay, which keeps them unlikely. */
  private prune(): void {
    for (const [k, c] of this.counts) if (c <= 1) this.counts.delete(k);
  }

  /** Plain JSON state. */
  toJSON(): TransitionModelState {
    const transitions: [number, number][] = [];
    for (const [k, c] of this.counts) transitions.push([k, c]);
    return {
      learned: this.learned,
      transitions,
      from: [...this.from],
      calibration: this.calibration.toJSON(),
    };
  }
}
