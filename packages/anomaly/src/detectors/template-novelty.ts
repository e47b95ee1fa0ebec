import { countUpperTail } from '../count-tails.js';
import { formatCount, formatShare, quoteTemplate } from '../explanation.js';
import { LEVEL_WEIGHT, pValueToScore } from '../scoring.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding } from '../session-view.js';
import type { Level } from '../types.js';

/** Serialised form of `TemplateNovelty`. */
export interface TemplateNoveltyState {
  readonly events: number;
  readonly counts: readonly (readonly [number, number])[];
  /** [slot, level family] of every template seen (the level it was first seen with). */
  readonly families?: readonly (readonly [number, number])[];
}

/** What the detector noted about one event, kept for the window's explanation. */
export interface NoveltyNote {
  readonly slot: number;
  readonly level: Level;
  readonly score: number;
  readonly seenBefore: number;
  readonly eventsBefore: number;
  /** p-value behind the score (the novelty rate of the level family for a new template). */
  readonly pValue: number;
}

/** Level families whose novelty rates are learned apart: errors, warnings, the rest. */
const FAMILY: Readonly<Record<Level, number>> = {
  trace: 2,
  debug: 2,
  info: 2,
  warn: 1,
  error: 0,
  fatal: 0,
  unknown: 1,
};
const FAMILIES = 3;

/**
 * New and rare templates, per event and online. A template seen before is judged by its own smoothed frequency
 * in the stream so far. A never-seen template has no frequency of its own; its p-value is the Good–Turing
 * probability that the next event of its level family is new (templates of that family seen exactly once, per
 * event), so a source that keeps producing new error patterns makes each one less surprising, while one that
 * never did alerts on its first. Scores are weighted by level (a new info pattern informs, a new error pattern
 * alerts). Silent during a warm-up, since nothing can be rare before ~1/alpha events were seen.
 */
export class TemplateNovelty {
  private counts = new Float64Array(256);
  private family = new Uint8Array(256);
  /** Templates seen exactly once, per level family. */
  private readonly singletons = new Float64Array(FAMILIES);
  private n = 0;
  private lastP = 1;

  constructor(
    private readonly alpha: number,
    private readonly warmup: number,
    state?: TemplateNoveltyState,
  ) {
    if (state) {
      this.n = state.events;
      for (const [slot, f] of state.families ?? []) {
        this.ensure(slot);
        this.family[slot] = f;
      }
      for (const [slot, c] of state.counts) {
        this.ensure(slot);
        this.counts[slot] = c;
        if (c === 1) this.bumpSingletons(slot, 1);
      }
    }
  }

  /** Events seen. */
  get events(): number {
    return this.n;
  }

  /** Times a template was seen. */
  countOf(slot: number): number {
    return this.counts[slot] ?? 0;
  }

  /** p-value of an event of `level` whose template was seen `before` times, given what was seen so far. */
  pValue(before: number, level: Level): number {
    if (before > 0) return (before + 0.5) / (this.n + 1);
    return ((this.singletons[FAMILY[level]] ?? 0) + 0.5) / (this.n + 1);
  }

  /** p-value of the last observed event (1 during warm-up or when far from significant). */
  get lastPValue(): number {
    return this.lastP;
  }

  /** Scores an event with what was seen before it, then counts it; 0 when far from significant. */
  observe(slot: number, level: Level): number {
    if (slot >= this.counts.length) this.ensure(slot);
    const before = this.counts[slot] ?? 0;
    const n = this.n;
    // Far from significant for a seen template: skip the rest of the arithmetic on the hot path.
    const quick = before > 0 && (before + 0.5) / (n + 1) >= this.alpha * 4;
    const p = n < this.warmup || quick ? 1 : this.pValue(before, level);
    this.lastP = p;
    this.count(slot, before, level);
    if (p >= this.alpha * 4) return 0;
    return pValueToScore(p, this.alpha) * LEVEL_WEIGHT[level];
  }

  /** Folds what was learned about slot `from` into slot `into` (an online miner merged the templates). */
  merge(from: number, into: number): void {
    if (from === into) return;
    this.ensure(Math.max(from, into));
    const a = this.counts[from] ?? 0;
    const b = this.counts[into] ?? 0;
    if (a === 0) return;
    if (a === 1) this.bumpSingletons(from, -1);
    if (b === 1) this.bumpSingletons(into, -1);
    if (b === 0) this.family[into] = this.family[from] ?? 0;
    this.counts[from] = 0;
    this.counts[into] = a + b;
    if (a + b === 1) this.bumpSingletons(into, 1);
  }

  /**
   * A finding for a noted event: expected vs actual occurrences in a window of `windowEvents`. A new template is
   * judged by the event's own p-value (how often a new pattern of its level family appears). A rare one is
   * judged by its count in the window, a Poisson tail at its frequency so far: a pattern of 1 event in 100
   * occurs in most windows of a few hundred events, so its occurring there is no surprise, however rare each
   * single event is.
   */
  finding(note: NoveltyNote, actual: number, windowEvents: number, index: TemplateIndex): RawFinding {
    const expected = windowEvents * note.pValue;
    const template = index.templateOf(note.slot);
    const isNew = note.seenBefore === 0;
    const pValue = isNew ? note.pValue : Math.max(note.pValue, countUpperTail(actual, expected, 1));
    const history = isNew
      ? `never seen in the previous ${note.eventsBefore} events (new ${note.level}-level patterns appear in ${formatShare(note.pValue)} of events)`
      : `seen only ${note.seenBefore} times in the previous ${note.eventsBefore} events`;
    return {
      kind: isNew ? 'new-template' : 'rare-template',
      pValue,
      contributions: [
        { templateId: index.idOf(note.slot), template, expected: Math.round(expected * 1000) / 1000, actual },
      ],
      explanation: `${isNew ? 'New' : 'Rare'} ${note.level}-level pattern ${quoteTemplate(template)} occurred ${formatCount(actual)}× here, ${history}.`,
    };
  }

  private count(slot: number, before: number, level: Level): void {
    if (before === 0) {
      this.family[slot] = FAMILY[level];
      this.bumpSingletons(slot, 1);
    } else if (before === 1) this.bumpSingletons(slot, -1);
    this.counts[slot] = before + 1;
    this.n++;
  }

  private bumpSingletons(slot: number, delta: number): void {
    const f = this.family[slot] ?? 0;
    this.singletons[f] = (this.singletons[f] ?? 0) + delta;
  }

  private ensure(slot: number): void {
    if (slot < this.counts.length) return;
    let size = this.counts.length;
    while (size <= slot) size *= 2;
    const counts = new Float64Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const family = new Uint8Array(size);
    family.set(this.family);
    this.family = family;
  }

  /** Plain JSON state. */
  toJSON(): TemplateNoveltyState {
    const counts: [number, number][] = [];
    const families: [number, number][] = [];
    for (let s = 0; s < this.counts.length; s++) {
      const c = this.counts[s] ?? 0;
      if (c > 0) {
        counts.push([s, c]);
        families.push([s, this.family[s] ?? 0]);
      }
    }
    return { events: this.n, counts, families };
  }
}
