import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../errors/index.js';
import { generateApiKey, hashApiKey, parseApiKeyId } from './api-key.js';
import { authenticate, presentedApiKey } from './authenticate.js';
import { StaticApiKeyResolver } from './static-api-key-resolver.js';

describe('API keys', () => {
  it('are random, carry their id and hash to sha256 hex', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).not.toBe(second.key);
    expect(first.key).toMatch(/^llk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKeyId(first.key)).toBe(first.keyId);
    expect(first.sha256).toBe(hashApiKey(first.key));
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    '',
    'llk_',
    'llk_xyz_secret',
    'Bearer llk_0123456789abcdef_short',
    'sk_0123456789abcdef_' + 'a'.repeat(43),
  ])('rejects the malformed key %j', (key) => expect(parseApiKeyId(key)).toBeUndefined());
});

describe('StaticApiKeyResolver', () => {
  const active = generateApiKey();
  const revoked = generateApiKey();
  const resolver = new StaticApiKeyResolver([
    { tenantId: 'acme', keyId: active.keyId, sha256: active.sha256 },
    { tenantId: 'acme', keyId: revoked.keyId, sha256: revoked.sha256, revoked: true },
  ]);

  it('resolves a listed key', async () => {
    await expect(resolver.resolve(active.key)).resolves.toEqual({ tenantId: 'acme', keyId: active.keyId });
  });

  it('refuses revoked, unknown and tampered keys', async () => {
    const tampered = active.key.slice(0, -1) + (active.key.endsWith('A') ? 'B' : 'A');
    for (const key of [revoked.key, generateApiKey().key, tampered, 'not-a-key']) {
      await expect(resolver.resolve(key)).resolves.toBeUndefined();
    }
  });

  it('rejects a malformed list', () => {
    expect(() => new StaticApiKeyResolver([{ tenantId: 't', keyId: 'k', sha256: 'abc' }])).toThrow(/sha256/);
    const entry = { tenantId: 't', keyId: active.keyId, sha256: active.sha256 };
    expect(() => new StaticApiKeyResolver([entry, entry])).toThrow(/twice/);
  });
});

describe('authenticate', () => {
  const key = generateApiKey();
  const resolver = new StaticApiKeyResolver([{ tenantId: 'acme', keyId: key.keyId, sha256: key.sha256 }]);
  const metadataWith = (name: string, value: string): Metadata => {
    const metadata = new Metadata();
    metadata.set(name, value);
    return metadata;
  };

  it.each([
    ['authorization', `Bearer ${key.key}`],
    ['authorization', `bearer   ${key.key}`],
    ['x-api-key', key.key],
  ])('reads %s', async (name, value) => {
    expect(presentedApiKey(metadataWith(name, value))).toBe(key.key);
    await expect(authenticate(metadataWith(name, value), resolver)).resolves.toMatchObject({
      tenantId: 'acme',
    });
  });

  it.each([
    new Metadata(),
    metadataWith('authorization', `Basic ${key.key}`),
    metadataWith('x-api-key', ' '),
  ])('refuses a call without a key', async (metadata) => {
    await expect(authenticate(metadata, resolver)).rejects.toThrow(UnauthenticatedError);
  });
});
