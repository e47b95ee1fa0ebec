import { describe, expect, it } from 'vitest';
import { scoreAccuracy } from './accuracy-metrics.js';

describe('scoreAccuracy (Loghub-2.0 definitions)', () => {
  it('is perfect when groups and strings agree', () => {
    expect(scoreAccuracy(['A <*>', 'A <*>', 'B'], ['A <*>', 'A  <*>', 'B'])).toEqual({
      GA: 1,
      PA: 1,
      FGA: 1,
      FTA: 1,
    });
  });

  it('scores a right grouping with wrong strings: GA and FGA 1, PA and FTA 0', () => {
    expect(scoreAccuracy(['A <*>', 'A <*>', 'B'], ['x', 'x', 'y'])).toEqual({ GA: 1, PA: 0, FGA: 1, FTA: 0 });
  });

  it('counts a split true group as wrong for all of its lines', () => {
    // Truth: {0,1} A, {2} B. Parsed: {0} p, {1} q, {2} B.
    const s = scoreAccuracy(['A', 'A', 'B'], ['p', 'q', 'B']);
    expect(s.GA).toBeCloseTo(1 / 3);
    expect(s.PA).toBeCloseTo(1 / 3);
    // precision 1/3 (1 of 3 parsed groups), recall 1/2 (1 of 2 true groups)
    expect(s.FGA).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2));
    expect(s.FTA).toBeCloseTo(s.FGA);
  });

  it('counts merged true groups as wrong, even where a string matches', () => {
    // Parsed group "A" holds lines of true groups A and B.
    const s = scoreAccuracy(['A', 'A', 'B', 'C'], ['A', 'A', 'A', 'C']);
    expect(s.GA).toBeCloseTo(1 / 4);
    expect(s.PA).toBeCloseTo(3 / 4);
    expect(s.FGA).toBeCloseTo((2 * (1 / 2) * (1 / 3)) / (1 / 2 + 1 / 3));
  });

  it('rejects mismatched lengths', () => {
    expect(() => scoreAccuracy(['A'], [])).toThrow(RangeError);
  });
});
