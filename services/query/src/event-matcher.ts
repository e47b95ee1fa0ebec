import { levelName } from '@loglens/proto';
import type { LogEvent } from '@loglens/proto';
import type { NormalizedFilter } from './log-filter.js';
import { microsFromTimestamp } from './micros.js';

/**
 * True when a live event passes the filter, with the same meaning as the SQL of QueryLogs (text is a
 * case-insensitive substring). The end of the time range is not checked: a tail follows the present. The
 * template is judged by a `TemplateFollower`, which follows it into what the miner generalises it into.
 */
export function matchesFilter(filter: Omit<NormalizedFilter, 'templateId'>, event: LogEvent): boolean {
  if (filter.source !== undefined && event.source !== filter.source) return false;
  if (filter.levels !== undefined) {
    const level = levelName(event.level);
    if (level === undefined || !filter.levels.includes(level)) return false;
  }
  if (filter.traceId !== undefined && event.traceId.toLowerCase() !== filter.traceId) return false;
  if (filter.text !== undefined && !event.text.toLowerCase().includes(filter.text.toLowerCase()))
    return false;
  if (
    filter.startUs !== undefined &&
    (event.time === undefined || microsFromTimestamp(event.time) < filter.startUs)
  ) {
    return false;
  }
  return true;
}
