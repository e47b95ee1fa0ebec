import type { TemplateParam } from '../types.js';

/** Options of a template miner; one default configuration is meant to serve every log type. */
export interface MinerOptions {
  /**
   * Live templates kept at most; beyond it the least recently matched ones are evicted (counted in stats).
   * @default 10000
   */
  readonly maxTemplates?: number;
  /**
   * Distinct values seen at one position of otherwise identical templates before that position becomes `<*>`
   * and the templates merge (late generalisation). Lower merges more eagerly.
   * @default 4
   */
  readonly generaliseAfter?: number;
  /**
   * Masked messages remembered after they matched a generalised template, so repeats skip the search.
   * @default 65536
   */
  readonly cacheSize?: number;
}

/** Options with every default applied. */
export interface ResolvedMinerOptions {
  readonly maxTemplates: number;
  readonly generaliseAfter: number;
  readonly cacheSize: number;
}

/** A template appeared, or an existing one became more general (and possibly absorbed others). */
export type TemplateChange =
  | { readonly kind: 'created'; readonly templateId: string; readonly template: string }
  | {
      readonly kind: 'generalised';
      readonly templateId: string;
      readonly template: string;
      /** Id the generalised template had before. */
      readonly previousId: string;
      /** Ids of other templates folded into it (their lines now belong to `templateId`). */
      readonly mergedIds: readonly string[];
    };

/** The template a message was assigned to. */
export interface MatchResult {
  /** Stable content-derived id of `template` (16 hex digits). */
  readonly templateId: string;
  /** The template, variables written `<*>`, tokens separated by one space. */
  readonly template: string;
  /**
   * Miner-local group number: stays the same when the template is generalised later; see
   * `TemplateMiner.resolve` for the group's current template.
   */
  readonly clusterId: number;
  /** One typed value per `<*>` of `template`, in order (computed on first access). */
  readonly params: readonly TemplateParam[];
  /** Set when this message created or generalised a template. */
  readonly change?: TemplateChange;
}

/** A template the miner knows. */
export interface TemplateInfo {
  readonly templateId: string;
  readonly template: string;
  readonly clusterId: number;
  /** Messages assigned to it (including those of templates merged into it). */
  readonly count: number;
}

/** Counters of a miner. */
export interface MinerStats {
  readonly lines: number;
  readonly templates: number;
  readonly created: number;
  readonly generalised: number;
  readonly merged: number;
  readonly evictions: number;
}

/** An online template miner (Drain family); deterministic for a given input order. */
export interface TemplateMiner {
  /**
   * Assigns a message to a template, learning from it. With `extractNow`, the match's parameters are typed
   * at once from the scan the match used; otherwise on first access, which scans the message again (cheaper
   * only when most matches' parameters are never read).
   */
  add(message: string, extractNow?: boolean): MatchResult;
  /** Finds the template a message would get, without learning; undefined when none fits. */
  match(message: string): MatchResult | undefined;
  /** Current template of a group, following later generalisations and merges; undefined once evicted. */
  resolve(clusterId: number): TemplateInfo | undefined;
  /** Live templates, oldest first. */
  templates(): TemplateInfo[];
  /** Versioned plain-JSON state, enough to continue exactly where this miner is. */
  snapshot(): MinerSnapshot;
  stats(): MinerStats;
}

/** Serialized miner, version 1 (plain JSON). */
export interface MinerSnapshot {
  readonly version: 1;
  readonly options: ResolvedMinerOptions;
  readonly tick: number;
  readonly nextSeq: number;
  readonly counters: { created: number; generalised: number; merged: number; evictions: number };
  readonly clusters: readonly ClusterSnapshot[];
  /** [merged group, group it was merged into]. */
  readonly forward: readonly (readonly [number, number])[];
  /** [family key, distinct values, member groups]. */
  readonly families: readonly (readonly [string, readonly string[], readonly number[]])[];
}

/** One template group inside a snapshot. */
export interface ClusterSnapshot {
  readonly seq: number;
  readonly tokens: readonly string[];
  /** [position, literal prefix, literal suffix] of each generalised position. */
  readonly wild: readonly (readonly [number, string, string])[];
  readonly count: number;
  readonly lastSeen: number;
  readonly keys: readonly string[];
  readonly absorbed: readonly number[];
}
