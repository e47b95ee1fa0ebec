import { sql, type Kysely, type Migration } from 'kysely';
import { EVENT_LEVELS } from '../schema.js';

/**
 * Foundation schema: tenants, API keys, sources, templates, day-partitioned log events and model snapshots.
 * Migrations see the database untyped (`Kysely<unknown>`): they must keep working after the `Database`
 * interface moves on.
 */
export const foundation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      // SHA-256 hex of the whole presented key; the raw key is never stored.
      .addColumn('hash', 'text', (c) => c.notNull().check(sql`hash ~ '^[0-9a-f]{64}$'`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('last_used_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').column('tenant_id').execute();

    await db.schema
      .createTable('sources')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('sources_pkey', ['tenant_id', 'name'])
      .execute();

    await db.schema
      .createTable('templates')
      // No foreign key to `sources`: the parser learns templates of sources nobody declared yet.
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
      .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('previous_id', 'text')
      .addPrimaryKeyConstraint('templates_pkey', ['tenant_id', 'source', 'id'])
      .execute();
    await db.schema
      .createIndex('templates_last_seen_idx')
      .on('templates')
      .columns(['tenant_id', 'last_seen desc'])
      .execute();

    // Partitioned tables need the partition key in every unique constraint, hence (ts, id). No foreign
    // keys here: a check per row would slow the bulk loads, and tenants are never deleted under live data.
    await db.schema
      .createTable('log_events')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('ts', 'timestamptz', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) =>
        c.notNull().check(sql`level in (${sql.join(EVENT_LEVELS.map((l) => sql.lit(l)))})`),
      )
      .addColumn('template_id', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('trace_id', 'text')
      .addPrimaryKeyConstraint('log_events_pkey', ['ts', 'id'])
      .modifyEnd(sql`partition by range (ts)`)
      .execute();
    // Indexes on the parent are created on every partition, present and future.
    await db.schema
      .createIndex('log_events_source_idx')
      .on('log_events')
      .columns(['tenant_id', 'source', 'ts'])
      .execute();
    await db.schema
      .createIndex('log_events_template_idx')
      .on('log_events')
      .columns(['tenant_id', 'template_id', 'ts'])
      .execute();
    await db.schema
      .createIndex('log_events_trace_idx')
      .on('log_events')
      .columns(['tenant_id', 'trace_id'])
      .where(sql.ref('trace_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('model_snapshots')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('model_snapshots_pkey', ['owner', 'key'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    // Dropping the partitioned parent drops its partitions too.
    for (const table of ['model_snapshots', 'log_events', 'templates', 'sources', 'api_keys', 'tenants']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
