import type { NoveltyNote } from './detectors/template-novelty.js';
import { LEVELS } from './types.js';
import type { Level } from './types.js';

const MAX_NOTES = 8;

/** How events are cut into windows: by count of events or by time, fixed (slide = size) or sliding. */
export interface WindowOptions {
  /** @default 'time' */
  readonly by: 'count' | 'time';
  /** Events per window, or milliseconds. @default 60000 */
  readonly size: number;
  /** Step between window starts; must divide `size`. @default size (fixed windows) */
  readonly slide?: number;
}

/** Level index for per-level counters. */
export function levelIndex(level: Level): number {
  const i = LEVELS.indexOf(level);
  return i < 0 ? LEVELS.length - 1 : i;
}

/** Serialised form of a `WindowStep`. */
export interface WindowStepState {
  readonly start: number;
  readonly end: number;
  readonly events: number;
  readonly counts: readonly (readonly [number, number])[];
  readonly levels: readonly number[];
  readonly notes: readonly NoveltyNote[];
}

/** Aggregates of one step of a window: template counts, level counts, notable events. */
export class WindowStep {
  readonly counts = new Map<number, number>();
  readonly levels = new Float64Array(LEVELS.length);
  readonly notes: NoveltyNote[] = [];
  events = 0;
  end: number;
  /** Cut short by the end of the stream: the stream clock never passed the window's end. */
  partial = false;

  constructor(readonly start: number) {
    this.end = start;
  }

  /** Adds one event. */
  add(clock: number, slot: number, level: number, note: NoveltyNote | undefined): void {
    this.counts.set(slot, (this.counts.get(slot) ?? 0) + 1);
    this.levels[level] = (this.levels[level] ?? 0) + 1;
    this.events++;
    if (clock > this.end) this.end = clock;
    if (note) this.note(note);
  }

  /** Counts slot `from` as slot `into` from now on (an online miner merged the templates). */
  mergeSlot(from: number, into: number): void {
    const moved = this.counts.get(from);
    if (moved !== undefined) {
      this.counts.delete(from);
      this.counts.set(into, (this.counts.get(into) ?? 0) + moved);
    }
    const notes = this.notes.splice(0).map((n) => (n.slot === from ? { ...n, slot: into } : n));
    for (const n of notes) this.note(n);
  }

  /** Keeps the strongest notes, one per template. */
  note(note: NoveltyNote): void {
    const same = this.notes.findIndex((n) => n.slot === note.slot);
    if (same >= 0) {
      if ((this.notes[same]?.score ?? 0) < note.score) this.notes[same] = note;
      return;
    }
    if (this.notes.length < MAX_NOTES) this.notes.push(note);
    else {
      let weakest = 0;
      this.notes.forEach((n, i) => {
        if (n.score < (this.notes[weakest]?.score ?? 0)) weakest = i;
      });
      if ((this.notes[weakest]?.score ?? 0) < note.score) this.notes[weakest] = note;
    }
  }

  /** Plain JSON state. */
  toJSON(): WindowStepState {
    return {
      start: this.start,
      end: this.end,
      events: this.events,
      counts: [...this.counts],
      levels: [...this.levels],
      notes: this.notes,
    };
  }

  /** Rebuilds from `toJSON` output. */
  static fromJSON(s: WindowStepState): WindowStep {
    const step = new WindowStep(s.start);
    step.end = s.end;
    step.events = s.events;
    for (const [k, v] of s.counts) step.counts.set(k, v);
    s.levels.forEach((v, i) => (step.levels[i] = v));
    step.notes.push(...s.notes);
    return step;
  }
}

/** A closed window: the merge of its steps. */
export interface ClosedWindow {
  readonly start: number;
  readonly end: number;
  readonly events: number;
  readonly counts: ReadonlyMap<number, number>;
  readonly levels: Float64Array;
  readonly notes: readonly NoveltyNote[];
  /** Closed by `flush` before its time was up, so its counts cover an unknown part of the window. */
  readonly partial: boolean;
}

