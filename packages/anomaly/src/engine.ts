import type { RateOptions } from './detectors/rate-detector.js';
import { FeedbackBook } from './feedback.js';
import { carryOver } from './lineage.js';
import type { FeedbackEntry } from './feedback.js';
import { combine, scoreFinding } from './result.js';
import type { ScoringOptions } from './result.js';
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD, LEVEL_WEIGHT } from './scoring.js';
import type { OpenSession } from './session-builder.js';
import type { SessionModelOptions } from './session-model.js';
import {
  AUTO_SESSION_RULES,
  compileKeyRules,
  isSessionKey,
  keyedBefore,
  sessionKeysOf,
} from './session-keys.js';
import type { CompiledKeyRules, SessionKeyRule } from './session-keys.js';
import { sessionView } from './session-view.js';
import { SourceState } from './source-state.js';
import type { SourceSettings, SourceStateJSON, StreamWindows } from './source-state.js';
import type { AnomalyEvent, AnomalyResult, EventParam, Finding, Scope } from './types.js';
import { LEVELS } from './types.js';
import { levelIndex } from './window.js';
import type { ClosedWindow, WindowOptions } from './window.js';

/** Session grouping settings of the engine. */
export interface EngineSessionOptions {
  /** Key extraction rules. @default AUTO_SESSION_RULES */
  readonly rules?: readonly SessionKeyRule[];
  /** Idle time that closes a session, in the stream clock. @default 300000 */
  readonly idle?: number;
  /** @default 10000 */
  readonly maxEvents?: number;
  /** @default 100000 */
  readonly maxOpen?: number;
  readonly model?: SessionModelOptions;
}

/** Options of an `AnomalyEngine`; every field has a documented default. */
export interface EngineOptions {
  /** Significance level shared by all detectors. @default 0.01 */
  readonly alpha?: number;
  /** Decision threshold on combined scores. @default 0.5 */
  readonly threshold?: number;
  /** @default { by: 'time', size: 60000 } */
  readonly window?: WindowOptions;
  /** Also keep windows per host. @default false */
  readonly perHost?: boolean;
  /** Events per source before novelty is scored. @default ceil(1 / alpha) */
  readonly noveltyWarmup?: number;
  /** Rate baselines (time windows only; a count window has no rate). `false` disables them. @default {} */
  readonly rates?: RateOptions | false;
  /** Session grouping; `false` disables sessions. @default {} */
  readonly sessions?: EngineSessionOptions | false;
}

/** Version of the snapshot format; restore refuses other versions. */
export const SNAPSHOT_VERSION = 2;

/** All learned state of an engine, as plain JSON. */
export interface EngineSnapshot {
  readonly format: 'loglens-anomaly';
  readonly version: typeof SNAPSHOT_VERSION;
  readonly options: EngineOptions;
  readonly feedback: readonly FeedbackEntry[];
  readonly sources: readonly SourceStateJSON[];
}

/** Thrown when a snapshot cannot be restored. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  readonly code = 'SNAPSHOT_INVALID';
}

const EXPIRE_EVERY = 1024;
const NO_SESSIONS: readonly SessionKeyRule[] = [];

/**
 * The streaming anomaly engine: feed parsed events in order with `process`, collect window and session results
 * with `takeResults`. Every detector learns as data arrives; each window or session is scored with what was
 * learned before it.
 */
export class AnomalyEngine {
  private readonly options: EngineOptions;
  private readonly scoring: ScoringOptions;
  private readonly settings: SourceSettings;
  private readonly rules: CompiledKeyRules;
  private readonly sources = new Map<string, SourceState>();
  private readonly feedbackBook: FeedbackBook;
  private results: AnomalyResult[] = [];
  private readonly closedWindows: ClosedWindow[] = [];
  private readonly closedSessions: OpenSession[] = [];
  private lastSource: SourceState | undefined;
  private processed = 0;

