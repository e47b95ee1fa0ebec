import { describeContributions, formatShare } from '../explanation.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding, SessionView } from '../session-view.js';
import { deviations } from '../session-view.js';

/** Serialised form of `SessionPattern`. */
export interface SessionPatternState {
  readonly sessions: number;
  readonly pruned: number;
  readonly patterns: readonly (readonly [string, number])[];
}

/**
 * Count-vector novelty. A session's pattern is its set of templates with counts on a log2 scale (3 and 4 alike,
 * 3 and 30 not), so near neighbours share a pattern. The p-value is the learned mass of patterns that are at
 * most as common as this one (a level-set tail); a never-seen pattern gets the Good–Turing probability of
 * novelty (the share of sessions whose pattern was seen once), so systems whose sessions are all unique do not
 * alert on uniqueness.
 */
export class SessionPattern {
  private readonly support = new Map<string, number>();
  /** Number of patterns per support value, to compute level-set tails without scanning patterns. */
  private readonly bySupport = new Map<number, number>();
  private n = 0;
  /** Sessions whose patterns were dropped to keep memory bounded. */
  private pruned = 0;

  constructor(private readonly capacity = 50_000) {}

  /** Pattern key of a session. */
  static keyOf(view: SessionView): string {
    const parts: number[] = [];
    for (const [slot, c] of view.counts) parts.push(slot * 64 + Math.ceil(Math.log2(c + 1)));
    parts.sort((a, b) => a - b);
    return parts.join(',');
  }

  /** Learns one session. */
  learn(view: SessionView): void {
    const key = SessionPattern.keyOf(view);
    const s = this.support.get(key) ?? 0;
    if (s > 0) this.bump(s, -1);
    this.bump(s + 1, 1);
    this.support.set(key, s + 1);
    this.n++;
    if (this.support.size > this.capacity) this.prune();
  }

  /** Scores one session against what was learned. */
  score(
    view: SessionView,
    index: TemplateIndex,
    expectedOf: (slot: number) => number,
    common: number[],
  ): RawFinding {
    const s = this.support.get(SessionPattern.keyOf(view)) ?? 0;
    let p: number;
    if (s === 0) {
      p = ((this.bySupport.get(1) ?? 0) + 0.5) / (this.n + 1);
    } else {
      let mass = this.pruned;
      for (const [support, patterns] of this.bySupport) if (support <= s) mass += support * patterns;
      p = mass / Math.max(1, this.n);
    }
    const contributions = deviations(view, index, expectedOf, common);
    const seen =
      s === 0
        ? 'a mix of templates never seen before'
        : `a mix of templates shared by ${formatShare(p)} of sessions`;
    return {
      kind: 'session-novelty',
      pValue: Math.min(1, p),
      contributions,
      explanation: `Session ${view.key} has ${seen}: ${describeContributions(contributions)}.`,
    };
  }

  private bump(support: number, delta: number): void {
    const v = (this.bySupport.get(support) ?? 0) + delta;
    if (v === 0) this.bySupport.delete(support);
    else this.bySupport.set(support, v);
  }

  /** Drops the patterns seen once; their mass is kept so p-values stay conservative. */
  private prune(): void {
    for (const [key, s] of this.support) {
      if (s === 1) {
        this.support.delete(key);
        this.pruned++;
      }
    }
    this.bySupport.delete(1);
  }

  /** Plain JSON state. */
  toJSON(): SessionPatternState {
    return { sessions: this.n, pruned: this.pruned, patterns: [...this.support] };
  }

  /** Rebuilds from `toJSON` output. */
  static fromJSON(state: SessionPatternState, capacity?: number): SessionPattern {
    const p = new SessionPattern(capacity);
    for (const [key, s] of state.patterns) {
      p.support.set(key, s);
      p.bump(s, 1);
    }
    p.n = state.sessions;
    p.pruned = state.pruned;
    return p;
  }
}
