import { status } from '@grpc/grpc-js';
import { ExportFormat, Level, LogEvent, Order, VolumeGroupBy } from '@loglens/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createFixture,
  exportText,
  failure,
  seedEvents,
  startQuery,
  type Fixture,
  type RunningQuery,
  type SeedEvent,
  T0,
  MINUTE,
  seconds,
} from './harness.js';

const NOW_MS = Date.UTC(2024, 4, 1, 11);

// Minute 0: 3 info; minute 2: 1 error; minute 7: 2 info of another source; 1000 bulk lines for export.
const VOLUME: SeedEvent[] = [
  ...[0, 1, 2].map((i) => ({ id: `v/${i}`, tsUs: T0 + BigInt(i), message: 'ok', templateId: 'ok' })),
  { id: 'v/3', tsUs: T0 + 2n * MINUTE, level: 'error', message: 'boom', templateId: 'boom' },
  ...[4, 5].map((i) => ({ id: `v/${i}`, source: 'infra/node', tsUs: T0 + 7n * MINUTE, message: 'node ok' })),
];
const TRICKY = 'say "hi", then\nnew line, Ünïcode';

describe('QueryService.GetVolume and ExportLogs', () => {
  let fixture: Fixture;
  let query: RunningQuery;
  let acme: ReturnType<typeof api>;

  beforeAll(async () => {
    fixture = await createFixture();
    await seedEvents(fixture.database, fixture.tenants.acme.id, VOLUME);
    await seedEvents(fixture.database, fixture.tenants.other.id, [
      { id: 'x/0', tsUs: T0, message: TRICKY, source: 'csv/app', traceId: 'cd'.repeat(16) },
      ...Array.from({ length: 1000 }, (_, i) => ({
        id: `x/${i + 1}`,
        source: 'csv/app',
        tsUs: T0 + BigInt(i + 1) * 1000n,
        message: `line ${i + 1} ${'x'.repeat(100)}`,
      })),
    ]);
    query = await startQuery({
      fixture,
      env: { LOGLENS_QUERY_EXPORT_CHUNK_BYTES: '4KiB', LOGLENS_QUERY_EXPORT_PAGE_ROWS: '64' },
      now: () => NOW_MS,
    });
    acme = api(query.client(fixture.tenants.acme.key));
  });

  afterAll(async () => {
    await query?.stop();
    await fixture?.close();
  });

  const range = { start: { seconds: seconds(T0) }, end: { seconds: seconds(T0 + 10n * MINUTE) } };

  it('defaults to the last hour with one-minute buckets, zero-filled, in one series', async () => {
    const { series } = await acme.getVolume({});
    expect(series).toHaveLength(1);
    const points = series[0]!.points;
    expect(points).toHaveLength(60);
    expect(points[0]!.time).toEqual({ seconds: seconds(T0), nanos: 0 });
    expect(points.slice(0, 8).map((p) => p.count)).toEqual([3, 0, 1, 0, 0, 0, 0, 2]);
    expect(points.reduce((sum, p) => sum + p.count, 0)).toBe(6);
  });

  it('groups by level, template or source with a given step', async () => {
    const step = { seconds: 300, nanos: 0 };
    const byLevel = await acme.getVolume({
      filter: { timeRange: range },
      groupBy: VolumeGroupBy.VOLUME_GROUP_BY_LEVEL,
      step,
    });
    expect(byLevel.series.map((s) => [s.level, s.points.map((p) => p.count)])).toEqual([
      [Level.LEVEL_INFO, [3, 2]],
      [Level.LEVEL_ERROR, [1, 0]],
    ]);
    const byTemplate = await acme.getVolume({
      filter: { timeRange: range },
      groupBy: VolumeGroupBy.VOLUME_GROUP_BY_TEMPLATE,
      step,
    });
    expect(byTemplate.series.map((s) => s.templateId)).toEqual(['ok', '', 'boom']);
    const bySource = await acme.getVolume({
      filter: { timeRange: range, source: 'infra/node' },
      groupBy: VolumeGroupBy.VOLUME_GROUP_BY_SOURCE,
      step,
    });
    expect(bySource.series.map((s) => [s.source, s.points.map((p) => p.count)])).toEqual([
      ['infra/node', [0, 2]],
    ]);
  });

  it('picks a coarser step for a long range', async () => {
    const day = { start: { seconds: seconds(T0) }, end: { seconds: seconds(T0) + 86_400 } };
    const { series } = await acme.getVolume({ filter: { timeRange: day } });
    expect(series[0]!.points).toHaveLength(288);
  });

  it('refuses text and trace filters and a step below a minute', async () => {
    const error = await failure(
      acme.getVolume({ filter: { text: 'x', traceId: 'ab'.repeat(16) }, step: { seconds: 30 } }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toContain('filter.text, filter.trace_id, step');
  });

  it('exports CSV that parses back, with quotes, commas and line breaks intact', async () => {
    const other = api(query.client(fixture.tenants.other.key));
    const csv = exportText(
      await other.exportLogs({
        format: ExportFormat.EXPORT_FORMAT_CSV,
        order: Order.ORDER_OLDEST_FIRST,
        limit: 2,
      }),
    );
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['time', 'level', 'source', 'template_id', 'trace_id', 'text']);
    expect(rows[1]).toEqual(['2024-05-01T10:00:00Z', 'info', 'csv/app', '', 'cd'.repeat(16), TRICKY]);
    expect(rows[2]![0]).toBe('2024-05-01T10:00:00.001Z');
    expect(rows).toHaveLength(3);
  });

  it('exports every event as JSON lines in chunks that end on line boundaries', async () => {
    const other = api(query.client(fixture.tenants.other.key));
    const chunks = await other.exportLogs({ filter: { source: 'csv/app' } });
    expect(chunks.length).toBeGreaterThan(10);
    for (const { chunk } of chunks) expect(chunk.toString('utf8').endsWith('\n')).toBe(true);
    const events = exportText(chunks)
      .trimEnd()
      .split('\n')
      .map((l) => LogEvent.fromJSON(JSON.parse(l)));
    expect(events).toHaveLength(1001);
    expect(events[0]!.id).toBe('x/1000');
    expect(events[1000]).toMatchObject({ id: 'x/0', text: TRICKY, level: Level.LEVEL_INFO });
    expect(new Set(events.map((e) => e.id)).size).toBe(1001);
  });

  it('exports text lines and nothing of another tenant', async () => {
    const text = exportText(
      await acme.exportLogs({
        format: ExportFormat.EXPORT_FORMAT_TEXT,
        filter: { levels: [Level.LEVEL_ERROR] },
      }),
    );
    expect(text).toBe('2024-05-01T10:02:00Z ERROR boom\n');
    expect(exportText(await acme.exportLogs({ filter: { source: 'csv/app' } }))).toBe('');
  });
});

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== ',' && c !== '\r')) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else {
      // \r\n ends a record.
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    }
  }
  return rows;
}
