import { Option, type Command } from 'commander';
import { parseDuration } from '@loglens/platform/client';
import { durationFromMillis, VolumeGroupBy, type VolumeSeries } from '@loglens/proto';
import { rfc3339 } from '@loglens/query/export-format';
import { describe } from './catalog.js';
import { withConnectionOptions, type ConnectionFlags } from '../client/connection.js';
import { filterFromFlags, withFilterOptions, type FilterFlags } from '../client/filter-flags.js';
import { withQueryApi } from '../client/query-client.js';
import { levelName } from '../client/render-events.js';
import { UsageError } from '../usage-error.js';

interface VolumeFlags extends ConnectionFlags, FilterFlags {
  readonly by: keyof typeof GROUPS;
  readonly step?: string;
  readonly output: 'table' | 'json';
}

const GROUPS = {
  total: VolumeGroupBy.VOLUME_GROUP_BY_UNSPECIFIED,
  level: VolumeGroupBy.VOLUME_GROUP_BY_LEVEL,
  template: VolumeGroupBy.VOLUME_GROUP_BY_TEMPLATE,
  source: VolumeGroupBy.VOLUME_GROUP_BY_SOURCE,
} as const;

function label(series: VolumeSeries, by: keyof typeof GROUPS): string {
  if (by === 'level') return levelName(series.level);
  if (by === 'template') return series.templateId || '(none)';
  if (by === 'source') return series.source;
  return 'TOTAL';
}

/** `loglens volume`: line counts per time bucket, in total or per level, template or source. */
export function registerVolume(program: Command): void {
  withConnectionOptions(
    withFilterOptions(
      program
        .command('volume')
        .description(describe('volume'))
        .addOption(new Option('--by <group>', 'one column per').choices(Object.keys(GROUPS)).default('total'))
        .option('--step <duration>', 'bucket width, whole minutes (default: picked from the range)')
        .addOption(
          new Option('--output <format>', 'how to print').choices(['table', 'json']).default('table'),
        ),
    ),
  ).action(async (flags: VolumeFlags) => {
    const stepMs = flags.step === undefined ? undefined : parseDuration(flags.step);
    if (flags.step !== undefined && stepMs === undefined)
      throw new UsageError(`--step ${flags.step}: expected a duration like 5m`);
    const { series } = await withQueryApi(flags, (api) =>
      api.getVolume({
        filter: filterFromFlags(flags),
        groupBy: GROUPS[flags.by],
        ...(stepMs === undefined ? {} : { step: durationFromMillis(stepMs) }),
      }),
    );
    if (flags.output === 'json') {
      const rows = series.map((s) => ({
        series: label(s, flags.by),
        points: s.points.map((p) => ({ time: rfc3339(p.time), count: p.count })),
      }));
      console.log(JSON.stringify(rows, null, 2));
      return;
    }
    console.log(['TIME', ...series.map((s) => label(s, flags.by))].join('\t'));
    const times = series[0]?.points.map((p) => rfc3339(p.time)) ?? [];
    times.forEach((time, i) =>
      console.log([time, ...series.map((s) => String(s.points[i]?.count ?? 0))].join('\t')),
    );
  });
}
