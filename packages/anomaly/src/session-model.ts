import { IsolationForest } from './detectors/isolation-forest.js';
import { PrecedenceModel } from './detectors/precedence-model.js';
import type { PrecedenceModelState } from './detectors/precedence-model.js';
import type { IsolationForestOptions, IsolationForestState } from './detectors/isolation-forest.js';
import { SessionLength } from './detectors/session-length.js';
import { SessionPattern } from './detectors/session-pattern.js';
import type { SessionPatternState } from './detectors/session-pattern.js';
import { TemplateRarity } from './detectors/template-rarity.js';
import type { TemplateRarityState } from './detectors/template-rarity.js';
import type { CountHistogramState } from './count-histogram.js';
import type { FeedbackBook } from './feedback.js';
import { combine, scoreFinding } from './result.js';
import type { ScoringOptions } from './result.js';
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD } from './scoring.js';
import { sessionView } from './session-view.js';
import type { RawFinding, SessionView } from './session-view.js';
import { TemplateIndex } from './template-index.js';
import type { TemplateIndexState } from './template-index.js';
import type { AnomalyResult, Finding } from './types.js';

/** Session detectors that can take part in the combined score. */
export type SessionDetectorName = 'rarity' | 'pattern' | 'length' | 'sequence' | 'isolation-forest';

/** The default ensemble; the isolation forest is opt-in (it is there for comparison). */
export const DEFAULT_SESSION_DETECTORS: readonly SessionDetectorName[] = [
  'rarity',
  'pattern',
  'length',
  'sequence',
];

/** Options of a `SessionModel`. */
export interface SessionModelOptions {
  /** @default 0.01 */
  readonly alpha?: number;
  /** @default 0.5 */
  readonly threshold?: number;
  /** Sessions learned before any is scored. @default ceil(1 / alpha) */
  readonly warmup?: number;
  /** @default DEFAULT_SESSION_DETECTORS */
  readonly detectors?: readonly SessionDetectorName[];
  /** Templates remembered per source. @default 20000 */
  readonly maxTemplates?: number;
  /** Distinct session patterns remembered. @default 50000 */
  readonly maxPatterns?: number;
  /** Pairs of templates whose order is remembered. @default 200000 */
  readonly maxOrderPairs?: number;
  readonly isolationForest?: IsolationForestOptions;
}

/** A closed session: its key and its templates in order. */
export interface SessionInput {
  readonly key: string;
  readonly source: string;
  readonly host?: string;
  readonly templateIds: readonly string[];
  /** Template texts parallel to `templateIds`, for explanations; the ids are used when absent. */
  readonly templates?: readonly string[];
  readonly start?: number;
  readonly end?: number;
}

/** Serialised form of a `SessionModel`. */
export interface SessionModelState {
  readonly learned: number;
  readonly index: TemplateIndexState;
  readonly rarity: TemplateRarityState;
  readonly pattern: SessionPatternState;
  readonly length: CountHistogramState;
  readonly sequence: PrecedenceModelState;
  readonly isolationForest?: IsolationForestState;
}

/** Learns what sessions of one source look like and scores new ones with an ensemble of detectors. */
export class SessionModel {
  readonly index: TemplateIndex;
  private readonly scoring: ScoringOptions;
  private readonly warmup: number;
  private readonly detectors: ReadonlySet<SessionDetectorName>;
  private readonly rarity: TemplateRarity;
  private readonly pattern: SessionPattern;
  private readonly length: SessionLength;
  private readonly sequence: PrecedenceModel;
  private readonly forest: IsolationForest | undefined;
  private learned = 0;

