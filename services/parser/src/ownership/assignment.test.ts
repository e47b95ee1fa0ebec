import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPartitions, partitionsOf } from './assignment.js';

const memberName = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const memberSet = fc.uniqueArray(memberName, { minLength: 1, maxLength: 8 });
const partitionCount = fc.integer({ min: 1, max: 128 });

describe('assignPartitions', () => {
  it('gives every partition to exactly one of the members (complete and disjoint)', () => {
    fc.assert(
      fc.property(memberSet, partitionCount, (members, partitions) => {
        const assignment = assignPartitions(members, partitions);
        expect(assignment).toHaveLength(partitions);
        for (const owner of assignment) expect(members).toContain(owner);
        const perMember = members.flatMap((m) => partitionsOf(assignment, m));
        expect(perMember.sort((a, b) => a - b)).toEqual([...Array(partitions).keys()]);
      }),
    );
  });

  it('does not depend on the order in which members are listed, nor on duplicates', () => {
    fc.assert(
      fc.property(memberSet, partitionCount, (members, partitions) => {
        const reordered = [...members].reverse().concat(members);
        expect(assignPartitions(reordered, partitions)).toEqual(assignPartitions(members, partitions));
      }),
    );
  });

  it('moves only the partitions the new member takes when a member joins', () => {
    fc.assert(
      fc.property(memberSet, memberName, partitionCount, (members, joiner, partitions) => {
        fc.pre(!members.includes(joiner));
        const before = assignPartitions(members, partitions);
        const after = assignPartitions([...members, joiner], partitions);
        after.forEach((owner, p) => {
          if (owner !== before[p]) expect(owner).toBe(joiner);
        });
      }),
    );
  });

  it('moves only the partitions of the member that leaves', () => {
    fc.assert(
      fc.property(memberSet, partitionCount, fc.nat(), (members, partitions, pick) => {
        fc.pre(members.length > 1);
        const leaver = members[pick % members.length]!;
        const before = assignPartitions(members, partitions);
        const after = assignPartitions(
          members.filter((m) => m !== leaver),
          partitions,
        );
        after.forEach((owner, p) => {
          if (owner !== before[p]) expect(before[p]).toBe(leaver);
        });
      }),
    );
  });

  it('spreads partitions roughly evenly', () => {
    const members = ['parser-0', 'parser-1', 'parser-2', 'parser-3'];
    const assignment = assignPartitions(members, 1024);
    for (const m of members) {
      const share = partitionsOf(assignment, m).length;
      expect(share).toBeGreaterThan(180);
      expect(share).toBeLessThan(330);
    }
  });

  it('assigns nothing without members and rejects a bad partition count', () => {
    expect(assignPartitions([], 8)).toEqual([]);
    expect(() => assignPartitions(['a'], -1)).toThrow(RangeError);
    expect(() => assignPartitions(['a'], 1.5)).toThrow(RangeError);
  });
});
