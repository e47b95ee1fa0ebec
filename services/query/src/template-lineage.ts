import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@loglens/platform';

/**
 * The templates the miner generalised into `templateId`, transitively, as `(source, id)` rows: each links to
 * its successor through `superseded_by` within its source. Events and rollup rows keep the id their template
 * had when they were stored, so a question about a template is a question about it and its lineage.
 */
function ancestors(tenantId: string, templateId: string): RawBuilder<unknown> {
  return sql`with recursive lineage(source, id) as (
      select source, id from templates where tenant_id = ${tenantId} and superseded_by = ${templateId}
      union
      select t.source, t.id from templates t
        join lineage l on t.source = l.source and t.superseded_by = l.id
        where t.tenant_id = ${tenantId}
    )
    select source, id from lineage`;
}

/**
 * A condition on a `log_events` or `log_volume_minute` row: its template is `templateId` or one generalised
 * into it. The first part (any of the ids, whatever the source) lets the planner use the template index;
 * the second keeps an ancestor id to the source it was generalised in, since the same text in another
 * source has the same id and may not be generalised there.
 */
export function inTemplateLineage(tenantId: string, templateId: string): RawBuilder<boolean> {
  const lineage = ancestors(tenantId, templateId);
  return sql<boolean>`(template_id = any(array(select ${templateId}::text union select id from (${lineage}) a))
    and (template_id = ${templateId} or (source, template_id) in (${lineage})))`;
}

/**
 * `templateId` where it is stored, what it was generalised into since (forwards along `superseded_by`), and
 * the lineage of each of those, as `(source, id)` rows. A tail follows a template this way: lines mined
 * after a generalisation carry the successor's id.
 */
function family(tenantId: string, templateId: string): RawBuilder<unknown> {
  return sql`with recursive successors(source, id) as (
      select source, id from templates where tenant_id = ${tenantId} and id = ${templateId}
      union
      select t.source, t.superseded_by from templates t
        join successors s on t.source = s.source and t.id = s.id
        where t.tenant_id = ${tenantId} and t.superseded_by is not null
    ), lineage(source, id) as (
      select source, id from successors
      union
      select t.source, t.id from templates t
        join lineage l on t.source = l.source and t.superseded_by = l.id
        where t.tenant_id = ${tenantId}
    )
    select source, id from lineage`;
}

/** Like {@link inTemplateLineage}, but also matching what the template was generalised into since. */
export function inTemplateFamily(tenantId: string, templateId: string): RawBuilder<boolean> {
  const rows = family(tenantId, templateId);
  return sql<boolean>`(template_id = any(array(select ${templateId}::text union select id from (${rows}) f))
    and (template_id = ${templateId} or (source, template_id) in (${rows})))`;
}

/** The template's family (see {@link inTemplateFamily}) by source. */
export async function readTemplateFamily(
  db: Kysely<Database>,
  tenantId: string,
  templateId: string,
): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ source: string; id: string }>`${family(tenantId, templateId)}`.execute(db);
  const bySource = new Map<string, Set<string>>();
  for (const { source, id } of rows) {
    const ids = bySource.get(source) ?? new Set<string>();
    ids.add(id);
    bySource.set(source, ids);
  }
  return bySource;
}
