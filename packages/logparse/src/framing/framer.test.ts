import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../types.js';
import { createFramer } from './framer.js';
import type { FramerOptions } from './framer-options.js';
import { splitLines } from './split-lines.js';

const encoder = new TextEncoder();

function frame(
  input: string | Uint8Array | readonly (string | Uint8Array)[],
  options?: FramerOptions,
): LogRecord[] {
  const framer = createFramer(options);
  const chunks = Array.isArray(input) ? input : [input];
  const records: LogRecord[] = [];
  for (const chunk of chunks) records.push(...framer.push(chunk as string | Uint8Array));
  records.push(...framer.end());
  return records;
}

const texts = (records: readonly LogRecord[]): string[] => records.map((r) => r.text);

describe('createFramer: lines', () => {
  it.each([
    ['LF', 'a\nb\nc\n', ['a', 'b', 'c']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b']],
    ['no final newline', 'a\nb', ['a', 'b']],
    ['empty input', '', []],
    ['NUL bytes kept', 'a\u0000b\n', ['a\u0000b']],
    ['BOM dropped on the first line', '\uFEFFfirst\nsecond\n', ['first', 'second']],
  ])('%s', (_name, input, expected) => {
    expect(texts(frame(encoder.encode(input), { multiline: 'none' }))).toEqual(expected);
    expect(texts(frame(input, { multiline: 'none' }))).toEqual(expected);
  });

  it('numbers records by their first physical line', () => {
    const records = frame('one\ntwo\n  cont\nthree\n');
    expect(records.map((r) => [r.lineNumber, r.lineCount])).toEqual([
      [1, 1],
      [2, 2],
      [4, 1],
    ]);
  });

  it('counts invalid UTF-8 per record, and not a genuine U+FFFD', () => {
    const bytes = new Uint8Array([0x61, 0xff, 0x62, 0x0a, 0xef, 0xbf, 0xbd, 0x0a, 0xc3, 0x0a]);
    const records = frame(bytes, { multiline: 'none' });
    expect(records.map((r) => [r.text, r.invalidUtf8])).toEqual([
      ['a\uFFFDb', 1],
      ['\uFFFD', 0],
      ['\uFFFD', 1],
    ]);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = encoder.encode('héllo wörld\n');
    const records = frame([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)]);
    expect(records).toEqual([
      { text: 'héllo wörld', lineNumber: 1, lineCount: 1, truncated: false, invalidUtf8: 0 },
    ]);
  });

  it('truncates a 10 MB line, keeps the next one, and never holds the whole line', () => {
    const framer = createFramer({ maxRecordLength: 1024 });
    const piece = encoder.encode('x'.repeat(64 * 1024));
    const records: LogRecord[] = [];
    for (let i = 0; i < 160; i++) records.push(...framer.push(piece));
    records.push(...framer.push(encoder.encode('\nnext\n')), ...framer.end());
    expect(records.map((r) => [r.text.length, r.truncated])).toEqual([
      [1024, true],
      [4, false],
    ]);
    expect(framer.stats().droppedChars).toBe(160 * 64 * 1024 - 1024);
  });

  it('truncates a long line delivered in one chunk', () => {
    const records = frame(encoder.encode(`${'y'.repeat(100_000)}\nshort\n`), { maxRecordLength: 100 });
    expect(records.map((r) => [r.text.length, r.truncated])).toEqual([
      [100, true],
      [5, false],
    ]);
  });

  it('refuses to mix bytes and strings', () => {
    const framer = createFramer();
    framer.push('a');
    expect(() => framer.push(new Uint8Array([1]))).toThrow(TypeError);
  });

  it('rejects a bad start pattern by name', () => {
    expect(() => createFramer({ startPattern: '(' })).toThrow(/startPattern/);
  });
});