/** Serialised form of a `WindowAssembler`. */
export interface WindowAssemblerState {
  readonly current?: WindowStepState;
  readonly recent: readonly WindowStepState[];
}

/** Cuts one stream (a source, or a host of a source) into windows and hands back the ones that closed. */
export class WindowAssembler {
  private current: WindowStep | undefined;
  private recent: WindowStep[] = [];
  private readonly slide: number;
  private readonly stepsPerWindow: number;

  constructor(
    private readonly options: WindowOptions,
    state?: WindowAssemblerState,
  ) {
    this.slide = options.slide ?? options.size;
    this.stepsPerWindow = Math.max(1, Math.round(options.size / this.slide));
    if (state?.current) this.current = WindowStep.fromJSON(state.current);
    if (state) this.recent = state.recent.map((s) => WindowStep.fromJSON(s));
  }

  /** Adds an event; returns the windows it closed (usually none). */
  add(clock: number, slot: number, level: number, note: NoveltyNote | undefined, out: ClosedWindow[]): void {
    if (this.options.by === 'time') this.advance(clock, out);
    let step = this.current;
    if (!step) {
      const start = this.options.by === 'time' ? Math.floor(clock / this.slide) * this.slide : clock;
      step = this.current = new WindowStep(start);
    }
    step.add(clock, slot, level, note);
    if (this.options.by === 'count' && step.events >= this.slide) this.close(out);
  }

  /** Closes the steps that ended before `clock` (time windows only); empty steps count, so silence shows. */
  advance(clock: number, out: ClosedWindow[]): void {
    if (this.options.by !== 'time') return;
    let gaps = 0;
    while (this.current && clock >= this.current.start + this.slide) {
      const next = this.current.start + this.slide;
      this.close(out);
      // A long gap yields at most one window's worth of empty steps, then jumps to the present.
      if (++gaps <= this.stepsPerWindow && clock >= next + this.slide) this.current = new WindowStep(next);
    }
  }

  /** Closes whatever is open (end of stream); a time window closed this way is partial. */
  flush(out: ClosedWindow[]): void {
    if (this.current && this.current.events > 0) {
      this.current.partial = this.options.by === 'time';
      this.close(out);
    }
    this.current = undefined;
  }

  private close(out: ClosedWindow[]): void {
    const step = this.current;
    if (!step) return;
    this.current = undefined;
    this.recent.push(step);
    if (this.recent.length > this.stepsPerWindow) this.recent.shift();
    out.push(this.stepsPerWindow === 1 ? step : merge(this.recent));
  }

  /** Folds the counts of slot `from` into slot `into` in the open steps, so a window names the merged template once. */
  mergeSlot(from: number, into: number): void {
    this.current?.mergeSlot(from, into);
    for (const step of this.recent) step.mergeSlot(from, into);
  }

  /** Plain JSON state. */
  toJSON(): WindowAssemblerState {
    return {
      ...(this.current ? { current: this.current.toJSON() } : {}),
      recent: this.recent.map((s) => s.toJSON()),
    };
  }
}

function merge(steps: readonly WindowStep[]): ClosedWindow {
  const counts = new Map<number, number>();
  const levels = new Float64Array(LEVELS.length);
  const notes = new WindowStep(0);
  let events = 0;
  for (const s of steps) {
    for (const [k, v] of s.counts) counts.set(k, (counts.get(k) ?? 0) + v);
    s.levels.forEach((v, i) => (levels[i] = (levels[i] ?? 0) + v));
    for (const n of s.notes) notes.note(n);
    events += s.events;
  }
  return {
    start: steps[0]?.start ?? 0,
    end: steps[steps.length - 1]?.end ?? 0,
    events,
    counts,
    levels,
    notes: notes.notes,
    partial: steps[steps.length - 1]?.partial ?? false,
  };
}
