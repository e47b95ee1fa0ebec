import type { Kysely } from 'kysely';
import type { Database } from '@loglens/platform';
import { Order, type QueryLogsRequest, type QueryLogsResponse } from '@loglens/proto';
import { cursorScope, decodeCursor, encodeCursor, invalidCursor, pageSize } from './cursor.js';
import { toLogEvent } from './log-event-mapping.js';
import { selectEventPage, type EventPosition, type LogEventRow } from './log-event-query.js';
import { normalizeFilter, Violations, type NormalizedFilter } from './log-filter.js';

/** Page sizes of QueryLogs. */
export const LOG_PAGE_DEFAULT = 100;
export const LOG_PAGE_MAX = 1000;

/** Rows of one page and where the next one starts, if there is one. */
export interface EventPage {
  readonly rows: readonly LogEventRow[];
  readonly next: EventPosition | undefined;
}

/** Reads one keyset page: asks for one row more than `size` to learn whether another page follows. */
export async function readEventPage(
  db: Kysely<Database>,
  tenantId: string,
  filter: NormalizedFilter,
  newestFirst: boolean,
  after: EventPosition | undefined,
  size: number,
): Promise<EventPage> {
  const rows = await selectEventPage(db, tenantId, filter, {
    newestFirst,
    limit: size + 1,
    ...(after === undefined ? {} : { after }),
  }).execute();
  if (rows.length <= size) return { rows, next: undefined };
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return { rows: page, next: last === undefined ? undefined : { tsUs: last.ts_us, id: last.id } };
}

/** True for newest first (the default); adds a violation for values outside the enum. */
export function isNewestFirst(order: Order, field: string, violations: Violations): boolean {
  if (order === Order.ORDER_OLDEST_FIRST) return false;
  if (order !== Order.ORDER_UNSPECIFIED && order !== Order.ORDER_NEWEST_FIRST) {
    violations.add(field, `unknown order ${order}`);
  }
  return true;
}

/** QueryLogs: one page of the tenant's events matching the filter. */
export async function queryLogs(
  db: Kysely<Database>,
  tenantId: string,
  request: QueryLogsRequest,
): Promise<QueryLogsResponse> {
  const violations = new Violations();
  const filter = normalizeFilter(request.filter, 'filter', violations);
  const newestFirst = isNewestFirst(request.order, 'order', violations);
  violations.throwIfAny('invalid QueryLogs request');
  const size = pageSize(request.page?.pageSize ?? 0, LOG_PAGE_DEFAULT, LOG_PAGE_MAX);
  const scope = cursorScope('QueryLogs', { filter, newestFirst });
  const keys = decodeCursor(request.page?.cursor ?? '', scope, 2);
  const after = keys === undefined ? undefined : { tsUs: keys[0] ?? '', id: keys[1] ?? '' };
  if (after !== undefined && !/^-?\d{1,19}$/.test(after.tsUs)) throw invalidCursor();
  const page = await readEventPage(db, tenantId, filter, newestFirst, after, size);
  return {
    events: page.rows.map(toLogEvent),
    page: { nextCursor: page.next === undefined ? '' : encodeCursor(scope, [page.next.tsUs, page.next.id]) },
  };
}
