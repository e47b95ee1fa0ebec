import { Level, type LogEvent, type ParsedBatch } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import { LiveMatcher } from './live-matcher.js';
import { TailBuffer } from './tail-buffer.js';

const event = (id: string, templateId: string, source = 'shop/api', level = Level.LEVEL_INFO): LogEvent => ({
  id,
  source,
  level,
  text: id,
  templateId,
  traceId: '',
  spanId: '',
  attributes: {},
  params: [],
});

const batch = (events: LogEvent[], generalisations: ParsedBatch['generalisations'] = []): ParsedBatch => ({
  tenantId: 't',
  source: events[0]?.source ?? 'shop/api',
  rawBatchId: 'r',
  events,
  generalisations,
});

const ids = (buffer: TailBuffer): string[] => buffer.take(1000).events.map((e) => e.id);

describe('LiveMatcher', () => {
  it('matches without waiting when the filter names no template', () => {
    const buffer = new TailBuffer(10);
    const live = new LiveMatcher({ levels: ['error'] }, buffer, 10);
    live.offer(batch([event('a', 't1'), event('b', 't1', 'shop/api', Level.LEVEL_ERROR)]));
    expect(ids(buffer)).toEqual(['b']);
  });

  it('holds batches until the stored family is known, then follows generalisations in order', () => {
    const buffer = new TailBuffer(10);
    const live = new LiveMatcher({ templateId: 'v0' }, buffer, 10);
    live.offer(batch([event('a', 'v0'), event('b', 'v1'), event('c', 'other')]));
    live.offer(batch([event('d', 'v2')], [{ previousTemplateId: 'v1', templateId: 'v2' }]));
    expect(buffer.idle).toBe(true);
    live.start(new Map([['shop/api', new Set(['v0', 'v1'])]]));
    live.offer(batch([event('e', 'v3')], [{ previousTemplateId: 'unrelated', templateId: 'v3' }]));
    live.offer(batch([event('f', 'v2', 'infra/node'), event('g', 'v0', 'infra/node')]));
    expect(ids(buffer)).toEqual(['a', 'b', 'd', 'g']);
  });

  it('counts what does not fit while waiting as dropped, and still follows its generalisations', () => {
    const buffer = new TailBuffer(10);
    const live = new LiveMatcher({ templateId: 'v0' }, buffer, 2);
    live.offer(batch([event('a', 'v0'), event('b', 'v0'), event('c', 'v0')]));
    live.offer(batch([event('d', 'v1')], [{ previousTemplateId: 'v0', templateId: 'v1' }]));
    live.start(new Map());
    live.offer(batch([event('e', 'v1')]));
    const { events, droppedCount } = buffer.take(10);
    expect(events.map((e) => e.id)).toEqual(['a', 'b', 'e']);
    expect(droppedCount).toBe(2);
  });
});
