import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Data plane: the per-minute volume rollup the query service answers volume requests from, the record of
 * raw batches already stored, which makes a redelivered batch write nothing twice, and the link from a
 * template to the one the miner generalised it into.
 */
export const dataPlane: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // Template ids derive from the text, so a generalised template gets a new id; the old row points to it,
    // its count moves there, and listings show only the templates still in use.
    await db.schema.alterTable('templates').addColumn('superseded_by', 'text').execute();

    // One row per (tenant, source, minute, level, template); the parser adds to `count` in the same
    // transaction as the events, so the rollup always agrees with `log_events`.
    await db.schema
      .createTable('log_volume_minute')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('minute', 'timestamptz', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      // '' for records that got no template, so the column can be part of the key.
      .addColumn('template_id', 'text', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('log_volume_minute_pkey', [
        'tenant_id',
        'source',
        'minute',
        'level',
        'template_id',
      ])
      .execute();
    await db.schema
      .createIndex('log_volume_minute_tenant_minute_idx')
      .on('log_volume_minute')
      .columns(['tenant_id', 'minute'])
      .execute();

    // The message id of every raw batch whose events are stored, written in the same transaction.
    await db.schema
      .createTable('processed_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('lines', 'integer', (c) => c.notNull())
      .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('processed_batches_processed_at_idx')
      .on('processed_batches')
      .column('processed_at')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['processed_batches', 'log_volume_minute']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
    await db.schema.alterTable('templates').dropColumn('superseded_by').execute();
  },
};
