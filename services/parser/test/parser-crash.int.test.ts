import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { closeNats, type DatabaseHandle } from '@loglens/platform';
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from '@loglens/testing';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventCounts,
  eventually,
  mixedLines,
  prepareDatabase,
  prepareNats,
  publishRaw,
  rawBatch,
} from './parser-harness.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function startParserProcess(env: Record<string, string>): Promise<ChildProcess> {
  // Node itself with tsx as a loader, not the tsx launcher: a SIGKILL must reach the process that parses
  // (the launcher would leave its node child running).
  const child = spawn(
    process.execPath,
    ['--conditions=@loglens/source', '--import', 'tsx', join(import.meta.dirname, 'parser-process.ts')],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`parser process exited early with ${code}`)));
  });
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function templateIds(
  database: DatabaseHandle,
  tenantId: string,
  except: ReadonlySet<string>,
): Promise<Set<string>> {
  const { rows } = await database.pool.query<{ id: string; template_id: string }>(
    'select id, template_id from log_events where tenant_id = $1',
    [tenantId],
  );
  return new Set(rows.filter((r) => !except.has(r.id)).map((r) => r.template_id));
}

describe('parser killed with SIGKILL mid-stream', () => {
  const prefix = uniquePrefix();
  let db: TestDatabase;
  let database: DatabaseHandle;
  let tenantId: string;
  let nc: NatsConnection;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ database, tenantId } = await prepareDatabase(db.connectionString));
    // Batches the killed process held come back after the ack wait: shortened from 30 s (still above the
    // parser's 10 s in-work heartbeat) so the test does not spend most of its time waiting for them.
    nc = await prepareNats(prefix, { parser: { ackWaitMs: 12_000, backoffMs: [] } });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) await kill9(child);
    if (nc) await closeNats(nc);
    await database?.close();
    await db?.drop();
  });

  it('stores every line exactly once after a restart and keeps template ids', async () => {
    const env = {
      LOGLENS_NATS_URL: natsUrl(),
      LOGLENS_NATS_PREFIX: prefix,
      LOGLENS_POSTGRES_URL: db.connectionString,
      LOGLENS_PARSER_FETCH_BATCH: '4',
      LOGLENS_PARSER_SNAPSHOT_INTERVAL: '100ms',
    };
    const js = nc.jetstream();
    const source = 'shop/crash';
    const total = 120;
    const perBatch = 100;
    child = await startParserProcess(env);
    const publishing = (async () => {
      for (let i = 0; i < total; i++)
        await publishRaw(js, prefix, rawBatch(tenantId, source, i + 1, mixedLines(perBatch, i)));
    })();
    await eventually(
      'some events stored',
      async () => (await eventCounts(database, tenantId)).rows >= 30 * perBatch,
    );
    await eventually('a miner snapshot', async () => {
      const { rows } = await database.pool.query(
        'select 1 from model_snapshots where owner = $1 and key = $2',
        ['parser', `${tenantId}/${source}`],
      );
      return rows.length === 1;
    });
    await kill9(child);
    const { rows: before } = await database.pool.query<{ id: string }>(
      'select id from log_events where tenant_id = $1',
      [tenantId],
    );
    const storedBefore = new Set(before.map((r) => r.id));
    expect(storedBefore.size).toBeLessThan(total * perBatch);
    const idsBefore = await templateIds(database, tenantId, new Set());

    child = await startParserProcess(env);
    await publishing;
    await eventually(
      'every event stored',
      async () => (await eventCounts(database, tenantId)).rows >= total * perBatch,
      60_000,
    );
    expect(await eventCounts(database, tenantId)).toEqual({ rows: total * perBatch, ids: total * perBatch });
    // Lines of the same shapes after the restart fall into templates the first run had learned.
    const idsAfter = await templateIds(database, tenantId, storedBefore);
    expect([...idsAfter].filter((id) => !idsBefore.has(id))).toEqual([]);
  }, 120_000);
});
