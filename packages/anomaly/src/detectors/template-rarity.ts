import { describeContributions, formatShare } from '../explanation.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding, SessionView } from '../session-view.js';
import { round } from '../session-view.js';

/** Serialised form of `TemplateRarity`. */
export interface TemplateRarityState {
  readonly sessions: number;
  /** [slot, sessions containing it, total occurrences]. */
  readonly templates: readonly (readonly [number, number, number])[];
}

/**
 * Session-level rare templates: a session holding a template that appears in less than alpha of learned
 * sessions (never-seen templates included).
 */
export class TemplateRarity {
  private docFreq = new Float64Array(64);
  private totals = new Float64Array(64);
  private n = 0;

  /** Sessions learned. */
  get sessions(): number {
    return this.n;
  }

  /** Learns the templates a session holds. */
  learn(view: SessionView): void {
    this.n++;
    for (const [slot, c] of view.counts) {
      this.ensure(slot);
      this.docFreq[slot] = (this.docFreq[slot] ?? 0) + 1;
      this.totals[slot] = (this.totals[slot] ?? 0) + c;
    }
  }

  /** Folds slot `from` into `into` (merged templates); a session that held both is counted once at most. */
  merge(from: number, into: number): void {
    if (from === into || from >= this.docFreq.length) return;
    this.ensure(into);
    this.docFreq[into] = Math.min(this.n, (this.docFreq[into] ?? 0) + (this.docFreq[from] ?? 0));
    this.totals[into] = (this.totals[into] ?? 0) + (this.totals[from] ?? 0);
    this.docFreq[from] = 0;
    this.totals[from] = 0;
  }

  /** Mean count of a template per learned session. */
  meanCount(slot: number): number {
    return this.n === 0 ? 0 : (this.totals[slot] ?? 0) / this.n;
  }

  /** Slots present in at least half of the sessions: what a session is expected to hold. */
  commonSlots(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.docFreq.length; s++)
      if ((this.docFreq[s] ?? 0) * 2 >= this.n && this.n > 0) out.push(s);
    return out;
  }

  /** The rarest template of the session and its share of sessions. */
  score(view: SessionView, index: TemplateIndex): RawFinding {
    let best = -1;
    let bestP = 2;
    for (const slot of view.counts.keys()) {
      const p = ((this.docFreq[slot] ?? 0) + 0.5) / (this.n + 1);
      if (p < bestP) {
        bestP = p;
        best = slot;
      }
    }
    const df = this.docFreq[best] ?? 0;
    const contributions = [
      {
        templateId: index.idOf(best),
        template: index.templateOf(best),
        expected: round(this.meanCount(best)),
        actual: view.counts.get(best) ?? 0,
      },
    ];
    const what =
      df === 0
        ? `holds a template never seen in ${this.n} learned sessions`
        : `holds a template found in only ${formatShare(df / this.n)} of learned sessions`;
    return {
      kind: df === 0 ? 'new-template' : 'rare-template',
      pValue: Math.min(1, bestP),
      contributions,
      explanation: `Session ${view.key} ${what}: ${describeContributions(contributions, 1)}.`,
    };
  }

  private ensure(slot: number): void {
    if (slot < this.docFreq.length) return;
    let size = this.docFreq.length;
    while (size <= slot) size *= 2;
    const df = new Float64Array(size);
    df.set(this.docFreq);
    const tot = new Float64Array(size);
    tot.set(this.totals);
    this.docFreq = df;
    this.totals = tot;
  }

  /** Plain JSON state. */
  toJSON(): TemplateRarityState {
    const templates: [number, number, number][] = [];
    for (let s = 0; s < this.docFreq.length; s++) {
      const df = this.docFreq[s] ?? 0;
      if (df > 0) templates.push([s, df, this.totals[s] ?? 0]);
    }
    return { sessions: this.n, templates };
  }

  /** Rebuilds from `toJSON` output. */
  static fromJSON(state: TemplateRarityState): TemplateRarity {
    const r = new TemplateRarity();
    r.n = state.sessions;
    for (const [s, df, tot] of state.templates) {
      r.ensure(s);
      r.docFreq[s] = df;
      r.totals[s] = tot;
    }
    return r;
  }
}
