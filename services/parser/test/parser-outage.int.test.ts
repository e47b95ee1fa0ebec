import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeNats, partitionOf, type DatabaseHandle, type Module } from '@loglens/platform';
import { startPostgres, uniquePrefix, type PostgresServer } from '@loglens/testing';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventCounts,
  eventually,
  mixedLines,
  PARTITIONS,
  prepareDatabase,
  prepareNats,
  publishRaw,
  rawBatch,
  startParser,
} from './parser-harness.js';

describe('parser during a PostgreSQL outage', () => {
  const prefix = uniquePrefix();
  let dir: string;
  let postgres: PostgresServer;
  let database: DatabaseHandle;
  let tenantId: string;
  let nc: NatsConnection;
  let parser: Module;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parser-outage-'));
    // As root the cluster runs as an unprivileged user, who must be able to enter the directory.
    await chmod(dir, 0o755);
    postgres = await startPostgres(dir);
    const admin = postgres.connectionString('postgres');
    ({ database, tenantId } = await prepareDatabase(admin));
    nc = await prepareNats(prefix);
    parser = await startParser({ nc, prefix, database, env: { LOGLENS_PARSER_MAX_RETRY_DELAY: '2s' } });
  });

  afterAll(async () => {
    await parser?.stop();
    if (nc) await closeNats(nc);
    await database?.close();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the batches while PostgreSQL is down and stores each once when it is back', async () => {
    const js = nc.jetstream();
    const source = 'shop/outage';
    for (let i = 1; i <= 10; i++)
      await publishRaw(js, prefix, rawBatch(tenantId, source, i, mixedLines(50, i)));
    await eventually('first batches stored', async () => (await eventCounts(database, tenantId)).rows >= 500);

    const { port } = postgres;
    await postgres.stop();
    for (let i = 11; i <= 30; i++)
      await publishRaw(js, prefix, rawBatch(tenantId, source, i, mixedLines(50, i)));
    // The outage lasts long enough for several retries of the same group.
    await sleep(20_000);
    postgres = await startPostgres(dir, { port });

    await eventually(
      'every batch stored',
      async () => (await eventCounts(database, tenantId)).rows >= 1500,
      60_000,
    );
    expect(await eventCounts(database, tenantId)).toEqual({ rows: 1500, ids: 1500 });
    const { rows } = await database.pool.query<{ n: string }>('select count(*) as n from processed_batches');
    expect(Number(rows[0]?.n)).toBe(30);
    const consumer = `${prefix}parser-p${partitionOf(tenantId, source, PARTITIONS)}`;
    const info = await (await nc.jetstreamManager()).consumers.info(`${prefix}LOGS_RAW`, consumer);
    expect(info.num_redelivered).toBe(0);
  }, 120_000);
});
