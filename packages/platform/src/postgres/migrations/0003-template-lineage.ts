import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Template lineage: events keep the template id they were stored with, so asking for a template's events
 * means also asking for those of every template the miner generalised into it (`superseded_by`, followed
 * backwards). Few templates are ever superseded, so a partial index keeps that walk cheap. The per-minute
 * rollup, in contrast, is kept under the live template: the parser now moves a generalised template's rows
 * to its successor, and this migration does it once for the rows stored before.
 */
export const templateLineage: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('templates_superseded_by_idx')
      .on('templates')
      .columns(['tenant_id', 'superseded_by'])
      .where(sql.ref('superseded_by'), 'is not', null)
      .execute();
    // The operator counts each LogSource's lines and templates by source name, over tenants.
    await db.schema
      .createIndex('templates_live_source_idx')
      .on('templates')
      .column('source')
      .where(sql.ref('superseded_by'), 'is', null)
      .execute();
    await sql`with recursive walk(tenant_id, source, id, live, depth) as (
        select tenant_id, source, id, superseded_by, 1 from templates where superseded_by is not null
        union all
        select w.tenant_id, w.source, w.id, t.superseded_by, w.depth + 1 from walk w
          join templates t on t.tenant_id = w.tenant_id and t.source = w.source and t.id = w.live
          where t.superseded_by is not null and w.depth < 100
      ), final as (
        select distinct on (tenant_id, source, id) tenant_id, source, id, live from walk
        order by tenant_id, source, id, depth desc
      ), moved as (
        delete from log_volume_minute v using final f
        where v.tenant_id = f.tenant_id and v.source = f.source and v.template_id = f.id
        returning v.tenant_id, v.source, v.minute, v.level, f.live, v.count
      )
      insert into log_volume_minute (tenant_id, source, minute, level, template_id, count)
      select tenant_id, source, minute, level, live, sum(count) from moved group by 1, 2, 3, 4, 5
      on conflict (tenant_id, source, minute, level, template_id) do update set
        count = log_volume_minute.count + excluded.count`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('templates_live_source_idx').ifExists().execute();
    await db.schema.dropIndex('templates_superseded_by_idx').ifExists().execute();
  },
};
