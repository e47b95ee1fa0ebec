/** The tenant an API key belongs to, as the server knows it after checking the key. */
export interface AuthenticatedTenant {
  readonly tenantId: string;
  /** The public id of the key that authenticated the call (for audit logs and revocation). */
  readonly keyId: string;
}

/**
 * Looks up a presented API key. Implementations compare hashes only (see `hashApiKey`), never store the
 * key itself, and must answer in constant time with respect to the secret part.
 */
export interface ApiKeyResolver {
  /**
   * Returns the key's tenant, or undefined when the key is unknown, malformed, revoked or expired.
   * Throws (ideally an `UnavailableError`) only when the lookup itself failed, e.g. the store is down.
   */
  resolve(presentedKey: string): Promise<AuthenticatedTenant | undefined>;
}
