import { describe, expect, it } from 'vitest';
import { countLowerTail, countUpperTail, lnGamma } from './count-tails.js';
import { holmAdjust } from './multiple-testing.js';

/** P(X ≥ k) by summing the probability mass directly (negative binomial when dispersion > 1). */
function direct(k: number, mean: number, dispersion: number): number {
  let below = 0;
  for (let i = 0; i < k; i++) {
    if (dispersion === 1) below += Math.exp(-mean + i * Math.log(mean) - lnGamma(i + 1));
    else {
      const size = mean / (dispersion - 1);
      const q = (dispersion - 1) / dispersion;
      below += Math.exp(
        lnGamma(i + size) - lnGamma(i + 1) - lnGamma(size) + size * Math.log(1 - q) + i * Math.log(q),
      );
    }
  }
  return 1 - below;
}

describe('count tails', () => {
  it.each([
    [6, 1, 1],
    [8, 2, 1],
    [18, 6.5, 1],
    [100, 50, 1],
    [6, 1, 2],
    [18, 6.5, 3],
    [100, 50, 4],
    [3, 5, 2],
  ])('P(X >= %i) with mean %f, dispersion %f', (k, mean, dispersion) => {
    const p = countUpperTail(k, mean, dispersion);
    expect(p).toBeCloseTo(direct(k, mean, dispersion), 9);
    expect(countLowerTail(k - 1, mean, dispersion)).toBeCloseTo(1 - p, 9);
  });

  it('keeps precision far in the tails and widens them for bursty series', () => {
    expect(countUpperTail(56, 1.5, 1)).toBeGreaterThan(0);
    expect(countUpperTail(56, 1.5, 1)).toBeLessThan(1e-50);
    expect(countLowerTail(0, 30, 1)).toBeCloseTo(Math.exp(-30), 20);
    expect(countUpperTail(8, 2, 3)).toBeGreaterThan(countUpperTail(8, 2, 1) * 5);
  });
});

describe('Holm adjustment', () => {
  it.each([
    [[0.01, 0.04, 0.03], 3, [0.03, 0.06, 0.06]],
    [[0.001], 10, [0.01]],
    [[0.5, 0.2], 2, [0.5, 0.4]],
  ])('%j among %i hypotheses', (p, m, expected) => {
    holmAdjust(p, m).forEach((a, i) => expect(a).toBeCloseTo(expected[i] ?? NaN, 12));
  });
});
