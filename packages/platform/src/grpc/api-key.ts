import { createHash, randomBytes } from 'node:crypto';

// Key format: llk_<keyId>_<secret>. The key id is public (it is how a store finds the key's row and how
// logs name the key); the secret is 32 random bytes. Only sha256(key) is stored.

const PREFIX = 'llk_';
const KEY_ID_BYTES = 8;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^llk_([0-9a-f]{16})_([A-Za-z0-9_-]{43,})$/;

/** A freshly generated API key: show `key` to the user once and store only `keyId` and `sha256`. */
export interface GeneratedApiKey {
  readonly key: string;
  readonly keyId: string;
  readonly sha256: string;
}

/** Creates a random API key of the form `llk_<keyId>_<secret>`, with its id and hash. */
export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const key = `${PREFIX}${keyId}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, keyId, sha256: hashApiKey(key) };
}

/**
 * The stored form of a key: lowercase hex sha256 of the whole key. A plain fast hash is right here,
 * unlike for passwords: the keys carry 256 random bits, so there is nothing to brute-force or look up in
 * a dictionary, and a slow hash (bcrypt, scrypt) would only make every authenticated call slower.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The public key id of a well-formed key, or undefined when the key does not have the LogLens format. */
export function parseApiKeyId(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}
