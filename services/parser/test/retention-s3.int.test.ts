import { gunzipSync } from 'node:zlib';
import { listDayPartitions, silentLogger, type DatabaseHandle } from '@loglens/platform';
import type { TestDatabase } from '@loglens/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArchiveTarget,
  createRetentionJob,
  loadRetentionConfig,
  type RetentionJobOptions,
} from '../src/retention/index.js';
import { insertEvents, retentionDatabase } from './retention-harness.js';
import { startS3TestServer, type S3TestServer } from './s3-test-server.js';

const DAY = 86_400_000;
// Random hex compresses to about half: this many rows make an archive over one 5 MiB part.
const BIG_DAY_ROWS = 80_000;

describe('retention job with an S3 archive', () => {
  let test: TestDatabase;
  let database: DatabaseHandle;
  let s3: S3TestServer;
  let options: RetentionJobOptions;
  const s3Env = (url: string) => ({
    LOGLENS_RETENTION_ARCHIVE_URL: url,
    LOGLENS_RETENTION_S3_ENDPOINT: s3.endpoint,
    LOGLENS_RETENTION_S3_ACCESS_KEY_ID: 'test-key',
    LOGLENS_RETENTION_S3_SECRET_ACCESS_KEY: 'test-secret',
    LOGLENS_RETENTION_S3_FORCE_PATH_STYLE: 'true',
    LOGLENS_RETENTION_S3_PART_SIZE: '5MiB',
  });

  beforeAll(async () => {
    s3 = await startS3TestServer(['archive']);
    const made = await retentionDatabase('2024-03-01', 3);
    test = made.test;
    database = made.database;
    await sql`
      insert into log_events (tenant_id, source, ts, id, level, message)
      select ${made.tenantId}::uuid, 'shop/big', '2024-03-01'::timestamptz + i * interval '1 second', 'big:' || i,
        'info', md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)
      from generate_series(1, ${BIG_DAY_ROWS}) as i`.execute(database.db);
    await insertEvents(database, {
      tenantId: made.tenantId,
      sources: ['shop/small'],
      days: ['2024-03-02'],
      perDay: 10,
    });
    options = {
      database,
      target: undefined,
      sourceRetentions: () => Promise.resolve(new Map()),
      defaultRetentionMs: 7 * DAY,
      intervalMs: 60_000,
      logger: silentLogger(),
      now: () => new Date('2024-03-10T06:00:00Z'),
    };
  });

  afterAll(async () => {
    await database.close();
    await test.drop();
    await s3.stop();
  });

  it('drops nothing when the upload fails', async () => {
    const target = createArchiveTarget(loadRetentionConfig(s3Env('s3://missing/loglens')));
    await expect(createRetentionJob({ ...options, target }).runOnce()).rejects.toThrow();
    expect(await listDayPartitions(database.db)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
  });

  it('streams a big day in parts and a small one in one request, verifies both, then drops them', async () => {
    const target = createArchiveTarget(loadRetentionConfig(s3Env('s3://archive/loglens/prod/')));
    expect(target?.location).toBe('s3://archive/loglens/prod/');
    const report = await createRetentionJob({ ...options, target }).runOnce();

    expect(report.droppedPartitions).toEqual(['2024-03-01', '2024-03-02']);
    expect(report.archived.map((a) => [a.name, a.rows])).toEqual([
      ['log_events-20240301.jsonl.gz', BIG_DAY_ROWS],
      ['log_events-20240302.jsonl.gz', 10],
    ]);
    const big = s3.objects.get('archive/loglens/prod/log_events-20240301.jsonl.gz');
    expect(big?.length).toBe(report.archived[0]?.bytes);
    expect(big!.length).toBeGreaterThan(5 * 2 ** 20);
    const lines = gunzipSync(big!).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(BIG_DAY_ROWS);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 'big:1', source: 'shop/big' });

    expect(s3.operations.filter((o) => o === 'UploadPart').length).toBeGreaterThanOrEqual(2);
    expect(s3.operations).toContain('CompleteMultipartUpload');
    expect(s3.operations).toContain('PutObject');
    expect(s3.operations).not.toContain('AbortMultipartUpload');
    expect(await listDayPartitions(database.db)).toEqual(['2024-03-03']);
  });
});
