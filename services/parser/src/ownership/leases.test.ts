import { describe, expect, it } from 'vitest';
import { Leases } from './leases.js';

describe('Leases', () => {
  it('lets a claim be processed until ttl minus margin after the heartbeat that preceded it', () => {
    const leases = new Leases(1_000, 100);
    leases.hold(3, 7, 5_000);
    expect(leases.processable(5_899)).toEqual(new Set([3]));
    expect(leases.processable(5_900)).toEqual(new Set());
    expect(leases.lapsed(5_900)).toEqual([3]);
    leases.renewed(3, 9, 5_500);
    expect(leases.revision(3)).toBe(9);
    expect(leases.processable(6_399)).toEqual(new Set([3]));
  });

  it('stops offering a partition being handed over, and releases only the claim it was told about', () => {
    const leases = new Leases(1_000, 100);
    leases.hold(1, 1, 0);
    const token = leases.markReleasing(1);
    expect(leases.processable(10)).toEqual(new Set());
    expect(leases.has(1)).toBe(true);
    // The claim lapsed and was taken again: the old hand-over must not release the new claim.
    leases.drop(1);
    leases.hold(1, 4, 20);
    leases.markReleased(1, token);
    expect(leases.isReleased(1)).toBe(false);
    leases.markReleased(1, leases.markReleasing(1));
    expect(leases.isReleased(1)).toBe(true);
  });
});
