import {
  closeNats,
  configKey,
  createInfluxWriter,
  partitionOf,
  silentLogger,
  TENANT_HEADER,
  type DatabaseHandle,
  type InfluxWriter,
  type Module,
} from '@loglens/platform';
import { ParsedBatch, RawBatch } from '@loglens/proto';
import { createTestDatabase, uniquePrefix, victoriaMetricsUrl, type TestDatabase } from '@loglens/testing';
import type { JetStreamClient, JetStreamManager, NatsConnection, StoredMsg } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DLQ_ERROR_HEADER, DLQ_SUBJECT_HEADER, rawBatchId } from '../src/index.js';
import {
  eventCounts,
  eventually,
  line,
  mixedLines,
  PARTITIONS,
  prepareDatabase,
  prepareNats,
  publishRaw,
  rawBatch,
  startParser,
  TRACEPARENT,
} from './parser-harness.js';

async function streamMessages(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const out: StoredMsg[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    out.push(await jsm.streams.getMessage(stream, { seq }));
  }
  return out;
}

async function exportSeries(metric: string, tenant: string, source?: string): Promise<Map<string, number>> {
  const labels = source === undefined ? `tenant="${tenant}"` : `tenant="${tenant}",source="${source}"`;
  const url = `${victoriaMetricsUrl()}/api/v1/export?match[]=${encodeURIComponent(`${metric}{${labels}}`)}`;
  const text = await (await fetch(url)).text();
  // InfluxDB keeps the last value per series and time; the parser writes running totals, so take the largest
  // per series, and add the series of every writer up.
  const totals = new Map<string, number>();
  for (const row of text.split('\n').filter(Boolean)) {
    const series = JSON.parse(row) as {
      metric: Record<string, string>;
      values: number[];
      timestamps: number[];
    };
    const byTime = new Map<number, number>();
    series.timestamps.forEach((t, i) => byTime.set(t, Math.max(byTime.get(t) ?? 0, series.values[i] ?? 0)));
    const key = series.metric.level ?? series.metric.template ?? '';
    totals.set(key, (totals.get(key) ?? 0) + [...byTime.values()].reduce((a, b) => a + b, 0));
  }
  return totals;
}

