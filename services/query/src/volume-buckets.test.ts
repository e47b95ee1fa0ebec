import { describe, expect, it } from 'vitest';
import { bucketStarts, chooseStep, stepProblem, zeroFilled } from './volume-buckets.js';

describe('volume buckets', () => {
  it.each([
    [3_600_000, 60_000],
    [86_400_000, 300_000],
    [7 * 86_400_000, 3_600_000],
    [30 * 86_400_000, 21_600_000],
    [365 * 86_400_000, 86_400_000],
  ])('picks the step of a %d ms range: %d ms', (range, step) => {
    expect(chooseStep(range)).toBe(step);
  });
  it('refuses steps that are not whole minutes or give too many buckets', () => {
    expect(stepProblem(30_000, 3_600_000)).toMatch(/whole number of minutes/);
    expect(stepProblem(60_000, 365 * 86_400_000)).toMatch(/more than/);
    expect(stepProblem(300_000, 3_600_000)).toBeUndefined();
  });
  it('aligns buckets to the step and fills gaps with zeros', () => {
    expect(bucketStarts(90_000, 300_000, 60_000)).toEqual([60_000, 120_000, 180_000, 240_000]);
    expect(zeroFilled([0, 60_000], new Map([[60_000, 4]]))).toEqual([
      { timeMs: 0, count: 0 },
      { timeMs: 60_000, count: 4 },
    ]);
  });
});
