/**
 * Contracts of the anomaly engine. The engine is pure: it consumes parsed events and returns verdicts, it never
 * reads a clock or performs I/O, so the same code runs in the ml service and in one-off analyses.
 */

/** Normalised severity of a log line (the same names the parse engine uses). */
export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unknown';

/** All levels, in increasing severity, `unknown` last. */
export const LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'];

/** One value a template wildcard stood for. */
export interface EventParam {
  readonly type: string;
  readonly value: string;
}

/** A parsed log line as the detectors consume it. */
export interface AnomalyEvent {
  /** Epoch milliseconds, when the line had a timestamp. */
  readonly timestamp?: number;
  /** Position of the line in its stream; the clock used when there is no timestamp. */
  readonly sequence: number;
  readonly source: string;
  readonly host?: string;
  readonly templateId: string;
  readonly template: string;
  readonly level: Level;
  readonly params: readonly EventParam[];
  /** Trace or request id when the parser found one; it keys sessions before any parameter rule. */
  readonly traceId?: string;
  /**
   * Set when an online miner generalised this event's template: the learned state of `previousId` and of
   * `mergedIds` carries over to `templateId`, so a generalised template is not mistaken for a new one. The
   * parse engine's `match.change` has this shape.
   */
  readonly change?: TemplateLineage | undefined;
}

/** How an event's template relates to templates seen before (the shape of the miner's template change). */
export interface TemplateLineage {
  readonly kind: 'created' | 'generalised';
  /** Id the template had before it was generalised. */
  readonly previousId?: string;
  /** Ids of other templates folded into it. */
  readonly mergedIds?: readonly string[];
}

/** What a detector found unusual. */
export type AnomalyKind =
  | 'new-template'
  | 'rare-template'
  | 'rate-spike'
  | 'rate-drop'
  | 'error-surge'
  | 'silence'
  | 'session-novelty'
  | 'session-sequence'
  | 'session-length'
  | 'isolation-forest';

/** How urgently a person should look. */
export type Severity = 'info' | 'warning' | 'critical';

/** The unit a verdict is about. `start`/`end` are timestamps when known, else stream positions. */
export interface Scope {
  readonly kind: 'window' | 'session';
  readonly source: string;
  readonly host?: string;
  /** Window id (`<source>[@host]#<start>`) or session key. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Events in the window or session. */
  readonly events: number;
}

/** A template that drove a finding, with how often it was expected and how often it occurred. */
export interface Contribution {
  readonly templateId: string;
  readonly template: string;
  readonly expected: number;
  readonly actual: number;
}

/** One detector's finding about a window or session. */
export interface Finding {
  readonly kind: AnomalyKind;
  /** In [0, 1]; 0.5 is the significance level (see `scoring.ts`). */
  readonly score: number;
  /** Tail probability behind the score, before feedback weighting. */
  readonly pValue: number;
  readonly severity: Severity;
  readonly contributions: readonly Contribution[];
  readonly explanation: string;
}

/** The combined result for one window or session: the shape every consumer sees. */
export interface AnomalyResult {
  /** Kind of the strongest finding (`session-novelty` or `rare-template` style), or `undefined` when none. */
  readonly kind: AnomalyKind | undefined;
  /** Combined score in [0, 1]: the strongest finding after feedback. */
  readonly score: number;
  readonly anomalous: boolean;
  readonly severity: Severity;
  readonly scope: Scope;
  /** Contributions of the strongest finding. */
  readonly contributions: readonly Contribution[];
  readonly explanation: string;
  /** Every finding, strongest first. */
  readonly findings: readonly Finding[];
}
