import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@loglens/platform';

/** `seed`'s `(source, id)` rows and every template generalised into one of them, transitively, in its source. */
function withAncestors(tenantId: string, seed: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`with recursive lineage(source, id) as (
      ${seed}
      union
      select t.source, t.id from templates t
        join lineage l on t.source = l.source and t.superseded_by = l.id
        where t.tenant_id = ${tenantId}
    )
    select source, id from lineage`;
}

/**
 * The templates the miner generalised into `templateId`, transitively, as `(source, id)` rows: each links to
 * its successor through `superseded_by` within its source. Events and rollup rows keep the id their template
 * had when they were stored, so a question about a template is a question about it and its lineage.
 */
function ancestors(tenantId: string, templateId: string): RawBuilder<unknown> {
  return withAncestors(
    tenantId,
    sql`select source, id from templates where tenant_id = ${tenantId} and superseded_by = ${templateId}`,
  );
}

/**
 * `templateId` where it is stored, what it was generalised into since (forwards along `superseded_by`), and
 * the lineage of each of those, as `(source, id)` rows. A tail follows a template this way: lines mined
 * after a generalisation carry the successor's id.
 */
function family(tenantId: string, templateId: string): RawBuilder<unknown> {
  return withAncestors(
    tenantId,
    sql`select source, id from (with recursive successors(source, id) as (
        select source, id from templates where tenant_id = ${tenantId} and id = ${templateId}
        union
        select t.source, t.superseded_by from templates t
          join successors s on t.source = s.source and t.id = s.id
          where t.tenant_id = ${tenantId} and t.superseded_by is not null
      ) select source, id from successors) s`,
  );
}

/**
 * A condition on a `log_events` or `log_volume_minute` row: its template is `templateId` or one of `rows`.
 * The first part (any of the ids, whatever the source) lets the planner use the template index; the second
 * keeps an id of `rows` to its source, since the same text in another source has the same id and may not be
 * generalised there.
 */
function inRows(templateId: string, rows: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(template_id = any(array(select ${templateId}::text union select id from (${rows}) r))
    and (template_id = ${templateId} or (source, template_id) in (${rows})))`;
}

/** A condition on a `log_events` or `log_volume_minute` row: its template is `templateId` or one generalised into it. */
export function inTemplateLineage(tenantId: string, templateId: string): RawBuilder<boolean> {
  return inRows(templateId, ancestors(tenantId, templateId));
}

/** Like {@link inTemplateLineage}, but also matching what the template was generalised into since. */
export function inTemplateFamily(tenantId: string, templateId: string): RawBuilder<boolean> {
  return inRows(templateId, family(tenantId, templateId));
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
