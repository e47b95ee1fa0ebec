import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyResolver, AuthenticatedTenant } from './api-key-resolver.js';
import { hashApiKey, parseApiKeyId } from './api-key.js';

/** One key of a static key list (a config file or a test). */
export interface StaticApiKeyEntry {
  readonly tenantId: string;
  readonly keyId: string;
  /** `hashApiKey(key)`: 64 hex characters. */
  readonly sha256: string;
  /** A revoked key stays listed so that logs can still name it, but no longer authenticates. */
  readonly revoked?: boolean;
}

/** An `ApiKeyResolver` over a fixed list of hashed keys. */
export class StaticApiKeyResolver implements ApiKeyResolver {
  readonly #entries: ReadonlyMap<string, StaticApiKeyEntry>;

  constructor(entries: readonly StaticApiKeyEntry[]) {
    const byId = new Map<string, StaticApiKeyEntry>();
    for (const entry of entries) {
      if (!/^[0-9a-f]{64}$/.test(entry.sha256)) {
        throw new Error(`API key ${entry.keyId}: sha256 must be 64 lowercase hex characters`);
      }
      if (byId.has(entry.keyId)) throw new Error(`API key ${entry.keyId} is listed twice`);
      byId.set(entry.keyId, { ...entry });
    }
    this.#entries = byId;
  }

  /** Returns the tenant of a listed, unrevoked key whose hash matches. */
  resolve(presentedKey: string): Promise<AuthenticatedTenant | undefined> {
    const keyId = parseApiKeyId(presentedKey);
    const entry = keyId === undefined ? undefined : this.#entries.get(keyId);
    if (entry === undefined || entry.revoked === true) return Promise.resolve(undefined);
    // Both sides are 32-byte digests, so the comparison time says nothing about the stored hash.
    const presented = Buffer.from(hashApiKey(presentedKey), 'hex');
    const stored = Buffer.from(entry.sha256, 'hex');
    if (!timingSafeEqual(presented, stored)) return Promise.resolve(undefined);
    return Promise.resolve({ tenantId: entry.tenantId, keyId: entry.keyId });
  }
}
