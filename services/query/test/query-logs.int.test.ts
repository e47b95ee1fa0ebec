import { status } from '@grpc/grpc-js';
import { decodeStatusDetails, STATUS_DETAILS_TRAILER } from '@loglens/platform';
import { Level, Order, timestampToNanos, type LogEvent } from '@loglens/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createFixture,
  failure,
  seedEvents,
  startQuery,
  type Fixture,
  type RunningQuery,
  type SeedEvent,
  T0,
  SECOND,
} from './harness.js';

const LEVELS = ['info', 'warn', 'error', 'debug'] as const;

// 30 events a second apart, with a microsecond part, plus two that share a timestamp.
const EVENTS: SeedEvent[] = [
  ...Array.from({ length: 30 }, (_, i) => ({
    id: `b1/${String(i).padStart(2, '0')}`,
    source: i % 3 === 0 ? 'shop/payments' : 'shop/checkout',
    tsUs: T0 + BigInt(i) * SECOND + 123_456n,
    level: LEVELS[i % 4],
    message: i === 7 ? 'Charged 100% of_order 42' : `request ${i} took ${i * 10}ms`,
    templateId: i % 2 === 0 ? 'tpl-even' : 'tpl-odd',
    ...(i === 11 ? { traceId: 'ab'.repeat(16) } : {}),
    params: [String(i)],
    attributes: { pod: `pod-${i % 2}` },
  })),
  { id: 'b2/0', tsUs: T0 + 40n * SECOND, message: 'tie a' },
  { id: 'b2/1', tsUs: T0 + 40n * SECOND, message: 'tie b' },
];

const ids = (events: readonly LogEvent[]): string[] => events.map((e) => e.id);

