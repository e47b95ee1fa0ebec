import { closeNats, connectNats, silentLogger } from '@loglens/platform';
import { natsUrl, uniquePrefix } from '@loglens/testing';
import type { KvEntry, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignPartitions, partitionsOf } from '../src/ownership/index.js';
import { openOwnershipBucket } from '../src/ownership/ownership-bucket.js';
import {
  eventually,
  ownedSetsDisjoint,
  recordOwnerHistory,
  startReplica,
  TIMEOUT_MS,
  type TestReplica,
} from './ownership-harness.js';

const PARTITIONS = 12;

function ownedBy(replicas: readonly TestReplica[]): Map<string, number[]> {
  return new Map(replicas.map((r) => [r.id, [...r.ownership.owned()].sort((a, b) => a - b)]));
}

/** Every partition owned by exactly the replica the assignment over `replicas` names, and announced so. */
function converged(replicas: readonly TestReplica[]): boolean {
  const assignment = assignPartitions(
    replicas.map((r) => r.id),
    PARTITIONS,
  );
  return replicas.every((r) => {
    const expected = partitionsOf(assignment, r.id);
    const owned = ownedBy([r]).get(r.id) ?? [];
    const announced = [...r.announced].sort((a, b) => a - b);
    return (
      JSON.stringify(owned) === JSON.stringify(expected) &&
      JSON.stringify(announced) === JSON.stringify(expected)
    );
  });
}

describe('partition ownership', () => {
  const prefix = uniquePrefix();
  let nc: NatsConnection;
  let history: { entries: KvEntry[]; stop(): void };
  const replicas: TestReplica[] = [];
  const overlaps: string[] = [];
  let sampler: NodeJS.Timeout;

  // Checked every few milliseconds all along, and again whenever a replica is told it acquired partitions.
  const checkDisjoint = (when: string) => {
    if (!ownedSetsDisjoint(replicas)) overlaps.push(`${when}: ${JSON.stringify([...ownedBy(replicas)])}`);
  };
  const onAcquired = (replica: string, partitions: readonly number[]) => {
    for (const other of replicas) {
      for (const p of partitions) {
        if (other.id !== replica && other.ownership.owned().has(p)) {
          overlaps.push(`${replica} acquired ${p} while ${other.id} owns it`);
        }
      }
    }
  };
  const start = async (id: string) => {
    const replica = await startReplica({ id, prefix, partitions: PARTITIONS, onAcquired });
    replicas.push(replica);
    return replica;
  };
  const live = () => replicas.filter((r) => !r.connection.isClosed() && r.id !== 'parser-stopped');

  beforeAll(async () => {
    nc = await connectNats({ servers: natsUrl(), name: 'ownership-test', logger: silentLogger() });
    const bucket = await openOwnershipBucket(nc.jetstream(), { prefix, ttlMs: TIMEOUT_MS });
    history = await recordOwnerHistory(bucket.kv);
    sampler = setInterval(() => checkDisjoint('sample'), 5);
  });

  afterAll(async () => {
    clearInterval(sampler);
    history.stop();
    for (const r of replicas) {
      await r.ownership.stop();
      if (!r.connection.isClosed()) await closeNats(r.connection);
    }
    await closeNats(nc);
  });

  it('gives one replica every partition', async () => {
    await start('parser-a');
    await eventually('one replica owns everything', () => converged(replicas));
    expect(replicas[0]!.changes[0]?.acquired).toHaveLength(PARTITIONS);
  });

  it('splits the partitions between two and then three replicas, disjoint and complete', async () => {
    await start('parser-b');
    await eventually('two replicas converge', () => converged(replicas));
    const [a, b] = replicas;
    expect(new Set([...a!.ownership.owned(), ...b!.ownership.owned()]).size).toBe(PARTITIONS);

    await start('parser-c');
    await eventually('three replicas converge', () => converged(replicas));
    // Rendezvous hashing: the newcomer's partitions are the only ones that moved.
    const lost = replicas.flatMap((r) => r.changes.flatMap((c) => c.lost));
    expect(lost.length).toBeGreaterThan(0);
  });

  it('hands the partitions of a replica that stops to the others', async () => {
    const stopped = replicas.find((r) => r.id === 'parser-c')!;
    await stopped.ownership.stop();
    expect(stopped.ownership.owned().size).toBe(0);
    const released = stopped.changes.at(-1);
    expect(released?.lost.length).toBeGreaterThan(0);
    replicas.splice(replicas.indexOf(stopped), 1);
    await closeNats(stopped.connection);
    await eventually('the other two take over', () => converged(replicas));
  });

  it('takes over from a replica that stops heartbeating, once its lease has lapsed', async () => {
    const crashed = await start('parser-d');
    await eventually('a fourth replica joins', () => converged(replicas));
    const itsPartitions = [...crashed.ownership.owned()];
    expect(itsPartitions.length).toBeGreaterThan(0);
    // Losing its connection stops its heartbeats and renewals at once, as a crash or a network split would.
    await crashed.connection.close();
    const survivors = replicas.filter((r) => r !== crashed);
    await eventually('the survivors own everything', () => converged(survivors));
    // The crashed replica fenced itself: its lease lapsed before anyone else could claim its partitions.
    expect(crashed.ownership.owned().size).toBe(0);
    await eventually('the crashed replica is told', () => crashed.announced.size === 0);
    expect([...(crashed.changes.at(-1)?.revoked ?? [])].sort()).toEqual(itsPartitions.sort());
    await crashed.ownership.stop();
    replicas.splice(replicas.indexOf(crashed), 1);
  });

  it('never let two replicas own a partition at once', async () => {
    expect(overlaps).toEqual([]);
    // In the bucket's history, a new owner follows a release (a delete marker) or a replica that was gone.
    await eventually('the watcher caught up', () => history.entries.length > 0);
    const byKey = new Map<string, KvEntry[]>();
    for (const e of history.entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
    expect(byKey.size).toBe(PARTITIONS);
    for (const entries of byKey.values()) {
      let previous: KvEntry | undefined;
      for (const entry of entries) {
        if (
          previous?.operation === 'PUT' &&
          entry.operation === 'PUT' &&
          previous.string() !== entry.string()
        ) {
          expect(previous.string()).toBe('parser-d');
        }
        previous = entry;
      }
    }
    expect(live().length).toBe(2);
  });
});
