import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './csv.js';

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'plain',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['quoted comma', 'a,"x, y"\n', [['a', 'x, y']]],
    ['doubled quotes', '"say ""hi""",z\n', [['say "hi"', 'z']]],
    [
      'line break inside quotes',
      '"l1\nl2",b\r\nc,d',
      [
        ['l1\nl2', 'b'],
        ['c', 'd'],
      ],
    ],
    ['empty fields', ',,\n', [['', '', '']]],
  ])('%s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('keys rows by header', () => {
    expect(parseCsvRecords('\ufeffId,T\n1,"a,b"\n')).toEqual([{ Id: '1', T: 'a,b' }]);
  });
});
