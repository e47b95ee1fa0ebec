import { ParsedBatch } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../parse/event-row.js';
import { generalisations } from '../parse/generalisations.js';
import type { ParsedRawBatch } from '../parse/parse-batch.js';
import { encodeParsedBatch } from './parsed-batch.js';

const batch = (events: EventRow[]): ParsedRawBatch => ({
  id: 'raw-1',
  tenantId: 't',
  source: 'shop/api',
  lines: events.length,
  events,
  generalisations: generalisations(events),
});

const row = (index: number, templateId: string, extra: Partial<EventRow> = {}): EventRow => ({
  id: `raw-1/${index}`,
  tenantId: 't',
  source: 'shop/api',
  ts: 1_700_000_000_000 + index,
  level: 'info',
  templateId,
  template: templateId,
  message: `line ${index}`,
  params: [],
  attributes: {},
  ...extra,
});

describe('encodeParsedBatch', () => {
  it('carries the generalisations the batch made, in order, once each', () => {
    const events = [
      row(0, 'a'),
      row(1, 'b', { previousTemplateId: 'a', mergedTemplateIds: ['x'] }),
      row(2, 'b'),
      row(3, 'c', { previousTemplateId: 'b' }),
    ];
    const decoded = ParsedBatch.decode(encodeParsedBatch(batch(events), 0));
    expect(decoded.events.map((e) => e.templateId)).toEqual(['a', 'b', 'b', 'c']);
    expect(decoded.generalisations).toEqual([
      { previousTemplateId: 'a', templateId: 'b' },
      { previousTemplateId: 'x', templateId: 'b' },
      { previousTemplateId: 'b', templateId: 'c' },
    ]);
  });

  it('carries none when the miner generalised nothing', () => {
    const bytes = encodeParsedBatch(batch([row(0, 'a')]), 0);
    expect(ParsedBatch.decode(bytes).generalisations).toEqual([]);
  });
});
