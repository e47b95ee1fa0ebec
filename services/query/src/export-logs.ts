import type { Kysely } from 'kysely';
import type { Database } from '@loglens/platform';
import type { ExportLogsRequest, ExportLogsResponse } from '@loglens/proto';
import { ChunkBuffer, encodeEvent, EXPORT_FORMATS, exportPreamble } from './export-format.js';
import { toLogEvent } from './log-event-mapping.js';
import type { EventPosition } from './log-event-query.js';
import { normalizeFilter, Violations } from './log-filter.js';
import { isNewestFirst, readEventPage } from './query-logs.js';

/** Sizes of an export. */
export interface ExportLimits {
  /** Bytes of a chunk, about. */
  readonly chunkBytes: number;
  /** Rows read from PostgreSQL per query. */
  readonly pageRows: number;
}

/**
 * ExportLogs: every matching event encoded in the requested format, in chunks. Rows are read a keyset page
 * at a time and the next page is read only after the previous chunks were taken by the client, so memory
 * stays at one page and one chunk whatever the export's size.
 */
export async function* exportLogs(
  db: Kysely<Database>,
  tenantId: string,
  request: ExportLogsRequest,
  limits: ExportLimits,
  signal: AbortSignal,
): AsyncGenerator<ExportLogsResponse, void, undefined> {
  const violations = new Violations();
  const filter = normalizeFilter(request.filter, 'filter', violations);
  const newestFirst = isNewestFirst(request.order, 'order', violations);
  if (!EXPORT_FORMATS.includes(request.format)) violations.add('format', `unknown format ${request.format}`);
  violations.throwIfAny('invalid ExportLogs request');

  const buffer = new ChunkBuffer(limits.chunkBytes);
  const preamble = exportPreamble(request.format);
  if (preamble !== '') buffer.push(preamble);
  let remaining = request.limit === 0 ? Infinity : request.limit;
  let after: EventPosition | undefined;
  do {
    signal.throwIfAborted();
    const size = Math.min(limits.pageRows, remaining);
    const page = await readEventPage(db, tenantId, filter, newestFirst, after, size);
    for (const row of page.rows) {
      const chunk = buffer.push(encodeEvent(request.format, toLogEvent(row)));
      if (chunk !== undefined) yield { chunk };
    }
    remaining -= page.rows.length;
    after = page.next;
  } while (after !== undefined && remaining > 0);
  const last = buffer.flush();
  if (last !== undefined) yield { chunk: last };
}
