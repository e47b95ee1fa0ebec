import { connectNats, silentLogger } from '@loglens/platform';
import { natsUrl } from '@loglens/testing';
import { KvWatchInclude, type KV, type KvEntry, type NatsConnection } from 'nats';
import {
  createPartitionOwnership,
  type OwnershipChange,
  type PartitionOwnership,
} from '../src/ownership/index.js';

/** Fast enough for tests, with the same 1:10 ratio as the defaults. */
export const HEARTBEAT_MS = 100;
export const TIMEOUT_MS = 1_000;

/** A replica of the ownership protocol with its own NATS connection and a log of what it was told. */
export interface TestReplica {
  readonly id: string;
  readonly ownership: PartitionOwnership;
  readonly connection: NatsConnection;
  readonly changes: OwnershipChange[];
  /** Partitions as the listener saw them: acquired minus lost and revoked. */
  readonly announced: Set<number>;
}

/** Starts a replica on its own connection; `onAcquired` runs inside the listener before it returns. */
export async function startReplica(options: {
  readonly id: string;
  readonly prefix: string;
  readonly partitions: number;
  readonly onAcquired?: (replica: string, partitions: readonly number[]) => void;
}): Promise<TestReplica> {
  const connection = await connectNats({ servers: natsUrl(), name: options.id, logger: silentLogger() });
  const changes: OwnershipChange[] = [];
  const announced = new Set<number>();
  const ownership = createPartitionOwnership({
    connection,
    prefix: options.prefix,
    replicaId: options.id,
    partitions: options.partitions,
    heartbeatMs: HEARTBEAT_MS,
    timeoutMs: TIMEOUT_MS,
    logger: silentLogger(),
    onChange: async (change) => {
      changes.push(change);
      options.onAcquired?.(options.id, change.acquired);
      for (const p of change.acquired) announced.add(p);
      for (const p of [...change.lost, ...change.revoked]) announced.delete(p);
      // A real core loop flushes and snapshots here; take a little time so hand-overs overlap ticks.
      if (change.lost.length > 0) await new Promise((r) => setTimeout(r, 3 * HEARTBEAT_MS));
    },
  });
  await ownership.start();
  return { id: options.id, ownership, connection, changes, announced };
}

/** Polls `check` until it returns true; fails with `what` after `limitMs` (a liveness bound, not a timing). */
export async function eventually(what: string, check: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every revision written to the owner keys from now on, in order, collected by a watcher. */
export async function recordOwnerHistory(kv: KV): Promise<{ entries: KvEntry[]; stop(): void }> {
  const entries: KvEntry[] = [];
  const watcher = await kv.watch({ key: 'parser.owner.>', include: KvWatchInclude.AllHistory });
  void (async () => {
    for await (const entry of watcher) entries.push(entry);
  })();
  return { entries, stop: () => watcher.stop() };
}

/** True when no partition is in the `owned()` set of two replicas. */
export function ownedSetsDisjoint(replicas: readonly TestReplica[]): boolean {
  const seen = new Set<number>();
  for (const r of replicas) {
    for (const p of r.ownership.owned()) {
      if (seen.has(p)) return false;
      seen.add(p);
    }
  }
  return true;
}
