import { describe, expect, it } from 'vitest';
import { fnv1a32, partitionOf } from './partition.js';

describe('fnv1a32', () => {
  // Reference vectors of the FNV-1a 32-bit specification.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j → %d', (text, hash) => expect(fnv1a32(text)).toBe(hash));

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(fnv1a32('é')).toBe(fnv1a32('\u00e9'));
    expect(fnv1a32('é')).not.toBe(fnv1a32('e'));
  });
});

describe('partitionOf', () => {
  it('is the FNV-1a hash of tenant NUL source, modulo the partition count', () => {
    expect(partitionOf('acme', 'payments/api', 8)).toBe(fnv1a32('acme\u0000payments/api') % 8);
  });

  // Frozen: a change would move sources to other partition owners during an upgrade.
  it('matches frozen values', () => {
    expect([
      partitionOf('acme', 'checkout', 16),
      partitionOf('acme', 'payments', 16),
      partitionOf('globex', 'checkout', 16),
      partitionOf('t1', 'default/nginx', 1024),
    ]).toEqual(FROZEN);
  });

  it('separates tenant and source unambiguously', () => {
    expect(fnv1a32('ab\u0000c')).not.toBe(fnv1a32('a\u0000bc'));
  });

  it('spreads sources over partitions', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[partitionOf('acme', `source-${i}`, 8)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it.each([0, -1, 1.5, 1025])('rejects %d partitions', (p) => {
    expect(() => partitionOf('acme', 'x', p)).toThrow(RangeError);
  });

  it('rejects a tenant that is not subject-safe', () => {
    expect(() => partitionOf('ac.me', 'x', 4)).toThrow(/invalid tenant "ac.me"/);
  });
});

const FROZEN = [1, 14, 14, 684];
