import { setImmediate as nextTurn } from 'node:timers/promises';
import { partitionOf, type Logger } from '@loglens/platform';
import type { OwnedPartitionsGate } from './consumer/partition-gate.js';
import type { PartitionedSource } from './consumer/partitioned-source.js';
import type { OwnershipListener } from './ownership/index.js';
import type { SourceFilter, SourcePipelines } from './parse/source-pipelines.js';

/** What the hand-over works on. */
export interface HandoverDeps {
  readonly gate: OwnedPartitionsGate;
  readonly source: PartitionedSource;
  readonly pipelines: SourcePipelines;
  /** Saves the changed miners `which` accepts; rejects when the save failed. */
  readonly saveMiners: (which: SourceFilter) => Promise<void>;
  /** Partitions P of the raw subjects. */
  readonly partitions: number;
  readonly logger: Logger;
}

/** The (tenant, source) pairs whose partition is one of `partitions`. */
export function sourcesIn(partitions: readonly number[], count: number): SourceFilter {
  const set = new Set(partitions);
  return (tenantId, source) => set.has(partitionOf(tenantId, source, count));
}

/**
 * Reacts to ownership changes. Acquired partitions need nothing: their miners are restored from snapshots
 * when their first batch is parsed. Lost partitions are drained (no new groups; in-flight groups commit and
 * ack), their miners saved and dropped, and only then released to the next owner. Revoked partitions are
 * gone already: their miners are dropped without a save, which could overwrite the new owner's.
 */
export function createHandover(deps: HandoverDeps): OwnershipListener {
  const log = deps.logger;
  return async ({ acquired, lost, revoked }) => {
    if (revoked.length > 0) {
      const evicted = deps.pipelines.evict(sourcesIn(revoked, deps.partitions));
      log.warn({ partitions: revoked, evicted }, 'partitions revoked; their miners dropped unsaved');
    }
    if (lost.length > 0) {
      const inLost = sourcesIn(lost, deps.partitions);
      for (const p of lost) deps.gate.draining.add(p);
      try {
        await deps.source.idle(lost);
        // A pull that just ended reaches the gate on the loop's next step; let it, then wait for its groups.
        await nextTurn();
        await deps.gate.idle(lost);
        await deps
          .saveMiners(inLost)
          .catch((err: unknown) =>
            log.error(
              { err, partitions: lost },
              'miner snapshot before hand-over failed; the next owner starts from the previous one',
            ),
          );
        const evicted = deps.pipelines.evict(inLost);
        log.info({ partitions: lost, evicted }, 'partitions handed over');
      } finally {
        for (const p of lost) deps.gate.draining.delete(p);
      }
    }
    if (acquired.length > 0) log.info({ partitions: acquired }, 'partitions acquired');
  };
}
