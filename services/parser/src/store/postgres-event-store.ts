import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DAY_MS, ensureDayPartitions, toDay, type DatabaseHandle } from '@loglens/platform';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ParsedRawBatch } from '../parse/parse-batch.js';
import { EVENT_COPY_COLUMNS, EventCopyWriter, storableText } from './copy-text.js';
import { templateDeltas, volumeDeltas } from './rollup.js';

/** Stores parsed batches; what the consumer loop writes through. */
export interface EventStore {
  /**
   * Writes, in one transaction, the events, templates and volumes of every batch whose id is not yet in
   * `processed_batches`, and records those ids. Resolves with the ids written now; the others were stored
   * before (a redelivery) and were left alone.
   */
  write(batches: readonly ParsedRawBatch[]): Promise<ReadonlySet<string>>;
}

const COPY_CHUNK_CHARS = 256 * 1024;
const COPY_SQL = `copy log_events (${EVENT_COPY_COLUMNS.join(', ')}) from stdin`;

const CLAIM_SQL = `insert into processed_batches (id, tenant_id, lines)
  select * from unnest($1::text[], $2::uuid[], $3::int[])
  on conflict (id) do nothing returning id`;

const TEMPLATES_SQL = `insert into templates (tenant_id, source, id, template, first_seen, last_seen, count, previous_id)
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
    $7::bigint[], $8::text[])
  on conflict (tenant_id, source, id) do update set
    count = templates.count + excluded.count,
    first_seen = least(templates.first_seen, excluded.first_seen),
    last_seen = greatest(templates.last_seen, excluded.last_seen),
    previous_id = coalesce(templates.previous_id, excluded.previous_id)`;

// Moves the count of a generalised template to its successor and marks it superseded; a template already
// superseded is left alone, so a redelivered generalisation moves nothing twice.
const SUPERSEDE_SQL = `with moved as (
    update templates set superseded_by = $4
    where tenant_id = $1 and source = $2 and id = $3 and superseded_by is null
    returning count, first_seen, last_seen
  )
  update templates t set count = t.count + moved.count, first_seen = least(t.first_seen, moved.first_seen),
    last_seen = greatest(t.last_seen, moved.last_seen)
  from moved where t.tenant_id = $1 and t.source = $2 and t.id = $4`;

// Moves a generalised template's per-minute rows to its successor, so that ranged counts, volumes and
// levels of the successor include its history. Only the minutes the old template lived in are searched.
const FOLD_VOLUME_SQL = `with span as (
    select date_trunc('minute', first_seen) as first_minute, last_seen from templates
    where tenant_id = $1 and source = $2 and id = $3
  ), moved as (
    delete from log_volume_minute v using span s
    where v.tenant_id = $1 and v.source = $2 and v.template_id = $3
      and v.minute >= s.first_minute and v.minute <= s.last_seen
    returning v.minute, v.level, v.count
  )
  insert into log_volume_minute (tenant_id, source, minute, level, template_id, count)
  select $1, $2, minute, level, $4, count from moved
  on conflict (tenant_id, source, minute, level, template_id) do update set
    count = log_volume_minute.count + excluded.count`;

const VOLUME_SQL = `insert into log_volume_minute (tenant_id, source, minute, level, template_id, count)
  select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[])
  on conflict (tenant_id, source, minute, level, template_id) do update set
    count = log_volume_minute.count + excluded.count`;

function* copyChunks(batches: readonly ParsedRawBatch[]): Generator<string> {
  let chunk = '';
  const writer = new EventCopyWriter();
  for (const batch of batches) {
    for (const event of batch.events) {
      chunk += writer.line(event);
      if (chunk.length >= COPY_CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

const iso = (ms: number): string => new Date(ms).toISOString();

async function upsertRollups(client: pg.PoolClient, batches: readonly ParsedRawBatch[]): Promise<void> {
  const events = batches.flatMap((b) => b.events);
  const templates = templateDeltas(events);
  if (templates.length > 0) {
    await client.query(TEMPLATES_SQL, [
      templates.map((t) => t.tenantId),
      templates.map((t) => storableText(t.source)),
      templates.map((t) => t.id),
      templates.map((t) => storableText(t.template)),
      templates.map((t) => iso(t.firstSeen)),
      templates.map((t) => iso(t.lastSeen)),
      templates.map((t) => t.count),
      templates.map((t) => t.previousId),
    ]);
  }
  // One statement each, in event order: a chain a→b→c must fold a into b before b moves into c. Rare once
  // a source's templates have settled.
  const generalised = batches.flatMap((b) => b.generalisations);
  for (const g of generalised) {
    await client.query(SUPERSEDE_SQL, [g.tenantId, storableText(g.source), g.previousId, g.id]);
  }
  const volumes = volumeDeltas(events);
  if (volumes.length > 0) {
    await client.query(VOLUME_SQL, [
      volumes.map((v) => v.tenantId),
      volumes.map((v) => storableText(v.source)),
      volumes.map((v) => iso(v.minute)),
      volumes.map((v) => v.level),
      volumes.map((v) => v.templateId),
      volumes.map((v) => v.count),
    ]);
  }
  // After the volumes, which may still count lines of the old template from before its generalisation.
  for (const g of generalised) {
    await client.query(FOLD_VOLUME_SQL, [g.tenantId, storableText(g.source), g.previousId, g.id]);
  }
}

/** The first batch of each id: a message delivered twice into one group is written once. */
function uniqueById(batches: readonly ParsedRawBatch[]): ParsedRawBatch[] {
  const seen = new Set<string>();
  return batches.filter((b) => !seen.has(b.id) && seen.add(b.id));
}

/** An {@link EventStore} on PostgreSQL: one transaction per group, events bulk-loaded with COPY. */
export function createPostgresEventStore(database: DatabaseHandle): EventStore {
  // Days whose partition is known to exist; ensureDayPartitions is only asked about new days.
  const partitionDays = new Set<string>();

  async function ensurePartitions(batches: readonly ParsedRawBatch[]): Promise<void> {
    // Day numbers first: formatting a day for every event would cost more than the check itself.
    const dayNumbers = new Set<number>();
    for (const batch of batches) for (const e of batch.events) dayNumbers.add(Math.floor(e.ts / DAY_MS));
    for (const dayNumber of dayNumbers) {
      const day = toDay(new Date(dayNumber * DAY_MS));
      if (partitionDays.has(day)) continue;
      await ensureDayPartitions(database.db, day, 1);
      partitionDays.add(day);
    }
  }

  return {
    async write(group) {
      const batches = uniqueById(group);
      if (batches.length === 0) return new Set();
      await ensurePartitions(batches);
      const client = await database.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const claimed = await client.query<{ id: string }>(CLAIM_SQL, [
          batches.map((b) => storableText(b.id)),
          batches.map((b) => b.tenantId),
          batches.map((b) => b.lines),
        ]);
        const fresh = new Set(claimed.rows.map((r) => r.id));
        const toWrite = batches.filter((b) => fresh.has(storableText(b.id)));
        if (toWrite.some((b) => b.events.length > 0)) {
          await pipeline(Readable.from(copyChunks(toWrite)), client.query(copyFrom(COPY_SQL)));
          await upsertRollups(client, toWrite);
        }
        await client.query('commit');
        return new Set(toWrite.map((b) => b.id));
      } catch (error) {
        broken = error as Error;
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        // A connection that failed mid-transaction may be unusable: let the pool drop it.
        client.release(broken);
      }
    },
  };
}
