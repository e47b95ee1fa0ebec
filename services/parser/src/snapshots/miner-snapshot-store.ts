import { SNAPSHOT_VERSION, type MinerSnapshot } from '@loglens/logparse';
import type { DatabaseHandle } from '@loglens/platform';

/** Owner of the parser's rows in `model_snapshots`. */
export const SNAPSHOT_OWNER = 'parser';

/** Saved miner states by key (`<tenant>/<source>`); what the pipelines restore from. */
export interface MinerSnapshotStore {
  /** The stored snapshots of these keys (absent keys have none). */
  load(keys: readonly string[]): Promise<Map<string, unknown>>;
  save(entries: readonly { readonly key: string; readonly snapshot: MinerSnapshot }[]): Promise<void>;
}

/** A {@link MinerSnapshotStore} in the `model_snapshots` table, owner `parser`. */
export function createPostgresSnapshotStore(database: DatabaseHandle): MinerSnapshotStore {
  return {
    async load(keys) {
      if (keys.length === 0) return new Map();
      const rows = await database.db
        .selectFrom('model_snapshots')
        .select(['key', 'data'])
        .where('owner', '=', SNAPSHOT_OWNER)
        .where('key', 'in', keys)
        .execute();
      return new Map(rows.map((r) => [r.key, r.data as unknown]));
    },
    async save(entries) {
      for (const { key, snapshot } of entries) {
        const data = JSON.stringify(snapshot);
        await database.db
          .insertInto('model_snapshots')
          .values({ owner: SNAPSHOT_OWNER, key, version: SNAPSHOT_VERSION, data })
          .onConflict((oc) =>
            oc
              .columns(['owner', 'key'])
              .doUpdateSet({ version: SNAPSHOT_VERSION, data, updated_at: new Date() }),
          )
          .execute();
      }
    },
  };
}
