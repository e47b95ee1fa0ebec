import { MAX_PARTITIONS, type Logger } from '@loglens/platform';
import type { KV, NatsConnection } from 'nats';
import { assignPartitions } from './assignment.js';
import { ChangeQueue, type OwnershipListener } from './change-queue.js';
import { Leases } from './leases.js';
import {
  memberKey,
  openOwnershipBucket,
  ownerKey,
  readMembers,
  readOwner,
  replicaValue,
} from './ownership-bucket.js';

/** Options of {@link createPartitionOwnership}. */
export interface PartitionOwnershipOptions {
  /** The NATS connection; the bucket is opened through its JetStream context. */
  readonly connection: NatsConnection;
  /** Topology prefix (`LOGLENS_NATS_PREFIX`); the bucket is `<prefix>loglens-parser-owners`. */
  readonly prefix?: string;
  /** Unique per process (e.g. pod name plus a random suffix), 1–64 of `A-Z a-z 0-9 _ -`. */
  readonly replicaId: string;
  /** Partitions P of the raw subjects (`LOGLENS_PARTITIONS`); every replica must use the same P. */
  readonly partitions: number;
  /** How often the replica heartbeats and reconciles its claims. @default 2000 */
  readonly heartbeatMs?: number;
  /** A replica silent this long is gone; becomes the bucket `max_age` when the bucket is created. @default 10000 */
  readonly timeoutMs?: number;
  /** Told about every change of ownership (acquired, lost, revoked partitions), one change at a time. */
  readonly onChange: OwnershipListener;
  readonly logger: Logger;
}

/** Which partitions this replica may mine, kept in agreement with the other replicas through NATS KV. */
export interface PartitionOwnership {
  /** Opens the bucket, heartbeats, claims the first partitions, and keeps doing so every heartbeat. */
  start(): Promise<void>;
  /** Hands every partition back (through `onChange`), leaves the membership and stops. */
  stop(): Promise<void>;
  /** The partitions this replica may process now: claimed, not being handed over, within their lease. */
  owned(): ReadonlySet<number>;
  /** The KV revision of this replica's current claim of `partition`, a fencing token; undefined if not held. */
  claimRevision(partition: number): number | undefined;
}

/** Thrown for options that cannot give safe leases. */
export class OwnershipConfigError extends Error {
  override readonly name = 'OwnershipConfigError';
}

function isCasConflict(error: unknown): boolean {
  const apiError = (error as { api_error?: { err_code?: number } } | undefined)?.api_error;
  return apiError?.err_code === 10071;
}

/**
 * Partition ownership for parser replicas: each replica heartbeats `parser.member.<id>`, computes the same
 * rendezvous assignment of partitions over the live members, and owns a partition only after writing
 * `parser.owner.<p>` with compare-and-set. Partitions that move away are announced as `lost`, released (CAS
 * delete) only after the listener resolved, so the core loop can flush and snapshot first; the next owner
 * then loads that snapshot.
 */
