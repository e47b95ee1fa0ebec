import { describe, expect, it } from 'vitest';
import { paramStats, valueKind } from './param-stats.js';

describe('parameter statistics', () => {
  it('infers kinds', () => {
    expect(
      ['42', '1.5s', '10.0.0.1', '123e4567-e89b-12d3-a456-426614174000', 'deadbeef', 'bob'].map(valueKind),
    ).toEqual(['number', 'duration', 'ip', 'uuid', 'hex', 'string']);
  });
  it('counts distinct and top values per position', () => {
    const stats = paramStats(
      [
        ['a', '1'],
        ['a', '2'],
        ['b', 'x'],
      ],
      1,
    );
    expect(stats).toEqual([
      { index: 0, kind: 'string', distinctCount: 2, topValues: [{ value: 'a', count: 2 }] },
      { index: 1, kind: 'string', distinctCount: 3, topValues: [{ value: '1', count: 1 }] },
    ]);
  });
});