  constructor(options: SessionModelOptions = {}, state?: SessionModelState) {
    const alpha = options.alpha ?? DEFAULT_ALPHA;
    this.scoring = { alpha, threshold: options.threshold ?? DEFAULT_THRESHOLD };
    this.warmup = options.warmup ?? Math.ceil(1 / alpha);
    this.detectors = new Set(options.detectors ?? DEFAULT_SESSION_DETECTORS);
    this.index = state
      ? TemplateIndex.fromJSON(state.index, options.maxTemplates)
      : new TemplateIndex(options.maxTemplates);
    this.rarity = state ? TemplateRarity.fromJSON(state.rarity) : new TemplateRarity();
    this.pattern = state
      ? SessionPattern.fromJSON(state.pattern, options.maxPatterns)
      : new SessionPattern(options.maxPatterns);
    this.length = new SessionLength(state?.length);
    this.sequence = new PrecedenceModel(this.warmup, options.maxOrderPairs, state?.sequence);
    this.forest = this.detectors.has('isolation-forest')
      ? new IsolationForest(options.isolationForest, state?.isolationForest)
      : undefined;
    this.learned = state?.learned ?? 0;
  }

  /** Sessions learned so far. */
  get sessions(): number {
    return this.learned;
  }

  /** Learns one session (no scoring). */
  learn(session: SessionInput): void {
    this.learnView(this.view(session));
  }

  /** Scores one session against what was learned, without learning it. */
  score(session: SessionInput, feedback?: FeedbackBook): AnomalyResult {
    return this.scoreView(this.view(session), session, feedback);
  }

  /** Online use: score with what was learned before, then learn. */
  scoreAndLearn(session: SessionInput, feedback?: FeedbackBook): AnomalyResult {
    const view = this.view(session);
    const result = this.scoreView(view, session, feedback);
    this.learnView(view);
    return result;
  }

  /** Learns a view built on this model's index. */
  learnView(view: SessionView): void {
    this.learned++;
    this.rarity.learn(view);
    this.pattern.learn(view);
    this.length.learn(view);
    this.sequence.learn(view);
    this.forest?.learn(view);
  }

  /**
   * Carries what was learned about slot `from` over to slot `into` when an online miner folded one template
   * into another. Template frequencies and orders are summed; learned session patterns, calibration
   * histograms and forest samples keep the old slot (they age out as new sessions are learned).
   */
  mergeSlot(from: number, into: number): void {
    this.index.redirect(from, into);
    this.rarity.merge(from, into);
    this.sequence.merge(from, into);
  }

  /** Scores a view built on this model's index. */
  scoreView(
    view: SessionView,
    session: Omit<SessionInput, 'templateIds'>,
    feedback?: FeedbackBook,
  ): AnomalyResult {
    const scope = {
      kind: 'session' as const,
      source: session.source,
      ...(session.host !== undefined ? { host: session.host } : {}),
      key: session.key,
      start: session.start ?? 0,
      end: session.end ?? 0,
      events: view.slots.length,
    };
    const findings: Finding[] = [];
    if (this.learned >= this.warmup) {
      const expected = (slot: number): number => this.rarity.meanCount(slot);
      const common = this.rarity.commonSlots();
      const raw: RawFinding[] = [];
      if (this.detectors.has('rarity')) raw.push(this.rarity.score(view, this.index));
      if (this.detectors.has('pattern')) raw.push(this.pattern.score(view, this.index, expected, common));
      if (this.detectors.has('length')) raw.push(this.length.score(view, this.index, expected, common));
      if (this.detectors.has('sequence')) raw.push(this.sequence.score(view, this.index));
      if (this.forest) raw.push(this.forest.score(view, this.index, expected, common));
      for (const r of raw) findings.push(scoreFinding(r, this.scoring));
    }
    return combine(scope, findings, this.scoring, feedback);
  }

  /** Interns a session's templates and counts them. */
  view(session: SessionInput): SessionView {
    const slots = session.templateIds.map((id, i) => this.index.slot(id, session.templates?.[i] ?? id));
    return sessionView(session.key, slots);
  }

  /** Plain JSON state. */
  toJSON(): SessionModelState {
    return {
      learned: this.learned,
      index: this.index.toJSON(),
      rarity: this.rarity.toJSON(),
      pattern: this.pattern.toJSON(),
      length: this.length.toJSON(),
      sequence: this.sequence.toJSON(),
      ...(this.forest ? { isolationForest: this.forest.toJSON() } : {}),
    };
  }
}
