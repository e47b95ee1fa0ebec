import { describe, expect, it } from 'vitest';
import { groupLines } from './record-grouping.js';

const auto = { mode: 'auto', maxLines: 500 } as const;

describe('groupLines', () => {
  it.each([
    [
      'single lines stay records',
      ['a', 'b'],
      auto,
      [
        [0, 'a', 1],
        [1, 'b', 1],
      ],
    ],
    [
      'a stack trace joins its line',
      ['boom', '  at f (x.js:1)', '  at g (x.js:2)', 'next'],
      auto,
      [
        [0, 'boom\n  at f (x.js:1)\n  at g (x.js:2)', 3],
        [3, 'next', 1],
      ],
    ],
    [
      'a trailing blank line stays a record',
      ['a', ''],
      auto,
      [
        [0, 'a', 1],
        [1, '', 1],
      ],
    ],
    ['a blank inside a trace joins it', ['a', '', '  b'], auto, [[0, 'a\n\n  b', 3]]],
    [
      'mode none keeps every line',
      ['a', '  b'],
      { mode: 'none', maxLines: 5 } as const,
      [
        [0, 'a', 1],
        [1, '  b', 1],
      ],
    ],
    [
      'a start pattern decides',
      ['2024 a', 'more', '2024 b'],
      { mode: 'auto', maxLines: 5, startPattern: '^\\d{4} ' } as const,
      [
        [0, '2024 a\nmore', 2],
        [2, '2024 b', 1],
      ],
    ],
    [
      'maxLines caps a record',
      ['a', ' b', ' c'],
      { mode: 'auto', maxLines: 2 } as const,
      [
        [0, 'a\n b', 2],
        [2, ' c', 1],
      ],
    ],
  ])('%s', (_, lines, framing, expected) => {
    const groups = groupLines(lines, framing).map((g) => [g.first, g.text, g.lineCount]);
    expect(groups).toEqual(expected);
  });

  it('loses no line', () => {
    const lines = ['x', '', '', '  y', '', 'z', ''];
    const groups = groupLines(lines, auto);
    expect(groups.reduce((n, g) => n + g.lineCount, 0)).toBe(lines.length);
  });
});
