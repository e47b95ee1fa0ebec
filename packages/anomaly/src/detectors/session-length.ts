import { formatShare } from '../explanation.js';
import type { CountHistogramState } from '../count-histogram.js';
import { CountHistogram } from '../count-histogram.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding, SessionView } from '../session-view.js';
import { deviations } from '../session-view.js';

/** Unusual session length: two-sided empirical tail of the learned lengths. */
export class SessionLength {
  private readonly lengths: CountHistogram;

  constructor(state?: CountHistogramState) {
    this.lengths = state ? CountHistogram.fromJSON(state) : new CountHistogram();
  }

  /** Learns a session's length. */
  learn(view: SessionView): void {
    this.lengths.add(view.slots.length);
  }

  /** Scores a session's length. */
  score(
    view: SessionView,
    index: TemplateIndex,
    expectedOf: (slot: number) => number,
    common: number[],
  ): RawFinding {
    const len = view.slots.length;
    const n = this.lengths.total;
    const lower = this.lengths.lowerTail(len);
    const upper = this.lengths.upperTail(len);
    const p = Math.max(Math.min(lower, upper), 0.5 / (n + 1));
    const typical = this.lengths.median() ?? 0;
    const direction = len < typical ? 'shorter' : 'longer';
    const share = formatShare(Math.min(lower, upper));
    return {
      kind: 'session-length',
      pValue: Math.min(1, p),
      contributions: deviations(view, index, expectedOf, common),
      explanation: `Session ${view.key} has ${len} events where learned sessions typically have ${typical}; only ${share} were this ${direction}.`,
    };
  }

  /** Plain JSON state. */
  toJSON(): CountHistogramState {
    return this.lengths.toJSON();
  }
}
