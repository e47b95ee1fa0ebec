import { describe, expect, it } from 'vitest';
import type { EventRow } from '../parse/event-row.js';
import fc from 'fast-check';
import { copyText, EventCopyWriter, storableJson, storableText } from './copy-text.js';

describe('COPY text escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\there', 'tab\\there'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    ['nul\u0000', 'nul\uFFFD'],
  ])('%j', (input, expected) => {
    expect(copyText(input)).toBe(expected);
  });

  it('replaces lone surrogates and NUL in text and JSON', () => {
    expect(storableText('a\uD800b')).toBe('a\uFFFDb');
    expect(storableText('ok \uD83D\uDE00')).toBe('ok \uD83D\uDE00');
    expect(JSON.parse(storableJson({ k: 'x\u0000\uDC00' }))).toEqual({ k: 'x\uFFFD\uFFFD' });
    expect(storableJson(['a', 'b'])).toBe('["a","b"]');
  });

  it('writes one row as tab-separated columns with \\N for null', () => {
    const row: EventRow = {
      id: 't:s:x:1/0',
      tenantId: '00000000-0000-0000-0000-000000000001',
      source: 'ns/app',
      ts: Date.UTC(2024, 0, 2, 3, 4, 5, 6),
      level: 'info',
      templateId: 'abc',
      template: 'user <*>',
      message: 'user\tbob\nx',
      params: ['bob'],
      attributes: { pod: 'p\\1' },
    };
    expect(new EventCopyWriter().line(row)).toBe(
      [
        row.tenantId,
        'ns/app',
        '2024-01-02T03:04:05.006Z',
        't:s:x:1/0',
        'info',
        'abc',
        'user\\tbob\\nx',
        '["bob"]',
        '{"pod":"p\\\\\\\\1"}',
        '\\N',
      ].join('\t') + '\n',
    );
  });

  it('writes times and ids as a fresh writer would, whatever came before', () => {
    const row = (ts: number, id: string, source: string): EventRow => ({
      id,
      tenantId: 't',
      source,
      ts,
      level: 'info',
      templateId: 'a',
      template: 'a',
      message: 'm',
      params: [],
      attributes: {},
    });
    const day = Date.UTC(2026, 11, 4);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // Mostly within a few minutes, so that consecutive rows share their minute.
            ts: fc.oneof(
              fc.integer({ min: day, max: day + 180_000 }),
              fc.integer({ min: day - 3 * 86_400_000, max: day + 86_400_000 }),
            ),
            id: fc.constantFrom('b:1/0', 'b:1/17', 'b\\2\t/3', 'no-slash', 'x/'),
            source: fc.constantFrom('ns/a', 'ns\tb'),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const writer = new EventCopyWriter();
          for (const r of rows) {
            const expected = new EventCopyWriter().line(row(r.ts, r.id, r.source));
            expect(writer.line(row(r.ts, r.id, r.source))).toBe(expected);
            expect(expected.split('\t')[2]).toBe(new Date(r.ts).toISOString());
          }
        },
      ),
    );
  });
});
