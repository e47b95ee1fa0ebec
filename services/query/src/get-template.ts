import { sql, type Kysely } from 'kysely';
import { NotFoundError, type Database } from '@loglens/platform';
import type { GetTemplateRequest, GetTemplateResponse } from '@loglens/proto';
import { paramTexts, toLogEvent } from './log-event-mapping.js';
import { selectEventPage, whereFilter } from './log-event-query.js';
import { boundedText, normalizeTimeRange, Violations } from './log-filter.js';
import { toTemplate } from './list-templates.js';
import { paramStats } from './param-stats.js';
import { dominantLevels, levelOf, minuteRange } from './template-levels.js';

/** Examples returned when the request asks for 0; requests above the maximum get the maximum. */
export const EXAMPLES_DEFAULT = 5;
export const EXAMPLES_MAX = 100;

/**
 * GetTemplate: one template of the tenant with its count and level in the range, its most recent example
 * events and statistics of its parameter values over the `sampleSize` most recent events. When the same
 * pattern was mined in several sources, the one seen last is returned. Another tenant's id is NOT_FOUND,
 * exactly like an id nobody has.
 */
export async function getTemplate(
  db: Kysely<Database>,
  tenantId: string,
  request: GetTemplateRequest,
  sampleSize: number,
): Promise<GetTemplateResponse> {
  const violations = new Violations();
  const id = boundedText(request.templateId, 256, 'template_id', violations);
  if (id === undefined) violations.add('template_id', 'required');
  const range = normalizeTimeRange(request.timeRange, 'time_range', violations);
  violations.throwIfAny('invalid GetTemplate request');
  const templateId = id ?? '';

  const row = await db
    .selectFrom('templates')
    .select([
      'source',
      'id',
      'template',
      sql<string>`(extract(epoch from first_seen) * 1000000)::bigint::text`.as('first_us'),
      sql<string>`(extract(epoch from last_seen) * 1000000)::bigint::text`.as('last_us'),
      sql<string>`count::text`.as('count'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', templateId)
    .orderBy('last_seen', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`template ${JSON.stringify(templateId)} not found`);

  const ranged = range.startUs !== undefined || range.endUs !== undefined;
  let count = row.count;
  if (ranged) {
    const counted = await minuteRange(
      db
        .selectFrom('log_volume_minute')
        .select(sql<string>`coalesce(sum(count), 0)::text`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('source', '=', row.source)
        .where('template_id', '=', row.id),
      range,
    ).executeTakeFirst();
    count = counted?.n ?? '0';
  }
  const filter = { source: row.source, templateId: row.id, ...range };
  const exampleLimit = Math.min(
    request.exampleLimit === 0 ? EXAMPLES_DEFAULT : request.exampleLimit,
    EXAMPLES_MAX,
  );
  const [levels, examples, samples] = await Promise.all([
    dominantLevels(db, tenantId, [row], range),
    selectEventPage(db, tenantId, filter, { newestFirst: true, limit: exampleLimit }).execute(),
    // Parameters by position belong to this template's shape: its ancestors' lines have fewer of them.
    whereFilter(db.selectFrom('log_events').select('params'), tenantId, { source: row.source, ...range })
      .where('template_id', '=', row.id)
      .orderBy('ts', 'desc')
      .limit(sampleSize)
      .execute(),
  ]);
  return {
    template: {
      ...toTemplate({ ...row, count }, levelOf(levels, row)),
      params: paramStats(samples.map((s) => paramTexts(s.params))),
    },
    examples: examples.map(toLogEvent),
  };
}
