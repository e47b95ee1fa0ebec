import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { UnavailableError } from '../errors/index.js';
import type { ApiKeyResolver, AuthenticatedTenant } from '../grpc/api-key-resolver.js';
import { generateApiKey, hashApiKey, parseApiKeyId } from '../grpc/api-key.js';
import { SQLSTATE, TenantExistsError, TenantNotFoundError, sqlState } from './api-key-errors.js';
import type { PostgresLogger } from './logger.js';
import type { Database } from './schema.js';

/** A key's metadata; the secret and its hash never leave the store. */
export interface ApiKeyInfo {
  readonly keyId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** A tenant as created. */
export interface TenantInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

/** Tenants and their API keys; also the `ApiKeyResolver` of the gRPC auth. */
export interface ApiKeyStore extends ApiKeyResolver {
  /** Creates a tenant; throws `TenantExistsError` when the name is taken. */
  createTenant(name: string): Promise<TenantInfo>;
  /** Creates a key and returns it whole, the only time it is available; throws `TenantNotFoundError`. */
  createKey(tenantId: string, name: string): Promise<{ keyId: string; key: string }>;
  /** Revokes a key; returns false when no active key has this id. */
  revokeKey(keyId: string): Promise<boolean>;
  /** Every key of a tenant, revoked ones included, oldest first. */
  listKeys(tenantId: string): Promise<ApiKeyInfo[]>;
  /**
   * The owner of a presented key, or undefined when it is malformed, unknown, wrong or revoked; throws
   * `UnavailableError` when the database cannot be asked.
   */
  resolve(presentedKey: string): Promise<AuthenticatedTenant | undefined>;
}

/** Options of {@link createPostgresApiKeyStore}. */
export interface ApiKeyStoreOptions {
  readonly logger?: PostgresLogger;
  /** Write `last_used_at` at most this often per key. @default 60000 */
  readonly touchIntervalMs?: number;
  /** Clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

function sameHash(presented: string, storedHex: string): boolean {
  const a = Buffer.from(hashApiKey(presented), 'hex');
  const b = Buffer.from(storedHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An {@link ApiKeyStore} over PostgreSQL (`tenants`, `api_keys`). */
export function createPostgresApiKeyStore(
  db: Kysely<Database>,
  options: ApiKeyStoreOptions = {},
): ApiKeyStore {
  const touchIntervalMs = options.touchIntervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  // When this process last wrote (or saw) last_used_at per key, so most calls skip the write entirely.
  const lastTouched = new Map<string, number>();

  async function touch(keyId: string, storedLastUsed: Date | null): Promise<void> {
    const at = now();
    const seen = Math.max(lastTouched.get(keyId) ?? -Infinity, storedLastUsed?.getTime() ?? -Infinity);
    if (at - seen < touchIntervalMs) return;
    lastTouched.set(keyId, at);
    try {
      // The guard keeps replicas that race here to one write per interval.
      await db
        .updateTable('api_keys')
        .set({ last_used_at: new Date(at) })
        .where('id', '=', keyId)
        .where((eb) =>
          eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', new Date(at - touchIntervalMs))]),
        )
        .execute();
    } catch (err) {
      // Bookkeeping only: a failed write must not turn a valid key away.
      options.logger?.warn({ err, keyId }, 'could not record API key use');
    }
  }

  return {
    async createTenant(name) {
      try {
        const row = await db
          .insertInto('tenants')
          .values({ name })
          .returning(['id', 'name', 'created_at'])
          .executeTakeFirstOrThrow();
        return { id: row.id, name: row.name, createdAt: row.created_at };
      } catch (err) {
        if (sqlState(err) === SQLSTATE.uniqueViolation) throw new TenantExistsError(name, { cause: err });
        throw err;
      }
    },

    async createKey(tenantId, name) {
      const { keyId, key } = generateApiKey();
      try {
        await db
          .insertInto('api_keys')
          .values({ id: keyId, tenant_id: tenantId, hash: hashApiKey(key), name })
          .execute();
      } catch (err) {
        const state = sqlState(err);
        if (state === SQLSTATE.foreignKeyViolation || state === SQLSTATE.invalidTextRepresentation) {
          throw new TenantNotFoundError(tenantId, { cause: err });
        }
        throw err;
      }
      return { keyId, key };
    },

    async revokeKey(keyId) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: new Date(now()) })
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      lastTouched.delete(keyId);
      return result.numUpdatedRows > 0n;
    },

    async listKeys(tenantId) {
      const rows = await db
        .selectFrom('api_keys')
        .select(['id', 'tenant_id', 'name', 'created_at', 'revoked_at', 'last_used_at'])
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
        .catch((err: unknown) => {
          // A tenant id that is not even a UUID has no keys.
          if (sqlState(err) === SQLSTATE.invalidTextRepresentation) return [];
          throw err;
        });
      return rows.map((r) => ({
        keyId: r.id,
        tenantId: r.tenant_id,
        name: r.name,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
        lastUsedAt: r.last_used_at,
      }));
    },

    async resolve(presentedKey) {
      const keyId = parseApiKeyId(presentedKey);
      if (keyId === undefined) return undefined;
      const row = await db
        .selectFrom('api_keys')
        .select(['tenant_id', 'hash', 'revoked_at', 'last_used_at'])
        .where('id', '=', keyId)
        .executeTakeFirst()
        .catch((err: unknown) => {
          // The gRPC layer answers UNAVAILABLE for this, not UNAUTHENTICATED: the key may well be fine.
          throw new UnavailableError('API keys cannot be checked right now', { cause: err });
        });
      if (!row || row.revoked_at !== null || !sameHash(presentedKey, row.hash)) return undefined;
      await touch(keyId, row.last_used_at);
      return { tenantId: row.tenant_id, keyId };
    },
  };
}