export function createPartitionOwnership(options: PartitionOwnershipOptions): PartitionOwnership {
  const { replicaId, partitions, onChange } = options;
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new OwnershipConfigError(`partitions must be between 1 and ${MAX_PARTITIONS}, got ${partitions}`);
  }
  if (timeoutMs < 3 * heartbeatMs) {
    throw new OwnershipConfigError(
      `timeoutMs (${timeoutMs}) must be at least 3 × heartbeatMs (${heartbeatMs}) to renew leases in time`,
    );
  }
  const log = options.logger.child({ component: 'partition-ownership', replica: replicaId });
  const myKey = memberKey(replicaId);
  const value = replicaValue(replicaId);
  const changes = new ChangeQueue(onChange, log);
  let kv: KV | undefined;
  let leases: Leases | undefined;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  function revoke(bucketLeases: Leases, lost: number[], reason: string): void {
    if (lost.length === 0) return;
    for (const p of lost) bucketLeases.drop(p);
    log.warn({ partitions: lost, reason }, 'partitions revoked');
    changes.push({ acquired: [], lost: [], revoked: lost });
  }

  async function releaseDone(bucket: KV, held: Leases): Promise<void> {
    for (const p of held.held().filter((q) => held.isReleased(q))) {
      try {
        await bucket.delete(ownerKey(p), { previousSeq: held.revision(p) ?? 0 });
        log.info({ partition: p }, 'partition released');
      } catch (error) {
        if (!isCasConflict(error)) throw error;
        // Someone rewrote the key after our lease lapsed: it is no longer ours to delete.
      }
      held.drop(p);
    }
  }

  async function renew(bucket: KV, held: Leases, heartbeatAt: number): Promise<void> {
    const taken: number[] = [];
    await Promise.all(
      held.held().map(async (p) => {
        try {
          const revision = await bucket.update(ownerKey(p), value, held.revision(p) ?? 0);
          held.renewed(p, revision, heartbeatAt);
        } catch (error) {
          if (isCasConflict(error)) taken.push(p);
          else log.warn({ err: error, partition: p }, 'could not renew a partition lease');
        }
      }),
    );
    revoke(held, taken, 'the owner key was rewritten by another replica');
  }

  async function claim(bucket: KV, held: Leases, members: Set<string>, heartbeatAt: number): Promise<void> {
    const desired = stopping ? [] : assignPartitions([...members, replicaId], partitions);
    const lost = held.held().filter((p) => desired[p] !== replicaId && !held.isReleasing(p));
    const tokens = lost.map((p) => held.markReleasing(p));
    const candidates = desired.flatMap((owner, p) => (owner === replicaId && !held.has(p) ? [p] : []));
    const acquired: number[] = [];
    // Settled one by one: a failed read must not hide a claim that succeeded beside it.
    const outcomes = await Promise.allSettled(
      candidates.map(async (p) => {
        const { owner, revision } = await readOwner(bucket, p);
        // A live replica keeps its partition until it has flushed and released it.
        if (owner && owner.replica !== replicaId && members.has(owner.replica)) return;
        try {
          held.hold(p, await bucket.put(ownerKey(p), value, { previousSeq: revision }), heartbeatAt);
          acquired.push(p);
        } catch (error) {
          if (!isCasConflict(error)) throw error;
        }
      }),
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') log.warn({ err: outcome.reason }, 'could not claim a partition');
    }
    if (acquired.length > 0 || lost.length > 0) {
      acquired.sort((a, b) => a - b);
      log.info({ acquired, lost }, 'partition ownership changed');
      changes.push({ acquired, lost, revoked: [] }, () => {
        lost.forEach((p, i) => held.markReleased(p, tokens[i]));
        wake?.();
      });
    }
  }

  async function tick(bucket: KV, held: Leases): Promise<void> {
    revoke(held, held.lapsed(performance.now()), 'the lease lapsed before it could be renewed');
    await releaseDone(bucket, held);
    if (stopping && held.size === 0) return;
    const heartbeatAt = performance.now();
    await bucket.put(myKey, value);
    await renew(bucket, held, heartbeatAt);
    await claim(bucket, held, await readMembers(bucket), heartbeatAt);
  }

  async function run(bucket: KV, held: Leases): Promise<void> {
    while (!stopping || held.size > 0) {
      try {
        await tick(bucket, held);
      } catch (error) {
        log.warn({ err: error }, 'partition ownership round failed; retrying');
      }
      if (stopping && held.size === 0) break;
      await sleep(heartbeatMs);
    }
  }

  return {
    async start() {
      if (kv) throw new Error('partition ownership already started');
      const js = options.connection.jetstream();
      const bucket = await openOwnershipBucket(js, { prefix: options.prefix ?? '', ttlMs: timeoutMs });
      if (bucket.ttlMs !== timeoutMs) {
        log.warn({ bucketTtlMs: bucket.ttlMs, timeoutMs }, 'the bucket keeps its own max_age as the timeout');
      }
      if (bucket.ttlMs < 3 * heartbeatMs) {
        throw new OwnershipConfigError(`the bucket max_age ${bucket.ttlMs}ms is under 3 heartbeats`);
      }
      kv = bucket.kv;
      leases = new Leases(bucket.ttlMs, heartbeatMs);
      await tick(kv, leases);
      loop = run(kv, leases);
      log.info({ partitions, heartbeatMs, timeoutMs: bucket.ttlMs }, 'partition ownership started');
    },
    async stop() {
      if (!kv || stopping) return;
      stopping = true;
      wake?.();
      await loop;
      await changes.drained();
      try {
        await kv.delete(myKey);
      } catch (error) {
        log.warn({ err: error }, 'could not leave the membership; the heartbeat will expire');
      }
      log.info('partition ownership stopped');
    },
    owned: () => leases?.processable(performance.now()) ?? new Set(),
    claimRevision: (partition) => leases?.revision(partition),
  };
}
