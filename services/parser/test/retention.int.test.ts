import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  closeNats,
  connectNats,
  listDayPartitions,
  silentLogger,
  type DatabaseHandle,
} from '@loglens/platform';
import { toLogSourceConfig } from '@loglens/resources';
import { natsUrl, uniquePrefix, type TestDatabase } from '@loglens/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDirectoryTarget,
  createRetentionJob,
  kvSourceRetentions,
  type RetentionJobOptions,
} from '../src/retention/index.js';
import { insertEvents, retentionDatabase, rowsPerSource, TRICKY_MESSAGES } from './retention-harness.js';

const DAY = 86_400_000;
const DAYS = Array.from({ length: 10 }, (_, i) => `2024-03-${String(i + 1).padStart(2, '0')}`);
const NOW = new Date('2024-03-10T12:00:00Z');

describe('retention job with a directory archive', () => {
  let test: TestDatabase;
  let database: DatabaseHandle;
  let directory: string;
  let options: RetentionJobOptions;
  // audit keeps 5 days (the longest), checkout 1 day, other/app has no LogSource and gets the 3-day default.
  const retentions = new Map([
    ['shop/audit', 5 * DAY],
    ['shop/checkout', DAY],
  ]);

  beforeAll(async () => {
    const made = await retentionDatabase(DAYS[0]!, DAYS.length);
    test = made.test;
    database = made.database;
    await insertEvents(database, {
      tenantId: made.tenantId,
      sources: ['shop/audit', 'shop/checkout', 'other/app'],
      days: DAYS,
      perDay: 24,
    });
    directory = await mkdtemp(join(tmpdir(), 'loglens-archive-'));
    options = {
      database,
      target: createDirectoryTarget(directory),
      sourceRetentions: () => Promise.resolve(retentions),
      defaultRetentionMs: 3 * DAY,
      intervalMs: 60_000,
      deleteBatchSize: 7,
      logger: silentLogger(),
      now: () => NOW,
    };
  });

  afterAll(async () => {
    await database.close();
    await test.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('deletes the expired rows of shorter retentions, and keeps partitions without an archive target', async () => {
    const before = await rowsPerSource(database);
    const report = await createRetentionJob({ ...options, target: undefined }).runOnce();
    expect(report.keptWithoutArchive).toEqual(DAYS.slice(0, 4));
    expect(report.droppedPartitions).toEqual([]);
    expect(await listDayPartitions(database.db)).toEqual(DAYS);
    // checkout keeps rows from 2024-03-09T12:00Z, other/app (the default) from 2024-03-07T12:00Z, audit all.
    const after = await rowsPerSource(database);
    expect(after).toEqual({ 'shop/audit': 10 * 24, 'shop/checkout': 12 + 24, 'other/app': 12 + 3 * 24 });
    expect(report.deletedRows).toBe(
      before['shop/checkout']! - after['shop/checkout']! + before['other/app']! - after['other/app']!,
    );
  });

  it('skips the run while another replica holds the job lock', async () => {
    const other = await database.pool.connect();
    try {
      await other.query('select pg_advisory_lock(7310594114271849012)');
      expect((await createRetentionJob(options).runOnce()).ran).toBe(false);
      await other.query('select pg_advisory_unlock(7310594114271849012)');
    } finally {
      other.release();
    }
  });

  it('archives, verifies and drops the days past the longest retention', async () => {
    const report = await createRetentionJob(options).runOnce();
    // Cutoff 2024-03-05T12:00Z: March 1 to 4 end before it; only audit rows are left in them.
    expect(report.droppedPartitions).toEqual(DAYS.slice(0, 4));
    expect(report.archived.map((a) => a.name)).toEqual([
      'log_events-20240301.jsonl.gz',
      'log_events-20240302.jsonl.gz',
      'log_events-20240303.jsonl.gz',
      'log_events-20240304.jsonl.gz',
    ]);
    expect(report.archived.map((a) => a.rows)).toEqual([24, 24, 24, 24]);
    expect(report.archivedRows).toBe(4 * 24);
    expect(report.archivedBytes).toBe(report.archived.reduce((n, a) => n + a.bytes, 0));
    expect((await readdir(directory)).sort()).toEqual(report.archived.map((a) => a.name));
    expect(await listDayPartitions(database.db)).toEqual(DAYS.slice(4));
    expect(await rowsPerSource(database)).toEqual({
      'shop/audit': 6 * 24,
      'shop/checkout': 12 + 24,
      'other/app': 12 + 3 * 24,
    });
  });

  it('writes rows as JSON lines that give every value back exactly', async () => {
    const lines = gunzipSync(await readFile(join(directory, 'log_events-20240301.jsonl.gz')))
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(24);
    const first = lines.find((l) => l.id === 'shop/audit:2024-03-01:3');
    expect(Object.keys(first ?? {}).sort()).toEqual([
      'attributes',
      'id',
      'level',
      'message',
      'params',
      'source',
      'template_id',
      'tenant_id',
      'trace_id',
      'ts',
    ]);
    expect(first).toMatchObject({
      source: 'shop/audit',
      level: 'info',
      message: TRICKY_MESSAGES[3],
      params: ['a\\b', 42],
      attributes: { pod: 'p-1', note: 'x"y' },
      template_id: null,
    });
    expect(new Set(lines.map((l) => l.message))).toEqual(new Set(TRICKY_MESSAGES));
    // Ordered by time.
    const times = lines.map((l) => Date.parse(String(l.ts)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('finds nothing more to do on the next run', async () => {
    const report = await createRetentionJob(options).runOnce();
    expect(report).toMatchObject({ ran: true, archived: [], droppedPartitions: [], deletedRows: 0 });
  });

  it('reads per-source retentions from the LogSource documents in the config bucket', async () => {
    const nc = await connectNats({ servers: natsUrl(), name: 'retention-test', logger: silentLogger() });
    try {
      const bucket = `${uniquePrefix()}loglens-config`;
      const kv = await nc.jetstream().views.kv(bucket);
      const logSource = (namespace: string, name: string, retention: string) =>
        toLogSourceConfig({
          apiVersion: 'loglens.io/v1alpha1',
          kind: 'LogSource',
          metadata: { namespace, name },
          spec: { selector: { matchLabels: { app: name } }, paths: ['/var/log/app.log'], retention },
        });
      await kv.put('logsource.shop.audit', JSON.stringify(logSource('shop', 'audit', '1w2d')));
      await kv.put('logsource.shop.checkout', JSON.stringify(logSource('shop', 'checkout', '36h')));
      await kv.put('logsource.shop.broken', '{"kind":"LogSourceConfig"}');
      const read = await kvSourceRetentions({ connection: nc, bucket, logger: silentLogger() })();
      expect([...read].sort()).toEqual([
        ['shop/audit', 9 * DAY],
        ['shop/checkout', 1.5 * DAY],
      ]);
    } finally {
      await closeNats(nc);
    }
  });
});
