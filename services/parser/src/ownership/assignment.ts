import { fnv1a32 } from '@loglens/platform';

/** MurmurHash3's finaliser: FNV-1a alone spreads short, similar keys too little for a fair rendezvous. */
function mix32(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Rendezvous weight of `member` for `partition`; the heaviest member owns the partition. */
export function rendezvousWeight(member: string, partition: number): number {
  return mix32(fnv1a32(`${member}\u0000${partition}`));
}

/**
 * Which member owns each partition `0..partitions-1` (index = partition), by rendezvous (highest random
 * weight) hashing: every member computes the same answer from the same member set, whatever its order, and a
 * member joining or leaving moves only the partitions it gains or had. Empty when there are no members.
 *
 * @example
 * assignPartitions(['parser-a', 'parser-b'], 4); // e.g. ['parser-b', 'parser-a', 'parser-a', 'parser-b']
 */
export function assignPartitions(members: Iterable<string>, partitions: number): string[] {
  if (!Number.isInteger(partitions) || partitions < 0) {
    throw new RangeError(`partitions must be a non-negative integer, got ${partitions}`);
  }
  const sorted = [...new Set(members)].sort();
  if (sorted.length === 0) return [];
  return Array.from({ length: partitions }, (_, partition) => {
    let best = sorted[0] ?? '';
    let bestWeight = -1;
    // Members are sorted and the comparison is strict, so equal weights go to the smallest name.
    for (const member of sorted) {
      const weight = rendezvousWeight(member, partition);
      if (weight > bestWeight) {
        best = member;
        bestWeight = weight;
      }
    }
    return best;
  });
}

/** The partitions `assignment` gives to `member`, ascending. */
export function partitionsOf(assignment: readonly string[], member: string): number[] {
  const mine: number[] = [];
  assignment.forEach((owner, partition) => {
    if (owner === member) mine.push(partition);
  });
  return mine;
}
