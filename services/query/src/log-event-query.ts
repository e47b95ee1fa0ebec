import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '@loglens/platform';
import type { NormalizedFilter } from './log-filter.js';
import { isoFromMicros } from './micros.js';
import { inTemplateFamily, inTemplateLineage } from './template-lineage.js';

/** A position in the (ts, id) order of log events. */
export interface EventPosition {
  /** Epoch microseconds, as decimal text. */
  readonly tsUs: string;
  readonly id: string;
}

/** What one page query needs besides the filter. */
export interface EventPageOptions {
  readonly newestFirst: boolean;
  /** Continue after this event (exclusive). */
  readonly after?: EventPosition;
  readonly limit: number;
}

/** The columns of a log event as the query service reads them. */
export interface LogEventRow {
  readonly id: string;
  readonly source: string;
  /** Epoch microseconds as decimal text (bigint). */
  readonly ts_us: string;
  readonly level: string;
  readonly message: string;
  readonly template_id: string | null;
  readonly trace_id: string | null;
  readonly params: unknown;
  readonly attributes: unknown;
}

/** `%`, `_` and the escape character itself match literally after this (PostgreSQL's default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQL of a timestamptz at epoch microseconds, exact to the microsecond. */
export function timestampAt(micros: bigint | string): ReturnType<typeof sql<Date>> {
  return sql<Date>`${isoFromMicros(BigInt(micros))}::timestamptz`;
}

/** Adds the tenant and every filter condition to a query of `log_events`. */
export function whereFilter<O>(
  query: SelectQueryBuilder<Database, 'log_events', O>,
  tenantId: string,
  filter: NormalizedFilter,
): SelectQueryBuilder<Database, 'log_events', O> {
  let q = query.where('tenant_id', '=', tenantId);
  if (filter.source !== undefined) q = q.where('source', '=', filter.source);
  if (filter.levels !== undefined) {
    // An empty list comes from a filter of only LEVEL_UNSPECIFIED, which matches nothing.
    q = filter.levels.length === 0 ? q.where(sql<boolean>`false`) : q.where('level', 'in', filter.levels);
  }
  if (filter.templateId !== undefined) {
    const inTemplate = filter.followSuccessors ? inTemplateFamily : inTemplateLineage;
    q = q.where(inTemplate(tenantId, filter.templateId));
  }
  if (filter.traceId !== undefined) q = q.where('trace_id', '=', filter.traceId);
  if (filter.text !== undefined) q = q.where('message', 'ilike', `%${escapeLike(filter.text)}%`);
  if (filter.startUs !== undefined) q = q.where('ts', '>=', timestampAt(filter.startUs));
  if (filter.endUs !== undefined) q = q.where('ts', '<', timestampAt(filter.endUs));
  return q;
}

/**
 * One page of events of a tenant matching `filter`, in (ts, id) order, starting after `options.after`.
 * Keyset pagination: rows inserted while a client pages never shift the pages it has not read yet.
 */
export function selectEventPage(
  db: Kysely<Database>,
  tenantId: string,
  filter: NormalizedFilter,
  options: EventPageOptions,
): SelectQueryBuilder<Database, 'log_events', LogEventRow> {
  const direction = options.newestFirst ? 'desc' : 'asc';
  let query = whereFilter(
    db
      .selectFrom('log_events')
      .select([
        'id',
        'source',
        sql<string>`(extract(epoch from ts) * 1000000)::bigint`.as('ts_us'),
        'level',
        'message',
        'template_id',
        'trace_id',
        'params',
        'attributes',
      ]),
    tenantId,
    filter,
  );
  if (options.after !== undefined) {
    const { tsUs, id } = options.after;
    const comparison = options.newestFirst ? sql.raw('<') : sql.raw('>');
    query = query.where(sql<boolean>`(ts, id) ${comparison} (${timestampAt(tsUs)}, ${id})`);
  }
  return query.orderBy('ts', direction).orderBy('id', direction).limit(options.limit);
}
