import type { Metadata } from '@grpc/grpc-js';
import { UnauthenticatedError } from '../errors/index.js';
import type { ApiKeyResolver, AuthenticatedTenant } from './api-key-resolver.js';

/** The metadata key of the alternative to `authorization: Bearer <key>`. */
export const API_KEY_HEADER = 'x-api-key';

/** The key a call presents in `authorization: Bearer <key>` or `x-api-key`, if any. */
export function presentedApiKey(metadata: Metadata): string | undefined {
  for (const value of metadata.get('authorization')) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(String(value));
    if (match?.[1] !== undefined) return match[1];
  }
  const [apiKey] = metadata.get(API_KEY_HEADER);
  const trimmed = apiKey === undefined ? '' : String(apiKey).trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Resolves the call's API key to its tenant; throws `UnauthenticatedError` when the key is missing or not
 * accepted. The message does not say whether a key is unknown or revoked, to give probing nothing.
 */
export async function authenticate(
  metadata: Metadata,
  resolver: ApiKeyResolver,
): Promise<AuthenticatedTenant> {
  const key = presentedApiKey(metadata);
  if (key === undefined)
    throw new UnauthenticatedError('missing API key: send "authorization: Bearer <key>"');
  const tenant = await resolver.resolve(key);
  if (tenant === undefined) throw new UnauthenticatedError('invalid API key');
  return tenant;
}
