import { createLogPipeline } from '@loglens/logparse';
import { ParsedBatch, type RawBatch } from '@loglens/proto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRawBatch } from '../src/parse/parse-batch.js';
import { DEFAULT_SOURCE_SETTINGS } from '../src/parse/source-settings.js';
import { encodeParsedBatch } from '../src/publish/parsed-batch.js';
import { EVENT_COPY_COLUMNS, EventCopyWriter } from '../src/store/copy-text.js';
import { line, rawBatch } from './parser-harness.js';

const policy = { maxAgeMs: 86_400_000, maxSkewMs: 3_600_000 };

// Any UTF-16 (lone surrogates, NUL, tabs, carriage returns), after openings that steer each format.
const text = fc
  .tuple(
    fc.constantFrom('', 'k=', '{"msg":"', '2024-06-01T11:59:00Z ERROR ', '<34>', '\t', '    at '),
    fc.string({ unit: 'binary', maxLength: 120 }),
  )
  .map(([opening, rest]) => (opening + rest).replaceAll('\n', ' '));

function batch(texts: readonly string[]): RawBatch {
  const lines = texts.map((t) => line(t, { attributes: { pod: t.slice(0, 8) } }));
  return rawBatch('00000000-0000-0000-0000-000000000001', 'shop/checkout', 7, lines);
}

describe('a raw batch of arbitrary lines', () => {
  it('becomes well-formed COPY rows and a ParsedBatch that decodes to the same events', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), (lines) => {
        const source = {
          pipeline: createLogPipeline({ extractParams: true }),
          settings: DEFAULT_SOURCE_SETTINGS,
        };
        const parsed = parseRawBatch(batch(lines), 'b:1', source, policy, Date.now());
        expect(parsed.events.length).toBeLessThanOrEqual(lines.length);
        const writer = new EventCopyWriter();
        for (const event of parsed.events) {
          const row = writer.line(event);
          // One line per row, every column present: a stray tab or newline would shift or split columns.
          expect(row.indexOf('\n')).toBe(row.length - 1);
          expect(row.split('\t')).toHaveLength(EVENT_COPY_COLUMNS.length);
          expect(row).not.toContain('\u0000');
        }
        const decoded = ParsedBatch.decode(encodeParsedBatch(parsed, Date.now()));
        expect(decoded.events.map((e) => e.id)).toEqual(parsed.events.map((e) => e.id));
        expect(decoded.events.map((e) => e.templateId)).toEqual(parsed.events.map((e) => e.templateId));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