  constructor(options: EngineOptions = {}, snapshot?: EngineSnapshot) {
    this.options = options;
    const alpha = options.alpha ?? DEFAULT_ALPHA;
    this.scoring = { alpha, threshold: options.threshold ?? DEFAULT_THRESHOLD };
    const sessions = options.sessions === false ? undefined : (options.sessions ?? {});
    this.settings = {
      alpha,
      noveltyWarmup: options.noveltyWarmup ?? Math.ceil(1 / alpha),
      window: options.window ?? { by: 'time', size: 60_000 },
      rates: options.rates ?? {},
      sessionLimits: {
        idle: sessions?.idle ?? 300_000,
        maxEvents: sessions?.maxEvents ?? 10_000,
        maxOpen: sessions?.maxOpen ?? 100_000,
      },
      model: { alpha, threshold: this.scoring.threshold, ...(sessions?.model ?? {}) },
    };
    this.rules = compileKeyRules(sessions ? (sessions.rules ?? AUTO_SESSION_RULES) : NO_SESSIONS);
    this.feedbackBook = new FeedbackBook(snapshot?.feedback);
    for (const s of snapshot?.sources ?? [])
      this.sources.set(s.source, new SourceState(s.source, this.settings, s));
  }

  /** Rebuilds an engine from a snapshot, with the options it was taken with. */
  static restore(snapshot: EngineSnapshot): AnomalyEngine {
    if (snapshot.format !== 'loglens-anomaly' || snapshot.version !== SNAPSHOT_VERSION) {
      throw new SnapshotError(`unsupported snapshot ${String(snapshot.format)} v${String(snapshot.version)}`);
    }
    return new AnomalyEngine(snapshot.options, snapshot);
  }

  /** Processes one event; returns its own novelty score (0 for ordinary lines). */
  process(event: AnomalyEvent): number {
    const clock = event.timestamp ?? event.sequence;
    let st = this.lastSource;
    if (st?.source !== event.source) st = this.lastSource = this.source(event.source);
    if (event.change?.kind === 'generalised') carryOver(st, event, this.feedbackBook);
    const slot = st.model.index.slot(event.templateId, event.template);
    const level = levelIndex(event.level);
    st.setLevel(slot, level);
    const raw = st.novelty.observe(slot, event.level);
    let note;
    let score = raw;
    const withFeedback = this.feedbackBook.has(event.source);
    if (raw > 0 || withFeedback) {
      const seenBefore = st.novelty.countOf(slot) - 1;
      const eventsBefore = st.novelty.events - 1;
      if (withFeedback) {
        const kind = seenBefore === 0 ? 'new-template' : 'rare-template';
        score = this.feedbackBook.adjust(event.source, kind, event.templateId, raw, clock);
      }
      // A confirmed pattern is noted even when common, so its windows keep alerting.
      if (score > 0) {
        const pValue = st.novelty.lastPValue;
        note = { slot, level: event.level, score: raw, seenBefore, eventsBefore, pValue };
      }
    }
    const closed = this.closedWindows;
    st.stream.windows.add(clock, slot, level, note, closed);
    if (closed.length > 0) this.evaluateWindows(st, st.stream, undefined);
    if (this.options.perHost && event.host !== undefined) {
      const h = st.host(event.host);
      h.windows.add(clock, slot, level, note, closed);
      if (closed.length > 0) this.evaluateWindows(st, h, event.host);
    }
    if (this.rules.rules.length > 0) this.group(st, event, slot, clock);
    this.processed++;
    return score;
  }

  /** Closes time windows up to `clock` for every source, so silence is seen without new events. */
  advance(clock: number): void {
    for (const st of this.sources.values()) {
      st.stream.windows.advance(clock, this.closedWindows);
      this.evaluateWindows(st, st.stream, undefined);
      st.sessions.expire(clock, this.closedSessions);
      this.evaluateSessions(st);
    }
  }

  /** Closes every open window and session (end of a stream or of an analysis). */
  flush(): void {
    for (const st of this.sources.values()) {
      st.stream.windows.flush(this.closedWindows);
      this.evaluateWindows(st, st.stream, undefined);
      for (const [host, h] of st.hosts) {
        h.windows.flush(this.closedWindows);
        this.evaluateWindows(st, h, host);
      }
      st.sessions.flush(this.closedSessions);
      this.evaluateSessions(st);
    }
  }

