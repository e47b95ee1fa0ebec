import type { Logger } from '@loglens/platform';
import type { LogSource } from '@loglens/resources';
import { runPeriodically, type PeriodicRun } from '../periodic.js';
import { LOG_SOURCE_KIND } from '../reconcile/kinds.js';
import type { ResourceApi } from '../reconcile/ports.js';
import { labelSelectorQuery } from './label-selector.js';
import {
  changedFigures,
  sourceNameOf,
  statusFigures,
  type PodCounter,
  type StoredFigures,
  type StoredFiguresReader,
} from './source-figures.js';

/** What the refresher works with. */
export interface SourceStatusRefresherOptions {
  /** The LogSources the operator has cached. */
  readonly sources: () => readonly LogSource[];
  readonly resources: ResourceApi;
  readonly pods: PodCounter;
  /** Where stored lines and templates are counted; without it only `matchedPods` is shown. */
  readonly stored?: StoredFiguresReader;
  readonly intervalMs: number;
  /** Only the leader writes status. */
  readonly isLeader: () => boolean;
  readonly logger: Logger;
}

/**
 * Keeps the figures of every LogSource's status current (`matchedPods`, `linesIngested`, `templates`,
 * `lastIngestTime`): every interval it counts the pods each selector matches and reads what was stored of
 * each source, and patches the status of the sources whose figures changed. A failure is logged and the
 * next round tries again; reconciles are never held up by it.
 */
export class SourceStatusRefresher {
  #loop: PeriodicRun | undefined;
  #storeFailing = false;

  constructor(private readonly options: SourceStatusRefresherOptions) {}

  start(): void {
    this.#loop = runPeriodically(
      () => this.refresh(),
      this.options.intervalMs,
      (err) =>
        this.options.logger.warn({ err }, 'LogSource status figures not refreshed; retrying next round'),
      { immediately: false },
    );
  }

  async stop(): Promise<void> {
    await this.#loop?.stop();
  }

  /** One round; returns how many statuses were patched. */
  async refresh(): Promise<number> {
    if (!this.options.isLeader()) return 0;
    const sources = this.options.sources().filter((s) => !s.metadata.deletionTimestamp);
    if (sources.length === 0) return 0;
    const stored = await this.#readStored(sources.map(sourceNameOf));
    let patched = 0;
    for (const source of sources) {
      const namespace = source.metadata.namespace ?? '';
      const pods = await this.options.pods.countPods(namespace, labelSelectorQuery(source.spec.selector));
      const figures = statusFigures(pods, stored?.get(sourceNameOf(source)), stored !== undefined);
      const changed = changedFigures(source.status, figures);
      if (Object.keys(changed).length === 0) continue;
      await this.options.resources.patchStatus(LOG_SOURCE_KIND, namespace, source.metadata.name, changed);
      patched++;
    }
    return patched;
  }

  async #readStored(names: readonly string[]): Promise<ReadonlyMap<string, StoredFigures> | undefined> {
    if (!this.options.stored) return undefined;
    try {
      const figures = await this.options.stored.figuresOf(names);
      if (this.#storeFailing) this.options.logger.info('stored figures of LogSources readable again');
      this.#storeFailing = false;
      return figures;
    } catch (err) {
      // Said once per outage: the operator's own work does not need the store.
      if (!this.#storeFailing) {
        this.options.logger.warn({ err }, 'stored figures of LogSources unreadable; showing pods only');
      }
      this.#storeFailing = true;
      return undefined;
    }
  }
}
