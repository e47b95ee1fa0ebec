import { LazyMatchResult } from './match-result.js';
import { extractParams } from './extract-params.js';
import { createMessageScanner } from './message-scanner.js';
import { MinerState } from './miner-state.js';
import type {
  MatchResult,
  MinerOptions,
  MinerStats,
  ResolvedMinerOptions,
  TemplateInfo,
  TemplateMiner,
} from './miner-types.js';
import { snapshotOf } from './miner-snapshot.js';
import type { Cluster } from './cluster.js';

/** Default options: one configuration for every log type. */
export const DEFAULT_MINER_OPTIONS: ResolvedMinerOptions = {
  maxTemplates: 10_000,
  generaliseAfter: 4,
  cacheSize: 65_536,
};

/** Applies defaults and checks option values. */
export function resolveMinerOptions(options: MinerOptions = {}): ResolvedMinerOptions {
  const o = { ...DEFAULT_MINER_OPTIONS, ...stripUndefined(options) };
  for (const [name, min] of [
    ['maxTemplates', 1],
    ['generaliseAfter', 2],
    ['cacheSize', 0],
  ] as const) {
    if (!Number.isInteger(o[name]) || o[name] < min)
      throw new RangeError(`miner option ${name} must be an integer >= ${min}, got ${o[name]}`);
  }
  return o;
}

function stripUndefined(options: MinerOptions): Partial<ResolvedMinerOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/**
 * Creates an online template miner.
 * @example
 * const miner = createTemplateMiner();
 * miner.add('Connection from 10.0.0.1 closed').template; // 'Connection from <*> closed'
 */
export function createTemplateMiner(options?: MinerOptions): TemplateMiner {
  return minerOver(new MinerState(resolveMinerOptions(options)));
}

/** Wraps a learning state in the public miner interface (also used by restore). */
export function minerOver(state: MinerState): TemplateMiner {
  const scanner = createMessageScanner();
  const paramScanner = createMessageScanner();
  const info = (c: Cluster): TemplateInfo => ({
    templateId: c.id,
    template: c.template,
    clusterId: c.seq,
    count: c.count,
  });
  return {
    add(message: string, extractNow = false): MatchResult {
      const scanned = scanner.scan(message);
      const cluster = state.learn(scanned);
      const params = extractNow ? extractParams(scanned, cluster.wild, cluster.list) : undefined;
      return new LazyMatchResult(cluster, message, paramScanner, state.lastChange, params);
    },
    match(message: string): MatchResult | undefined {
      const cluster = state.find(scanner.scan(message));
      return cluster ? new LazyMatchResult(cluster, message, paramScanner, undefined) : undefined;
    },
    resolve(clusterId: number): TemplateInfo | undefined {
      const c = state.resolve(clusterId);
      return c ? info(c) : undefined;
    },
    templates(): TemplateInfo[] {
      return [...state.live.values()].sort((a, b) => a.seq - b.seq).map(info);
    },
    snapshot: () => snapshotOf(state),
    stats(): MinerStats {
      return {
        lines: state.tick,
        templates: state.live.size,
        created: state.created,
        generalised: state.generalised,
        merged: state.merged,
        evictions: state.evictions,
      };
    },
  };
}