describe('createFramer: multiline', () => {
  const cases: readonly [string, string, readonly string[]][] = [
    [
      'Java stack trace with cause',
      [
        '2024-01-01 10:00:00 ERROR Worker - failed',
        'java.lang.IllegalStateException: boom',
        '\tat com.example.Worker.run(Worker.java:10)',
        'Caused by: java.io.IOException: disk',
        '\t... 3 more',
        '2024-01-01 10:00:01 INFO Worker - next',
      ].join('\n'),
      ['2024-01-01 10:00:00 ERROR Worker - failed', '2024-01-01 10:00:01 INFO Worker - next'],
    ],
    [
      'Python traceback with its final line',
      [
        'ERROR:root:failed',
        'Traceback (most recent call last):',
        '  File "x.py", line 1, in <module>',
        '    boom()',
        'ValueError: bad value',
        'INFO:root:next',
      ].join('\n'),
      ['ERROR:root:failed', 'INFO:root:next'],
    ],
    [
      'Go panic with goroutine dump',
      [
        'starting',
        'panic: runtime error: index out of range',
        '',
        'goroutine 1 [running]:',
        'main.main()',
        '\t/app/main.go:8 +0x1d',
        'exit status 2',
        'after',
      ].join('\n'),
      ['starting', 'panic: runtime error: index out of range', 'after'],
    ],
    [
      'Node stack',
      ['Error: nope', '    at f (/app/x.js:1:1)', '    at g (/app/x.js:2:1)', 'next'].join('\n'),
      ['Error: nope', 'next'],
    ],
  ];
  it.each(cases)('%s', (_name, input, firstLines) => {
    const records = frame(input);
    expect(records.map((r) => r.text.split('\n')[0])).toEqual(firstLines);
    expect(records.reduce((n, r) => n + r.lineCount, 0)).toBe(
      input.split('\n').filter((l) => l !== '').length,
    );
  });

  it('uses a start pattern when given', () => {
    const records = frame('[1] a\nb\n[2] c\n', { startPattern: '^\\[' });
    expect(texts(records)).toEqual(['[1] a\nb', '[2] c']);
  });

  it('splits a record at maxLines', () => {
    const records = frame(['a', ...Array.from({ length: 5 }, () => ' x')].join('\n'), { maxLines: 3 });
    expect(records.map((r) => r.lineCount)).toEqual([3, 3]);
  });

  it('flush emits the pending record', () => {
    const framer = createFramer();
    expect(framer.push('first\n')).toEqual([]);
    expect(texts(framer.flush())).toEqual(['first']);
  });

  it('caps a joined record', () => {
    const records = frame(['head', ...Array.from({ length: 50 }, () => '  continuation line')].join('\n'), {
      maxRecordLength: 64,
    });
    expect(records).toHaveLength(1);
    expect(records[0]!.text.length).toBeLessThanOrEqual(64);
    expect(records[0]!.truncated).toBe(true);
  });
});

describe('createFramer: properties', () => {
  it('never crashes and stays bounded on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.integer({ min: 16, max: 300 }), (bytes, cap) => {
        const records = frame(bytes, { maxRecordLength: cap });
        for (const r of records) expect(r.text.length).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it('random chunk splits give the same records as one chunk', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40, unit: 'grapheme' }),
      fc.constantFrom('\tat x.Y(Z.java:1)', '', 'Caused by: e', '  indented', '\u0000', 'é€😀'),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.uint8Array({ maxLength: 16 }),
        (lines, cuts, noise) => {
          const bytes = Uint8Array.from([...encoder.encode(lines.join('\n')), ...noise]);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let at = 0;
          for (const p of points) {
            chunks.push(bytes.subarray(at, p));
            at = p;
          }
          chunks.push(bytes.subarray(at));
          expect(frame(chunks, { maxRecordLength: 64 })).toEqual(frame(bytes, { maxRecordLength: 64 }));
        },
      ),
    );
  });
});

describe('createFramer: big chunks', () => {
  it('frames a chunk of many blocks, with lines over the cap and near the block size, as line by line', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const size = i % 500 === 7 ? 70_000 : i % 300 === 11 ? 5_000 : (i * 37) % 120;
      lines.push(`${i} ${'é'.repeat(i % 3)}${'x'.repeat(size)}`);
    }
    const bytes = encoder.encode(`${lines.join('\n')}\n`);
    const options = { multiline: 'none' as const, maxRecordLength: 8_000 };
    const oneByOne = frame(
      lines.map((l) => encoder.encode(`${l}\n`)),
      options,
    );
    expect(frame(bytes, options)).toEqual(oneByOne);
    expect(oneByOne).toHaveLength(3000);
    expect(oneByOne.filter((r) => r.truncated)).toHaveLength(6);
  });
});

describe('splitLines', () => {
  it('splits LF and CRLF and drops the final empty line', () => {
    expect(splitLines('a\r\nb\nc\n')).toEqual(['a', 'b', 'c']);
    expect(splitLines('')).toEqual([]);
  });
});
