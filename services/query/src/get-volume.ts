import { sql, type Kysely } from 'kysely';
import type { Database } from '@loglens/platform';
import {
  durationToMillis,
  timestampFromMillis,
  VolumeGroupBy,
  type GetVolumeRequest,
  type GetVolumeResponse,
  type VolumeSeries,
  levelFromName,
} from '@loglens/proto';
import { normalizeFilter, Violations } from './log-filter.js';
import { bucketStarts, chooseStep, stepProblem, zeroFilled } from './volume-buckets.js';

/** The range GetVolume covers when the request gives no start: this long before the end. */
export const DEFAULT_VOLUME_RANGE_MS = 3_600_000;

/** Most series one response carries; the largest by total are kept. */
export const MAX_VOLUME_SERIES = 200;

const GROUP_COLUMNS: ReadonlyMap<VolumeGroupBy, 'level' | 'template_id' | 'source'> = new Map([
  [VolumeGroupBy.VOLUME_GROUP_BY_LEVEL, 'level'],
  [VolumeGroupBy.VOLUME_GROUP_BY_TEMPLATE, 'template_id'],
  [VolumeGroupBy.VOLUME_GROUP_BY_SOURCE, 'source'],
]);

function millisFromMicros(us: bigint): number {
  return Number(us / 1000n);
}

/** GetVolume: zero-filled line counts per bucket from the per-minute rollup, one series per group. */
export async function getVolume(
  db: Kysely<Database>,
  tenantId: string,
  request: GetVolumeRequest,
  now: number,
): Promise<GetVolumeResponse> {
  const violations = new Violations();
  const filter = normalizeFilter(request.filter, 'filter', violations);
  if (filter.text !== undefined) violations.add('filter.text', 'not supported by GetVolume');
  if (filter.traceId !== undefined) violations.add('filter.trace_id', 'not supported by GetVolume');
  const groupBy = request.groupBy;
  const column = GROUP_COLUMNS.get(groupBy);
  if (column === undefined && groupBy !== VolumeGroupBy.VOLUME_GROUP_BY_UNSPECIFIED) {
    violations.add('group_by', `unknown grouping ${groupBy}`);
  }
  const endMs = filter.endUs === undefined ? now : millisFromMicros(filter.endUs);
  const startMs =
    filter.startUs === undefined ? endMs - DEFAULT_VOLUME_RANGE_MS : millisFromMicros(filter.startUs);
  if (startMs >= endMs) violations.add('filter.time_range.start', 'must be before the end (default: now)');
  const rangeMs = Math.max(1, endMs - startMs);
  const stepMs = request.step === undefined ? chooseStep(rangeMs) : durationToMillis(request.step);
  const problem = request.step === undefined ? undefined : stepProblem(stepMs, rangeMs);
  if (problem !== undefined) violations.add('step', problem);
  violations.throwIfAny('invalid GetVolume request');

  const buckets = bucketStarts(startMs, endMs, stepMs);
  const stepSeconds = stepMs / 1000;
  const key = column === undefined ? sql<string>`''` : sql<string>`${sql.ref(column)}`;
  const bucket = sql<string>`(floor(extract(epoch from minute) / ${stepSeconds}) * ${stepSeconds})::bigint`;
  let query = db
    .selectFrom('log_volume_minute')
    .select([key.as('key'), bucket.as('bucket'), sql<string>`sum(count)::text`.as('count')])
    .where('tenant_id', '=', tenantId)
    .where('minute', '>=', new Date(buckets[0] ?? startMs))
    .where('minute', '<', new Date(endMs));
  if (filter.source !== undefined) query = query.where('source', '=', filter.source);
  if (filter.levels !== undefined) {
    query =
      filter.levels.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where('level', 'in', filter.levels);
  }
  if (filter.templateId !== undefined) query = query.where('template_id', '=', filter.templateId);
  const rows = await query.groupBy([sql`1`, sql`2`]).execute();

  const groups = new Map<string, Map<number, number>>();
  if (column === undefined) groups.set('', new Map());
  for (const row of rows) {
    const counts = groups.get(row.key) ?? new Map<number, number>();
    groups.set(row.key, counts);
    counts.set(Number(row.bucket) * 1000, Number(row.count));
  }
  const total = (counts: Map<number, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
  const series = [...groups.entries()]
    .sort(([keyA, a], [keyB, b]) =>
      column === 'level'
        ? levelFromName(keyA) - levelFromName(keyB)
        : total(b) - total(a) || keyA.localeCompare(keyB),
    )
    .slice(0, MAX_VOLUME_SERIES)
    .map(([groupKey, counts]): VolumeSeries => ({
      level: column === 'level' ? levelFromName(groupKey) : 0,
      templateId: column === 'template_id' ? groupKey : '',
      source: column === 'source' ? groupKey : '',
      points: zeroFilled(buckets, counts).map((p) => ({
        time: timestampFromMillis(p.timeMs),
        count: p.count,
      })),
    }));
  return { series };
}
