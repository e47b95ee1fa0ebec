import { closeNats, partitionOf, type DatabaseHandle, type Module } from '@loglens/platform';
import { createTestDatabase, uniquePrefix, type TestDatabase } from '@loglens/testing';
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

const SOURCES = Array.from({ length: 8 }, (_, i) => `shop/svc-${i}`);
const BATCHES_PER_SOURCE = 24;
const LINES_PER_BATCH = 40;
const TOTAL_LINES = SOURCES.length * BATCHES_PER_SOURCE * LINES_PER_BATCH;
// Short leases so that hand-overs happen within the test.
const FAST_OWNERSHIP = { heartbeatMs: 200, timeoutMs: 1_000 };

/** One installation: its own database, tenant, prefix and NATS connection. */
interface Installation {
  readonly db: TestDatabase;
  readonly database: DatabaseHandle;
  readonly tenantId: string;
  readonly prefix: string;
  readonly nc: NatsConnection;
}

async function install(): Promise<Installation> {
  const db = await createTestDatabase();
  const { database, tenantId } = await prepareDatabase(db.connectionString);
  const prefix = uniquePrefix();
  return { db, database, tenantId, prefix, nc: await prepareNats(prefix) };
}

function startReplica(at: Installation, replicaId: string): Promise<Module> {
  return startParser({
    nc: at.nc,
    prefix: at.prefix,
    database: at.database,
    env: { LOGLENS_PARSER_FETCH_BATCH: '16', LOGLENS_PARSER_SNAPSHOT_INTERVAL: '1s' },
    replica: { replicaId, ownership: FAST_OWNERSHIP },
  });
}

/** Publishes batches `from` to `to` (exclusive) of every source, interleaving the sources. */
async function publishRange(at: Installation, from: number, to: number): Promise<void> {
  const js = at.nc.jetstream();
  for (let b = from; b < to; b++) {
    for (const [s, source] of SOURCES.entries()) {
      const lines = mixedLines(LINES_PER_BATCH, s * 1000 + b);
      await publishRaw(js, at.prefix, rawBatch(at.tenantId, source, b + 1, lines));
    }
  }
}

async function storedLines(at: Installation): Promise<number> {
  return (await eventCounts(at.database, at.tenantId)).rows;
}

/** Every template, as `source id text`, sorted: ids are derived from the text, so they compare across tenants. */
async function templates(at: Installation): Promise<string[]> {
  const { rows } = await at.database.pool.query<{ source: string; id: string; template: string }>(
    'select source, id, template from templates where tenant_id = $1',
    [at.tenantId],
  );
  return rows.map((r) => `${r.source} ${r.id} ${r.template}`).sort();
}

async function ownersOf(at: Installation): Promise<Set<string>> {
  const kv = await at.nc.jetstream().views.kv(`${at.prefix}loglens-parser-owners`, { bindOnly: true });
  const owners = new Set<string>();
  for (let p = 0; p < PARTITIONS; p++) {
    const entry = await kv.get(`parser.owner.${p}`);
    if (entry?.operation === 'PUT') owners.add(entry.string());
  }
  return owners;
}

async function close(at: Installation | undefined): Promise<void> {
  if (!at) return;
  await closeNats(at.nc);
  await at.database.close();
  await at.db.drop();
}

describe('two parser replicas sharing the partitions', () => {
  let single: Installation | undefined;
  let shared: Installation | undefined;
  const running: Module[] = [];

  beforeAll(async () => {
    [single, shared] = await Promise.all([install(), install()]);
  });

  afterAll(async () => {
    for (const module of running) await module.stop().catch(() => undefined);
    await close(single);
    await close(shared);
  });

  it('spreads the sources over several partitions', () => {
    const partitions = new Set(SOURCES.map((s) => partitionOf('tenant', s, PARTITIONS)));
    expect(partitions.size).toBeGreaterThan(1);
  });

  it('stores every line once and mines the templates one replica mines, across a replica stop', async () => {
    if (!single || !shared) throw new Error('installations not ready');
    const one = single;
    const two = shared;
    const half = BATCHES_PER_SOURCE / 2;

    // The reference: one replica, the whole input.
    const alone = await startReplica(one, 'alone');
    running.push(alone);
    await publishRange(one, 0, BATCHES_PER_SOURCE);
    await eventually(
      'the single replica stored every line',
      async () => (await storedLines(one)) >= TOTAL_LINES,
      60_000,
    );
    await alone.stop();
    running.splice(running.indexOf(alone), 1);

    // Two replicas, the same input: the first half with both running.
    const a = await startReplica(two, 'replica-a');
    const b = await startReplica(two, 'replica-b');
    running.push(a, b);
    await eventually('both replicas own partitions', async () => (await ownersOf(two)).size === 2);
    await publishRange(two, 0, half);
    const firstHalf = TOTAL_LINES / 2;
    await eventually('the first half stored', async () => (await storedLines(two)) >= firstHalf, 60_000);
    expect(await ownersOf(two)).toEqual(new Set(['replica-a', 'replica-b']));

    // The second half, with replica a stopped while it is being processed.
    const publishing = publishRange(two, half, BATCHES_PER_SOURCE);
    await eventually('part of the second half stored', async () => (await storedLines(two)) > firstHalf);
    await a.stop();
    running.splice(running.indexOf(a), 1);
    await publishing;
    await eventually('every line stored', async () => (await storedLines(two)) >= TOTAL_LINES, 60_000);
    expect(await ownersOf(two)).toEqual(new Set(['replica-b']));

    expect(await eventCounts(two.database, two.tenantId)).toEqual({ rows: TOTAL_LINES, ids: TOTAL_LINES });
    expect(await eventCounts(one.database, one.tenantId)).toEqual({ rows: TOTAL_LINES, ids: TOTAL_LINES });
    expect(await templates(two)).toEqual(await templates(one));
  });
});
