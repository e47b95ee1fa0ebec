import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogPipeline } from './log-pipeline.js';

// Openings that steer a line into each format's parser before arbitrary bytes follow.
const OPENINGS = [
  '',
  'n=',
  'level=info msg="',
  '{"msg":"',
  '{"log":"',
  '<34>',
  '<34>1 ',
  '2024-05-01T10:00:00.000000000Z stdout F ',
  '2024-05-01T10:00:00.000000000Z stdout P ',
  '[Sun Dec 04 04:47:44 2005] [error] ',
  '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET ',
  '2024-05-01 10:00:00,123 INFO [main] ',
  '[2024-05-01 10:00:00,123: INFO/',
];

const line = fc
  .tuple(fc.constantFrom(...OPENINGS), fc.uint8Array({ maxLength: 300 }))
  .map(([opening, bytes]) => [...new TextEncoder().encode(opening), ...bytes.filter((b) => b !== 10)]);

describe('the pipeline on arbitrary input', () => {
  it('ends on any bytes, with at most one record per line', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (lines) => {
        const bytes = Uint8Array.from(lines.flatMap((l) => [...l, 10]));
        const pipeline = createLogPipeline();
        const records = [...pipeline.push(bytes), ...pipeline.end()];
        expect(records.length).toBeLessThanOrEqual(lines.length);
        for (const r of records) expect(typeof r.match.template).toBe('string');
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
