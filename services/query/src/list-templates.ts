import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@loglens/platform';
import {
  TemplateSort,
  type ListTemplatesRequest,
  type ListTemplatesResponse,
  type Template,
} from '@loglens/proto';
import { cursorScope, decodeCursor, encodeCursor, invalidCursor, pageSize } from './cursor.js';
import { escapeLike, timestampAt } from './log-event-query.js';
import { boundedText, normalizeTimeRange, Violations, type MicrosRange } from './log-filter.js';
import { timestampFromMicros } from './micros.js';
import { dominantLevels, levelOf, minuteRange } from './template-levels.js';

/** Page sizes of ListTemplates. */
export const TEMPLATE_PAGE_DEFAULT = 100;
export const TEMPLATE_PAGE_MAX = 1000;

const KNOWN_SORTS: ReadonlySet<TemplateSort> = new Set([
  TemplateSort.TEMPLATE_SORT_UNSPECIFIED,
  TemplateSort.TEMPLATE_SORT_COUNT_DESC,
  TemplateSort.TEMPLATE_SORT_LAST_SEEN_DESC,
  TemplateSort.TEMPLATE_SORT_FIRST_SEEN_DESC,
]);

interface TemplateRow {
  readonly source: string;
  readonly id: string;
  readonly template: string;
  readonly first_us: string;
  readonly last_us: string;
  readonly count: string;
  readonly sort_key: string;
}

const micros = (column: string): RawBuilder<string> =>
  sql<string>`(extract(epoch from ${sql.ref(column)}) * 1000000)::bigint::text`;

// Each sort orders by one value, then source and id, all descending, so that one row comparison pages.
function sortValue(
  sort: TemplateSort,
  ranged: boolean,
): { key: RawBuilder<string>; bound: (v: string) => unknown } {
  switch (sort) {
    case TemplateSort.TEMPLATE_SORT_LAST_SEEN_DESC:
      return { key: micros('t.last_seen'), bound: (v) => timestampAt(v) };
    case TemplateSort.TEMPLATE_SORT_FIRST_SEEN_DESC:
      return { key: micros('t.first_seen'), bound: (v) => timestampAt(v) };
    default:
      return {
        key: ranged ? sql<string>`c.n::text` : sql<string>`t.count::text`,
        bound: (v) => sql`${v}::numeric`,
      };
  }
}

function sortColumn(sort: TemplateSort, ranged: boolean): RawBuilder<unknown> {
  if (sort === TemplateSort.TEMPLATE_SORT_LAST_SEEN_DESC) return sql`t.last_seen`;
  if (sort === TemplateSort.TEMPLATE_SORT_FIRST_SEEN_DESC) return sql`t.first_seen`;
  return ranged ? sql`c.n` : sql`t.count`;
}

function selectTemplates(
  db: Kysely<Database>,
  tenantId: string,
  request: { source?: string; text?: string; range: MicrosRange; sort: TemplateSort },
  after: readonly string[] | undefined,
  limit: number,
) {
  const ranged = request.range.startUs !== undefined || request.range.endUs !== undefined;
  const { key, bound } = sortValue(request.sort, ranged);
  let counts = minuteRange(
    db
      .selectFrom('log_volume_minute')
      .select(['source', 'template_id', sql<string>`sum(count)`.as('n')])
      .where('tenant_id', '=', tenantId)
      .where('template_id', '<>', ''),
    request.range,
  );
  if (request.source !== undefined) counts = counts.where('source', '=', request.source);
  let query = db
    .selectFrom('templates as t')
    .$if(ranged, (q) =>
      q.innerJoin(counts.groupBy(['source', 'template_id']).as('c'), (join) =>
        join.onRef('c.source', '=', 't.source').onRef('c.template_id', '=', 't.id'),
      ),
    )
    .select([
      't.source',
      't.id',
      't.template',
      micros('t.first_seen').as('first_us'),
      micros('t.last_seen').as('last_us'),
      (ranged ? sql<string>`c.n::text` : sql<string>`t.count::text`).as('count'),
      key.as('sort_key'),
    ])
    .where('t.tenant_id', '=', tenantId)
    // A generalised template lives on in its successor, which carries its count.
    .where('t.superseded_by', 'is', null);
  if (request.source !== undefined) query = query.where('t.source', '=', request.source);
  if (request.text !== undefined) query = query.where('t.template', 'ilike', `%${escapeLike(request.text)}%`);
  if (after !== undefined) {
    const [value = '', source = '', id = ''] = after;
    query = query.where(
      sql<boolean>`(${sortColumn(request.sort, ranged)}, t.source, t.id) < (${bound(value)}, ${source}, ${id})`,
    );
  }
  const column = sortColumn(request.sort, ranged);
  return query.orderBy(column, 'desc').orderBy('t.source', 'desc').orderBy('t.id', 'desc').limit(limit);
}

/** ListTemplates: the tenant's templates with counts (in the range, when one is given), one page at a time. */
export async function listTemplates(
  db: Kysely<Database>,
  tenantId: string,
  request: ListTemplatesRequest,
): Promise<ListTemplatesResponse> {
  const violations = new Violations();
  const source = boundedText(request.source, 256, 'source', violations);
  const text = boundedText(request.text, 1024, 'text', violations);
  const range = normalizeTimeRange(request.timeRange, 'time_range', violations);
  if (!KNOWN_SORTS.has(request.sort)) {
    violations.add('sort', `unknown sort ${request.sort}`);
  }
  violations.throwIfAny('invalid ListTemplates request');
  const size = pageSize(request.page?.pageSize ?? 0, TEMPLATE_PAGE_DEFAULT, TEMPLATE_PAGE_MAX);
  const normalized = {
    ...(source === undefined ? {} : { source }),
    ...(text === undefined ? {} : { text }),
    range,
    sort:
      request.sort === TemplateSort.TEMPLATE_SORT_UNSPECIFIED
        ? TemplateSort.TEMPLATE_SORT_COUNT_DESC
        : request.sort,
  };
  const scope = cursorScope('ListTemplates', normalized);
  const after = decodeCursor(request.page?.cursor ?? '', scope, 3);
  if (after !== undefined && !/^-?\d{1,30}$/.test(after[0] ?? '')) throw invalidCursor();

  const rows: TemplateRow[] = await selectTemplates(db, tenantId, normalized, after, size + 1).execute();
  const page = rows.slice(0, size);
  const levels = await dominantLevels(db, tenantId, page, range);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > size && last !== undefined
      ? encodeCursor(scope, [last.sort_key, last.source, last.id])
      : '';
  return { templates: page.map((row) => toTemplate(row, levelOf(levels, row))), page: { nextCursor } };
}

/** The API form of a template row. */
export function toTemplate(
  row: Pick<TemplateRow, 'source' | 'id' | 'template' | 'first_us' | 'last_us' | 'count'>,
  level: Template['level'],
): Template {
  return {
    id: row.id,
    source: row.source,
    text: row.template,
    count: Number(row.count),
    firstSeen: timestampFromMicros(BigInt(row.first_us)),
    lastSeen: timestampFromMicros(BigInt(row.last_us)),
    level,
    params: [],
  };
}
