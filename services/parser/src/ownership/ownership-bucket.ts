import { assertSubjectToken } from '@loglens/platform';
import { StorageType, type JetStreamClient, type KV } from 'nats';

/** Base name of the bucket where parser replicas announce themselves and claim partitions. */
export const OWNERSHIP_BUCKET = 'loglens-parser-owners';

const MEMBER_PREFIX = 'parser.member.';
const OWNER_PREFIX = 'parser.owner.';
const encoder = new TextEncoder();

/** Key a replica heartbeats to stay a member: `parser.member.<replicaId>`. */
export function memberKey(replicaId: string): string {
  return `${MEMBER_PREFIX}${assertSubjectToken('replica id', replicaId)}`;
}

/** Key naming the replica that owns a partition: `parser.owner.<partition>`. */
export function ownerKey(partition: number): string {
  return `${OWNER_PREFIX}${partition}`;
}

/** The value written under member and owner keys: the replica id as UTF-8 text. */
export function replicaValue(replicaId: string): Uint8Array {
  return encoder.encode(replicaId);
}

/** The bucket and the key lifetime it really has (which is what leases must be measured against). */
export interface OwnershipBucket {
  readonly kv: KV;
  /** `max_age` of the bucket: a key not rewritten for this long is removed by the server. */
  readonly ttlMs: number;
}

/**
 * Opens `<prefix>loglens-parser-owners`, creating it with `ttlMs` as its `max_age` when absent. An existing
 * bucket is bound as it is and its own `max_age` is returned: replicas must all measure leases against the
 * lifetime the server enforces, so a different configured timeout never shortens it under a running replica.
 */
export async function openOwnershipBucket(
  js: JetStreamClient,
  options: { readonly prefix: string; readonly ttlMs: number; readonly replicas?: number },
): Promise<OwnershipBucket> {
  const kv = await js.views.kv(`${options.prefix}${OWNERSHIP_BUCKET}`, {
    ttl: options.ttlMs,
    // A few revisions per key help an operator follow a hand-over with `nats kv history`.
    history: 5,
    replicas: options.replicas ?? 1,
    storage: StorageType.File,
  });
  const { ttl } = await kv.status();
  return { kv, ttlMs: ttl };
}

/** The ids of the replicas whose member key is present (not expired, not deleted). */
export async function readMembers(kv: KV): Promise<Set<string>> {
  const members = new Set<string>();
  for await (const key of await kv.keys(`${MEMBER_PREFIX}*`)) members.add(key.slice(MEMBER_PREFIX.length));
  return members;
}

/** The current owner key of a partition, or undefined when it is absent or deleted. */
export interface OwnerRecord {
  readonly replica: string;
  readonly revision: number;
}

/** Reads `parser.owner.<partition>`; `revision` is what a takeover must `update` at. */
export async function readOwner(
  kv: KV,
  partition: number,
): Promise<{ owner: OwnerRecord | undefined; revision: number }> {
  const entry = await kv.get(ownerKey(partition));
  if (!entry) return { owner: undefined, revision: 0 };
  if (entry.operation !== 'PUT') return { owner: undefined, revision: entry.revision };
  return { owner: { replica: entry.string(), revision: entry.revision }, revision: entry.revision };
}
