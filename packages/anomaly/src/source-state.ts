import { RateDetector } from './detectors/rate-detector.js';
import type { RateDetectorState, RateOptions } from './detectors/rate-detector.js';
import { TemplateNovelty } from './detectors/template-novelty.js';
import type { TemplateNoveltyState } from './detectors/template-novelty.js';
import { SessionBuilder } from './session-builder.js';
import type { OpenSession, SessionLimits } from './session-builder.js';
import { SessionModel } from './session-model.js';
import type { SessionModelOptions, SessionModelState } from './session-model.js';
import { WindowAssembler } from './window.js';
import type { WindowAssemblerState, WindowOptions } from './window.js';

/** Windows (and their rate baselines) of one stream: a source, or one host of it. */
export interface StreamWindows {
  readonly windows: WindowAssembler;
  readonly rates: RateDetector | undefined;
}

/** Serialised windows of a stream. */
export interface StreamWindowsState {
  readonly windows: WindowAssemblerState;
  readonly rates?: RateDetectorState;
}

/** Serialised form of a `SourceState`. */
export interface SourceStateJSON {
  readonly source: string;
  readonly model: SessionModelState;
  readonly novelty: TemplateNoveltyState;
  readonly levels: readonly number[];
  readonly stream: StreamWindowsState;
  readonly hosts: readonly (readonly [string, StreamWindowsState])[];
  readonly sessions: readonly OpenSession[];
}

/** Settings a source's state is built from. */
export interface SourceSettings {
  readonly alpha: number;
  readonly noveltyWarmup: number;
  readonly window: WindowOptions;
  readonly rates: RateOptions | false;
  readonly sessionLimits: SessionLimits;
  readonly model: SessionModelOptions;
}

/** Everything learned about one source; its size is bounded by the options' caps. */
export class SourceState {
  readonly model: SessionModel;
  readonly novelty: TemplateNovelty;
  readonly stream: StreamWindows;
  readonly hosts = new Map<string, StreamWindows>();
  readonly sessions: SessionBuilder;
  levels = new Uint8Array(256);

  constructor(
    readonly source: string,
    private readonly settings: SourceSettings,
    state?: SourceStateJSON,
  ) {
    this.model = new SessionModel(settings.model, state?.model);
    this.novelty = new TemplateNovelty(settings.alpha, settings.noveltyWarmup, state?.novelty);
    this.stream = this.streamWindows(state?.stream);
    this.sessions = new SessionBuilder(settings.sessionLimits);
    if (state) {
      this.levels = Uint8Array.from(state.levels.length > 0 ? state.levels : [0]);
      for (const [host, s] of state.hosts) this.hosts.set(host, this.streamWindows(s));
      for (const s of state.sessions) this.sessions.open.set(s.key, { ...s, slots: [...s.slots] });
    }
  }

  /** Windows of a host, created on first sight. */
  host(host: string): StreamWindows {
    let h = this.hosts.get(host);
    if (!h) {
      h = this.streamWindows();
      this.hosts.set(host, h);
    }
    return h;
  }

  /**
   * Slot `from` now counts as slot `into` (an online miner folded one template into another): every detector
   * and every open window of the source and its hosts carries it over.
   */
  mergeSlot(from: number, into: number): void {
    this.novelty.merge(from, into);
    this.model.mergeSlot(from, into);
    for (const s of [this.stream, ...this.hosts.values()]) {
      s.windows.mergeSlot(from, into);
      s.rates?.merge(from, into);
    }
  }

  /** Remembers a template's level (for per-level contributions). */
  setLevel(slot: number, level: number): void {
    if (slot >= this.levels.length) {
      const next = new Uint8Array(Math.max(slot + 1, this.levels.length * 2));
      next.set(this.levels);
      this.levels = next;
    }
    this.levels[slot] = level;
  }

  private streamWindows(state?: StreamWindowsState): StreamWindows {
    const timed = this.settings.window.by === 'time' && this.settings.rates !== false;
    return {
      windows: new WindowAssembler(this.settings.window, state?.windows),
      rates: timed ? new RateDetector(this.settings.rates || {}, state?.rates) : undefined,
    };
  }

  /** Plain JSON state. */
  toJSON(): SourceStateJSON {
    const stream = (s: StreamWindows): StreamWindowsState => ({
      windows: s.windows.toJSON(),
      ...(s.rates ? { rates: s.rates.toJSON() } : {}),
    });
    return {
      source: this.source,
      model: this.model.toJSON(),
      novelty: this.novelty.toJSON(),
      levels: [...this.levels.subarray(0, this.model.index.size)],
      stream: stream(this.stream),
      hosts: [...this.hosts].map(([h, s]) => [h, stream(s)] as const),
      sessions: [...this.sessions.open.values()].map((s) => ({ ...s, slots: [...s.slots] })),
    };
  }
}