describe('parser service', () => {
  const prefix = uniquePrefix();
  let db: TestDatabase;
  let database: DatabaseHandle;
  let tenantId: string;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let influx: InfluxWriter;
  let parser: Module;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ database, tenantId } = await prepareDatabase(db.connectionString));
    nc = await prepareNats(prefix);
    js = nc.jetstream();
    jsm = await nc.jetstreamManager();
    influx = createInfluxWriter({
      url: victoriaMetricsUrl(),
      org: 'loglens',
      bucket: 'loglens',
      flushIntervalMs: 200,
      logger: silentLogger(),
    });
    const kv = await js.views.kv(`${prefix}loglens-config`);
    await kv.put(
      configKey('logsource', 'shop', 'secret'),
      JSON.stringify({
        apiVersion: 'loglens.io/v1alpha1',
        kind: 'LogSourceConfig',
        namespace: 'shop',
        name: 'secret',
        uid: 'u1',
        generation: 1,
        spec: {
          selector: {},
          paths: ['/var/log/app.log'],
          format: 'auto',
          multiline: { mode: 'none', maxLines: 500 },
          redaction: { custom: [{ name: 'order', pattern: 'order-\\d+' }] },
          mining: { maxTemplates: 10000, generaliseAfter: 4 },
          retention: '7d',
          labels: { team: 'payments' },
        },
      }),
    );
    parser = await startParser({ nc, prefix, database, influx });
  });

  afterAll(async () => {
    await parser?.stop();
    await influx?.close();
    if (nc) await closeNats(nc);
    await database?.close();
    await db?.drop();
  });

  it('stores every line once with templates, rollups, parsed batches and time series', async () => {
    const source = 'shop/checkout';
    const batches = Array.from({ length: 20 }, (_, i) =>
      rawBatch(tenantId, source, i + 1, mixedLines(50, i)),
    );
    for (const b of batches) await publishRaw(js, prefix, b);
    await eventually('1000 events stored', async () => (await eventCounts(database, tenantId)).rows >= 1000);
    expect(await eventCounts(database, tenantId)).toEqual({ rows: 1000, ids: 1000 });

    const first = await database.pool.query<{
      id: string;
      level: string;
      template_id: string;
      params: string[];
    }>('select id, level, template_id, params from log_events where id = $1', [
      `${rawBatchId(batches[0]!)}/0`,
    ]);
    expect(first.rows[0]?.level).toBe('info');
    expect(first.rows[0]?.template_id).toMatch(/^[0-9a-f]{16}$/);
    expect(first.rows[0]?.params.length).toBeGreaterThan(0);

    const templates = await database.pool.query<{ total: string; n: string }>(
      'select sum(count) as total, count(*) as n from templates where tenant_id = $1 and source = $2',
      [tenantId, source],
    );
    expect(Number(templates.rows[0]?.total)).toBe(1000);
    expect(Number(templates.rows[0]?.n)).toBeLessThan(20);
    const volume = await database.pool.query<{ total: string }>(
      'select sum(count) as total from log_volume_minute where tenant_id = $1',
      [tenantId],
    );
    expect(Number(volume.rows[0]?.total)).toBe(1000);

    await eventually(
      '20 parsed batches',
      async () => (await streamMessages(jsm, `${prefix}LOGS_PARSED`)).length >= 20,
    );
    const parsed = (await streamMessages(jsm, `${prefix}LOGS_PARSED`)).filter(
      (m) => ParsedBatch.decode(m.data).source === source,
    );
    expect(parsed).toHaveLength(20);
    const decoded = ParsedBatch.decode(parsed[0]!.data);
    expect(decoded.rawBatchId).toBe(rawBatchId(batches[0]!));
    expect(decoded.events).toHaveLength(50);
    expect(decoded.events[0]?.id).toBe(`${rawBatchId(batches[0]!)}/0`);
    expect(parsed[0]!.header.get(TENANT_HEADER)).toBe(tenantId);
    expect(parsed[0]!.header.get('traceparent')).toBe(TRACEPARENT);
    expect(parsed[0]!.subject).toMatch(new RegExp(`^${prefix}logs\\.parsed\\.${tenantId}\\.\\d+$`));

    await influx.flush();
    await eventually('log_volume points', async () => {
      const levels = await exportSeries('log_volume_count', tenantId);
      return [...levels.values()].reduce((a, b) => a + b, 0) === 1000;
    });
    const levels = await exportSeries('log_volume_count', tenantId);
    expect(levels).toEqual(
      new Map([
        ['info', 250],
        ['warn', 250],
        ['error', 250],
        ['debug', 250],
      ]),
    );
    const perTemplate = await exportSeries('template_volume_count', tenantId);
    expect([...perTemplate.values()].reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it("moves a generalised template's count and per-minute rows to the template it became", async () => {
    const source = 'shop/generalise';
    const regions = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
    const start = Date.now() - 10 * 60_000;
    // Two lines per region, each region in its own minute, in three batches: the word varies among enough
    // values by the second batch for the miner to generalise it.
    const lines = regions.flatMap((region, i) =>
      [0, 1].map((k) =>
        line(
          `${new Date(start + i * 60_000 + k * 1000).toISOString()} INFO cache warmed for region ${region}`,
        ),
      ),
    );
    for (let b = 0; b < 3; b++)
      await publishRaw(js, prefix, rawBatch(tenantId, source, b + 1, lines.slice(b * 4, b * 4 + 4)));
    await eventually('12 lines stored', async () => {
      const r = await database.pool.query<{ n: string }>(
        'select count(*) as n from log_events where tenant_id = $1 and source = $2',
        [tenantId, source],
      );
      return Number(r.rows[0]?.n) === 12;
    });
    const live = await database.pool.query<{ id: string; template: string; count: string }>(
      'select id, template, count from templates where tenant_id = $1 and source = $2 and superseded_by is null',
      [tenantId, source],
    );
    expect(live.rows.map((r) => [r.template, Number(r.count)])).toEqual([
      ['cache warmed for region <*>', 12],
    ]);
    const superseded = await database.pool.query<{ n: string }>(
      'select count(*) as n from templates where tenant_id = $1 and source = $2 and superseded_by is not null',
      [tenantId, source],
    );
    expect(Number(superseded.rows[0]?.n)).toBeGreaterThan(0);
    const volume = await database.pool.query<{ template_id: string; minutes: string; total: string }>(
      `select template_id, count(*) as minutes, sum(count) as total from log_volume_minute
       where tenant_id = $1 and source = $2 group by template_id`,
      [tenantId, source],
    );
    expect(volume.rows.map((r) => [r.template_id, Number(r.minutes), Number(r.total)])).toEqual([
      [live.rows[0]!.id, 6, 12],
    ]);
  });

  it('writes a redelivered batch once and publishes its parsed batch once', async () => {
    const source = 'shop/redelivery';
    const batch = rawBatch(tenantId, source, 1, mixedLines(10, 3));
    const before = await eventCounts(database, tenantId);
    await publishRaw(js, prefix, batch);
    // The same batch under another message id gets past JetStream's dedup, as a redelivery would.
    await publishRaw(js, prefix, batch, 'again-1');
    await publishRaw(js, prefix, rawBatch(tenantId, source, 2, mixedLines(5, 4)));
    await eventually(
      'both batches stored',
      async () => (await eventCounts(database, tenantId)).rows >= before.rows + 15,
    );
    // Let the duplicate be handled too: the parsed stream shows its answer.
    await eventually('redelivery answered', async () => {
      const partition = partitionOf(tenantId, source, PARTITIONS);
      const pending = await jsm.consumers.info(`${prefix}LOGS_RAW`, `${prefix}parser-p${partition}`);
      return pending.num_pending === 0 && pending.num_ack_pending === 0;
    });
    expect(await eventCounts(database, tenantId)).toEqual({ rows: before.rows + 15, ids: before.ids + 15 });
    const parsed = (await streamMessages(jsm, `${prefix}LOGS_PARSED`)).filter(
      (m) => ParsedBatch.decode(m.data).source === source,
    );
    expect(parsed).toHaveLength(2);
  });

  it('dead-letters a poison batch with its error and keeps going', async () => {
    const subject = `${prefix}logs.raw.${tenantId}.3`;
    await js.publish(subject, new Uint8Array([0xff, 0xff, 0xff, 0x01]), { msgID: 'poison-1' });
    const notUuid = RawBatch.encode(rawBatch('acme', 'shop/x', 1, [line('hello')])).finish();
    await js.publish(`${prefix}logs.raw.acme.3`, notUuid, { msgID: 'poison-2' });
    await eventually('two dead letters', async () => (await streamMessages(jsm, `${prefix}DLQ`)).length >= 2);
    const letters = await streamMessages(jsm, `${prefix}DLQ`);
    expect(letters.map((m) => m.subject).sort()).toEqual(
      [`${prefix}dlq.parser.${tenantId}`, `${prefix}dlq.parser.acme`].sort(),
    );
    const bySubject = new Map(letters.map((m) => [m.header.get(DLQ_SUBJECT_HEADER), m]));
    expect(bySubject.get(subject)?.header.get(DLQ_ERROR_HEADER)).toMatch(/undecodable RawBatch/);
    expect(bySubject.get(`${prefix}logs.raw.acme.3`)?.header.get(DLQ_ERROR_HEADER)).toMatch(/not a uuid/);
    expect(bySubject.get(subject)?.data).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0x01]));
  });

  it('applies the LogSource document of a source: redaction, multiline and labels', async () => {
    await publishRaw(
      js,
      prefix,
      rawBatch(tenantId, 'shop/secret', 1, [
        line('paid order-123 by card'),
        line('  indented stays a record'),
      ]),
    );
    await eventually('secret events', async () => {
      const { rows } = await database.pool.query('select 1 from log_events where source = $1', [
        'shop/secret',
      ]);
      return rows.length === 2;
    });
    const { rows } = await database.pool.query<{ message: string; attributes: Record<string, string> }>(
      'select message, attributes from log_events where source = $1 order by id',
      ['shop/secret'],
    );
    expect(rows[0]?.message).toBe('paid <redacted:order> by card');
    expect(rows[0]?.attributes.team).toBe('payments');
  });

  it("adds a restarted parser's counts of a time bucket to the ones before instead of overwriting them", async () => {
    const source = 'shop/restart';
    const at = Math.floor((Date.now() - 60_000) / 10_000) * 10_000;
    const lines = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) =>
        line(`${new Date(at + from + i).toISOString()} ERROR payment ${from + i} declined`),
      );
    const stored = (n: number) => async () => {
      const r = await database.pool.query<{ n: string }>(
        'select count(*) as n from log_events where tenant_id = $1 and source = $2',
        [tenantId, source],
      );
      return Number(r.rows[0]?.n) === n;
    };
    await publishRaw(js, prefix, rawBatch(tenantId, source, 1, lines(5, 0)));
    await eventually('5 lines stored', stored(5));
    await parser.stop();
    parser = await startParser({ nc, prefix, database, influx });
    await publishRaw(js, prefix, rawBatch(tenantId, source, 2, lines(3, 100)));
    await eventually('8 lines stored', stored(8));
    await influx.flush();
    await eventually('8 lines in the series', async () => {
      const levels = await exportSeries('log_volume_count', tenantId, source);
      return levels.get('error') === 8;
    });
  });
});
