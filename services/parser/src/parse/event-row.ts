import type { Level as ParsedLevel } from '@loglens/logparse';
import type { EventLevel } from '@loglens/platform';
import { levelFromName, levelName, type Level } from '@loglens/proto';

/** One parsed record, ready to store and to publish. */
export interface EventRow {
  /** `<raw batch id>/<record index>`: the same on every redelivery. */
  readonly id: string;
  readonly tenantId: string;
  readonly source: string;
  /** Epoch ms. */
  readonly ts: number;
  readonly level: EventLevel;
  readonly templateId: string;
  readonly template: string;
  /** Set on the record that generalised `templateId` out of this older template. */
  readonly previousTemplateId?: string;
  /** Set on the same record: other templates the miner folded into `templateId` at that moment. */
  readonly mergedTemplateIds?: readonly string[];
  /** The message after redaction, header removed. */
  readonly message: string;
  readonly params: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly traceId?: string;
}

/** The parser's level unless it found none, then the shipper's hint (a hint only: the text wins). */
export function eventLevel(parsed: ParsedLevel, hint: Level): EventLevel {
  if (parsed !== 'unknown') return parsed;
  return levelName(hint) ?? 'unknown';
}

/** The API level of a stored level. */
export function protoLevel(level: EventLevel): Level {
  return levelFromName(level);
}
