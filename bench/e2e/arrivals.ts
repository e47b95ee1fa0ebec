/**
 * Watches PostgreSQL for the batches the parser made durable. The parser records a raw batch's id in
 * `processed_batches` in the transaction that stores its events, so the moment an id is visible here its rows
 * are queryable: the watcher notes that moment for each batch.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '@loglens/platform';

export interface ArrivalWatcher {
  /** Epoch ms at which each batch id was first seen committed. */
  readonly seen: ReadonlyMap<string, number>;
  /** Resolves once every id is seen, or rejects after `timeoutMs` without progress. */
  waitFor(ids: readonly string[], timeoutMs: number): Promise<void>;
  stop(): void;
}

export function watchArrivals(database: DatabaseHandle, tenantId: string, pollMs = 25): ArrivalWatcher {
  const seen = new Map<string, number>();
  let stopped = false;
  let lastProgress = Date.now();
  const poll = async (): Promise<void> => {
    while (!stopped) {
      // The table holds one row per batch (a few thousand per run), so a full read stays cheap.
      const { rows } = await sql<{ id: string }>`
        select id from processed_batches where tenant_id = ${tenantId}`.execute(database.db);
      const now = Date.now();
      for (const { id } of rows) {
        if (!seen.has(id)) {
          seen.set(id, now);
          lastProgress = now;
        }
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  const running = poll();
  return {
    seen,
    async waitFor(ids, timeoutMs) {
      lastProgress = Date.now();
      for (;;) {
        const missing = ids.filter((id) => !seen.has(id)).length;
        if (missing === 0) return;
        if (Date.now() - lastProgress > timeoutMs) {
          throw new Error(
            `${missing} of ${ids.length} batches not stored after ${timeoutMs} ms without progress`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop() {
      stopped = true;
      void running;
    },
  };
}