  /** Results of the windows and sessions closed since the last call. */
  takeResults(): AnomalyResult[] {
    const out = this.results;
    this.results = [];
    return out;
  }

  /** Records operator feedback; it applies to results computed after this call. */
  feedback(entry: FeedbackEntry): void {
    this.feedbackBook.add(entry);
  }

  /** Events processed since creation (not restored from snapshots). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** All learned state (and feedback) as versioned JSON. */
  snapshot(): EngineSnapshot {
    return {
      format: 'loglens-anomaly',
      version: SNAPSHOT_VERSION,
      options: this.options,
      feedback: this.feedbackBook.toJSON(),
      sources: [...this.sources.values()].map((s) => s.toJSON()),
    };
  }

  private source(name: string): SourceState {
    let st = this.sources.get(name);
    if (!st) {
      st = new SourceState(name, this.settings);
      this.sources.set(name, st);
    }
    return st;
  }

  private group(st: SourceState, event: AnomalyEvent, slot: number, clock: number): void {
    // Allocation-free on the hot path: keys go straight to the builder, duplicates are checked only when a
    // line names a second key.
    const out = this.closedSessions;
    let keyed = false;
    if (event.traceId) {
      st.sessions.add(event.traceId, slot, clock, event.host, out);
      keyed = true;
    }
    const params = event.params;
    if (hasList(params)) {
      // Rare: a line naming a list of ids joins each one's session (allocating is fine here).
      for (const key of sessionKeysOf(event, this.rules) ?? []) {
        if (key !== event.traceId) st.sessions.add(key, slot, clock, event.host, out);
      }
    } else {
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        if (!p || !isSessionKey(p, this.rules)) continue;
        if (keyed && keyedBefore(event, i, p.value, this.rules)) continue;
        st.sessions.add(p.value, slot, clock, event.host, out);
        keyed = true;
      }
    }
    // Counted per source (restored with it), so a restored engine expires sessions at the same moments.
    if (st.novelty.events % EXPIRE_EVERY === 0) st.sessions.expire(clock, this.closedSessions);
    if (this.closedSessions.length > 0) this.evaluateSessions(st);
  }

  private evaluateWindows(st: SourceState, stream: StreamWindows, host: string | undefined): void {
    const index = st.model.index;
    for (const w of this.closedWindows) {
      const findings: Finding[] = [];
      for (const note of w.notes) {
        const raw = st.novelty.finding(note, w.counts.get(note.slot) ?? 0, w.events, index);
        findings.push(scoreFinding(raw, this.scoring, LEVEL_WEIGHT[note.level]));
      }
      if (stream.rates) {
        for (const raw of stream.rates.evaluate(w, index, (slot) => st.levels[slot] ?? LEVELS.length - 1)) {
          findings.push(scoreFinding(raw, this.scoring));
        }
      }
      const scope: Scope = {
        kind: 'window',
        source: st.source,
        ...(host !== undefined ? { host } : {}),
        key: `${st.source}${host !== undefined ? `@${host}` : ''}#${w.start}`,
        start: w.start,
        end: w.end,
        events: w.events,
      };
      this.results.push(combine(scope, findings, this.scoring, this.feedbackBook));
    }
    this.closedWindows.length = 0;
  }

  private evaluateSessions(st: SourceState): void {
    for (const s of this.closedSessions) {
      const view = sessionView(s.key, s.slots);
      const meta = {
        key: s.key,
        source: st.source,
        start: s.start,
        end: s.last,
        ...(s.host !== undefined ? { host: s.host } : {}),
      };
      this.results.push(st.model.scoreView(view, meta, this.feedbackBook));
      st.model.learnView(view);
    }
    this.closedSessions.length = 0;
  }
}

/** Whether a line carries a list parameter (a run of values of varying length). */
function hasList(params: readonly EventParam[]): boolean {
  for (let i = 0; i < params.length; i++) if (params[i]?.type === 'list') return true;
  return false;
}
