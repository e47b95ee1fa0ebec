import { logSourceName, type LogSource, type LogSourceStatus } from '@loglens/resources';

/** What LogLens stored of one source, across tenants. */
export interface StoredFigures {
  /** Lines stored. */
  readonly lines: number;
  /** Templates in use (not generalised into another). */
  readonly templates: number;
  /** Event time of the newest stored line. */
  readonly lastLineTime: Date | undefined;
}

/** The figures a LogSource's status shows (`kubectl get logsources`: Pods, Templates, Lines, Last Ingest). */
export type SourceStatusFigures = Pick<
  LogSourceStatus,
  'matchedPods' | 'linesIngested' | 'templates' | 'lastIngestTime'
>;

/** Counts the pods of a namespace a label selector (query text) matches. */
export interface PodCounter {
  countPods(namespace: string, labelSelector: string): Promise<number>;
}

/** Reads what was stored of sources, by source name (`<namespace>/<name>`); sources with nothing are absent. */
export interface StoredFiguresReader {
  figuresOf(sources: readonly string[]): Promise<ReadonlyMap<string, StoredFigures>>;
}

/** The source name a LogSource configures. */
export function sourceNameOf(resource: LogSource): string {
  return logSourceName(resource.metadata.namespace ?? '', resource.metadata.name);
}

/** The status figures of a source; stored figures are left out when unknown (no store, or it failed). */
export function statusFigures(
  matchedPods: number,
  stored: StoredFigures | undefined,
  storeRead: boolean,
): SourceStatusFigures {
  if (!storeRead) return { matchedPods };
  return {
    matchedPods,
    linesIngested: stored?.lines ?? 0,
    templates: stored?.templates ?? 0,
    ...(stored?.lastLineTime ? { lastIngestTime: stored.lastLineTime.toISOString() } : {}),
  };
}

/** The figures that differ from the status (an unchanged status is not written again). */
export function changedFigures(
  status: LogSourceStatus | undefined,
  figures: SourceStatusFigures,
): Partial<SourceStatusFigures> {
  const changed: Partial<Record<keyof SourceStatusFigures, unknown>> = {};
  for (const key of Object.keys(figures) as (keyof SourceStatusFigures)[]) {
    if (status?.[key] !== figures[key]) changed[key] = figures[key];
  }
  return changed as Partial<SourceStatusFigures>;
}
