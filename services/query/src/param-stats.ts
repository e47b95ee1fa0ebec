import type { ParamStats } from '@loglens/proto';

/** Most frequent values reported per parameter. */
export const TOP_VALUES = 10;

const KINDS: readonly (readonly [string, RegExp])[] = [
  ['number', /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/],
  ['duration', /^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/],
  ['ip', /^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[?[0-9a-fA-F]*:[0-9a-fA-F:.]+\]?(:\d{1,5})?)$/],
  ['uuid', /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/],
  ['hex', /^(0x)?(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}$/],
];

/** The kind of one value: number, duration, ip, uuid, hex or string. */
export function valueKind(value: string): string {
  for (const [kind, pattern] of KINDS) if (pattern.test(value)) return kind;
  return 'string';
}

/** The kind every value shares, or `string` when they differ (a number among words is still a word). */
function sharedKind(values: Iterable<string>): string {
  let shared: string | undefined;
  for (const value of values) {
    const kind = valueKind(value);
    if (shared === undefined) shared = kind;
    else if (shared !== kind) return 'string';
  }
  return shared ?? 'string';
}

/**
 * Statistics of each parameter position over a sample of events' parameter values: the shared kind, the
 * number of distinct values in the sample, and the most frequent values (ties in first-seen order).
 */
export function paramStats(samples: readonly (readonly string[])[], topValues = TOP_VALUES): ParamStats[] {
  const positions = samples.reduce((max, params) => Math.max(max, params.length), 0);
  const stats: ParamStats[] = [];
  for (let index = 0; index < positions; index++) {
    const counts = new Map<string, number>();
    for (const params of samples) {
      const value = params[index];
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topValues)
      .map(([value, count]) => ({ value, count }));
    stats.push({ index, kind: sharedKind(counts.keys()), distinctCount: counts.size, topValues: top });
  }
  return stats;
}
