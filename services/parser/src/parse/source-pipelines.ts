import { createLogPipeline, restoreTemplateMiner, type TemplateMiner } from '@loglens/logparse';
import type { Logger } from '@loglens/platform';
import type { MinerSnapshotStore } from '../snapshots/miner-snapshot-store.js';
import type { SourcePipeline } from './parse-batch.js';
import type { SourceSettings } from './source-settings.js';

interface Entry extends SourcePipeline {
  readonly tenantId: string;
  readonly source: string;
  /** Miner line count at the last snapshot, to skip miners that learned nothing since. */
  savedLines: number;
}

/** Options of {@link SourcePipelines}. */
export interface SourcePipelinesOptions {
  readonly snapshots: MinerSnapshotStore;
  /** The current settings of a source (`<namespace>/<name>`), defaults when it has no document. */
  readonly settingsOf: (source: string) => SourceSettings;
  readonly logger: Logger;
}

/** Selects (tenant, source) pairs. */
export type SourceFilter = (tenantId: string, source: string) => boolean;

/** Snapshot key of a (tenant, source) miner. */
export function snapshotKey(tenantId: string, source: string): string {
  return `${tenantId}/${source}`;
}

/**
 * The parsing pipeline of every (tenant, source) seen, built from the source's settings and, the first time,
 * from the miner snapshot saved by an earlier run, so template ids survive restarts.
 */
export class SourcePipelines {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly options: SourcePipelinesOptions) {}

  /** Builds the pipelines of these (tenant, source) pairs that do not exist yet, restoring saved miners. */
  async prepare(pairs: Iterable<readonly [string, string]>): Promise<void> {
    const missing = new Map<string, readonly [string, string]>();
    for (const pair of pairs) {
      const key = snapshotKey(...pair);
      if (!this.#entries.has(key)) missing.set(key, pair);
    }
    if (missing.size === 0) return;
    const saved = await this.options.snapshots.load([...missing.keys()]);
    for (const [key, [tenantId, source]] of missing) {
      const settings = this.options.settingsOf(source);
      const miner = this.#restore(key, saved.get(key), settings);
      this.#entries.set(key, this.#build(tenantId, source, settings, miner, miner?.stats().lines ?? 0));
    }
  }

  /** The pipeline of a prepared (tenant, source). */
  get(tenantId: string, source: string): SourcePipeline {
    const entry = this.#entries.get(snapshotKey(tenantId, source));
    if (!entry) throw new Error(`no pipeline prepared for ${snapshotKey(tenantId, source)}`);
    return entry;
  }

  /**
   * Rebuilds every pipeline of `source` with its new settings. The miner carries over (its templates and
   * ids, under the new mining options); the learned format and header, and the redaction rules, start anew.
   */
  reconfigure(source: string): number {
    let rebuilt = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.source !== source) continue;
      const settings = this.options.settingsOf(source);
      const miner = restoreTemplateMiner(entry.pipeline.miner.snapshot(), settings.pipeline.mining);
      this.#entries.set(key, this.#build(entry.tenantId, source, settings, miner, entry.savedLines));
      rebuilt++;
    }
    return rebuilt;
  }

  /**
   * Saves the miners that learned something since their last snapshot, of the (tenant, source) pairs `which`
   * accepts (all by default); returns how many.
   */
  async snapshot(which: SourceFilter = () => true): Promise<number> {
    const changed = [...this.#entries.entries()].filter(
      ([, e]) => e.pipeline.miner.stats().lines !== e.savedLines && which(e.tenantId, e.source),
    );
    if (changed.length === 0) return 0;
    // Parsing goes on while the save is in flight: remember what each snapshot covered.
    const taken = changed.map(([key, entry]) => ({
      key,
      entry,
      lines: entry.pipeline.miner.stats().lines,
      snapshot: entry.pipeline.miner.snapshot(),
    }));
    await this.options.snapshots.save(taken);
    for (const { entry, lines } of taken) entry.savedLines = lines;
    return taken.length;
  }

  /** Drops the pipelines of the (tenant, source) pairs `which` accepts; the next use restores their snapshot. */
  evict(which: SourceFilter): number {
    let evicted = 0;
    for (const [key, entry] of this.#entries) {
      if (!which(entry.tenantId, entry.source)) continue;
      this.#entries.delete(key);
      evicted++;
    }
    return evicted;
  }

  get size(): number {
    return this.#entries.size;
  }

  #restore(key: string, saved: unknown, settings: SourceSettings): TemplateMiner | undefined {
    if (saved === undefined) return undefined;
    try {
      return restoreTemplateMiner(saved, settings.pipeline.mining);
    } catch (error) {
      this.options.logger.warn({ err: error, key }, 'miner snapshot unusable; learning anew');
      return undefined;
    }
  }

  #build(
    tenantId: string,
    source: string,
    settings: SourceSettings,
    miner: TemplateMiner | undefined,
    savedLines: number,
  ): Entry {
    // Every event's parameters are stored and published: type them from the scan the miner already did.
    const pipeline = createLogPipeline({
      ...settings.pipeline,
      ...(miner ? { miner } : {}),
      extractParams: true,
    });
    return { tenantId, source, settings, pipeline, savedLines };
  }
}
