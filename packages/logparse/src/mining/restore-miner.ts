import { stateFromSnapshot } from './miner-snapshot.js';
import type { MinerOptions, TemplateMiner } from './miner-types.js';
import { minerOver, resolveMinerOptions } from './template-miner.js';

/**
 * Restores a miner from `snapshot()` output (parsed JSON); it continues exactly where the original was.
 * Options given here replace the snapshot's; throws `MinerSnapshotError` on an unknown version.
 */
export function restoreTemplateMiner(snapshot: unknown, options?: MinerOptions): TemplateMiner {
  return minerOver(stateFromSnapshot(snapshot, options ? resolveMinerOptions(options) : undefined));
}