describe('QueryService.QueryLogs', () => {
  let fixture: Fixture;
  let query: RunningQuery;
  let acme: ReturnType<typeof api>;
  let other: ReturnType<typeof api>;

  beforeAll(async () => {
    fixture = await createFixture();
    await seedEvents(fixture.database, fixture.tenants.acme.id, EVENTS);
    await seedEvents(fixture.database, fixture.tenants.other.id, [
      {
        id: 'other/0',
        tsUs: T0 + 5n * SECOND,
        message: 'request from the other tenant',
        templateId: 'tpl-even',
      },
    ]);
    query = await startQuery({ fixture });
    acme = api(query.client(fixture.tenants.acme.key));
    other = api(query.client(fixture.tenants.other.key));
  });

  afterAll(async () => {
    await query?.stop();
    await fixture?.close();
  });

  it('returns the newest events first, with every field and microsecond times', async () => {
    const { events, page } = await acme.queryLogs({ page: { pageSize: 3 } });
    expect(ids(events)).toEqual(['b2/1', 'b2/0', 'b1/29']);
    expect(page?.nextCursor).not.toBe('');
    const event = events[2]!;
    expect(event).toMatchObject({
      source: 'shop/checkout',
      level: Level.LEVEL_WARN,
      text: 'request 29 took 290ms',
      templateId: 'tpl-odd',
      params: ['29'],
      attributes: { pod: 'pod-1' },
    });
    expect(timestampToNanos(event.time!)).toBe((T0 + 29n * SECOND + 123_456n) * 1000n);
  });

  it('pages through everything once, in order, while newer and older rows arrive', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let pageNo = 0; ; pageNo++) {
      const { events, page } = await acme.queryLogs({
        page: { pageSize: 7, cursor },
        order: Order.ORDER_OLDEST_FIRST,
      });
      seen.push(...ids(events));
      if (pageNo === 0) {
        // A row before the cursor and one far ahead: the first must not appear, the second must once.
        await seedEvents(fixture.database, fixture.tenants.acme.id, [
          { id: 'late/old', tsUs: T0 - SECOND, message: 'late arrival' },
          { id: 'late/new', tsUs: T0 + 100n * SECOND, message: 'fresh arrival' },
        ]);
      }
      cursor = page?.nextCursor ?? '';
      if (cursor === '') break;
    }
    expect(seen).toEqual([...EVENTS.map((e) => e.id), 'late/new']);
  });

  it('combines source, levels, template, trace and text filters with AND', async () => {
    const bySource = await acme.queryLogs({ filter: { source: 'shop/payments' }, page: { pageSize: 100 } });
    expect(bySource.events).toHaveLength(10);
    expect(bySource.events.every((e) => e.source === 'shop/payments')).toBe(true);

    const errors = await acme.queryLogs({
      filter: { levels: [Level.LEVEL_ERROR, Level.LEVEL_WARN], templateId: 'tpl-odd' },
    });
    expect(errors.events.every((e) => e.templateId === 'tpl-odd')).toBe(true);
    expect(new Set(errors.events.map((e) => e.level))).toEqual(new Set([Level.LEVEL_WARN]));

    const trace = await acme.queryLogs({ filter: { traceId: 'AB'.repeat(16) } });
    expect(ids(trace.events)).toEqual(['b1/11']);

    const range = await acme.queryLogs({
      filter: {
        timeRange: {
          start: { seconds: Number(T0 / SECOND) + 10 },
          end: { seconds: Number(T0 / SECOND) + 13 },
        },
      },
    });
    expect(ids(range.events)).toEqual(['b1/12', 'b1/11', 'b1/10']);

    const onlyUnspecified = await acme.queryLogs({ filter: { levels: [Level.LEVEL_UNSPECIFIED] } });
    expect(onlyUnspecified.events).toEqual([]);
  });

  it('matches text case-insensitively and takes % and _ literally', async () => {
    expect(ids((await acme.queryLogs({ filter: { text: '100% OF_ORDER' } })).events)).toEqual(['b1/07']);
    expect((await acme.queryLogs({ filter: { text: '1_0%' } })).events).toEqual([]);
    expect((await acme.queryLogs({ filter: { text: 'REQUEST 2 TOOK' } })).events).toHaveLength(1);
  });

  it("never returns another tenant's events", async () => {
    const mine = await other.queryLogs({ filter: { templateId: 'tpl-even' } });
    expect(ids(mine.events)).toEqual(['other/0']);
    const theirs = await other.queryLogs({ filter: { traceId: 'ab'.repeat(16) } });
    expect(theirs.events).toEqual([]);
  });

  it('refuses bad filters with INVALID_ARGUMENT naming every field', async () => {
    const error = await failure(
      acme.queryLogs({
        filter: {
          traceId: 'xyz',
          levels: [42 as Level],
          timeRange: { start: { seconds: 10 }, end: { seconds: 5 } },
        },
        order: 9 as Order,
      }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    const details = decodeStatusDetails(error.metadata.get(STATUS_DETAILS_TRAILER)[0] as Buffer);
    expect(details.fieldViolations.map((v) => v.field).sort()).toEqual(
      ['filter.levels[0]', 'filter.time_range.end', 'filter.trace_id', 'order'].sort(),
    );
  });

  it('refuses a cursor made for another filter or forged', async () => {
    const { page } = await acme.queryLogs({ page: { pageSize: 2 } });
    const otherFilter = await failure(
      acme.queryLogs({ filter: { source: 'shop/payments' }, page: { cursor: page!.nextCursor } }),
    );
    expect(otherFilter.code).toBe(status.INVALID_ARGUMENT);
    expect(otherFilter.details).toContain('another filter');
    const forged = await failure(acme.queryLogs({ page: { cursor: 'not a cursor!' } }));
    expect(forged.code).toBe(status.INVALID_ARGUMENT);
  });

  it('caps the page size at 1000 and defaults it to 100', async () => {
    const many: SeedEvent[] = Array.from({ length: 1100 }, (_, i) => ({
      id: `bulk/${i}`,
      source: 'bulk/app',
      tsUs: T0 + 1000n * SECOND + BigInt(i),
      message: `bulk ${i}`,
    }));
    await seedEvents(fixture.database, fixture.tenants.other.id, many);
    expect((await other.queryLogs({ filter: { source: 'bulk/app' } })).events).toHaveLength(100);
    expect(
      (await other.queryLogs({ filter: { source: 'bulk/app' }, page: { pageSize: 5000 } })).events,
    ).toHaveLength(1000);
  });
});
