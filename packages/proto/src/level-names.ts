import { Level } from './gen/loglens/v1/common.js';

/** How levels are named where they are stored (PostgreSQL, time series): lowercase, without the prefix. */
export type LevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unknown';

const BY_LEVEL: ReadonlyMap<Level, LevelName> = new Map([
  [Level.LEVEL_TRACE, 'trace'],
  [Level.LEVEL_DEBUG, 'debug'],
  [Level.LEVEL_INFO, 'info'],
  [Level.LEVEL_WARN, 'warn'],
  [Level.LEVEL_ERROR, 'error'],
  [Level.LEVEL_FATAL, 'fatal'],
  [Level.LEVEL_UNKNOWN, 'unknown'],
]);

const BY_NAME: ReadonlyMap<string, Level> = new Map([...BY_LEVEL].map(([level, name]) => [name, level]));

/** The stored name of an API level; undefined for `LEVEL_UNSPECIFIED` and values outside the enum. */
export function levelName(level: Level): LevelName | undefined {
  return BY_LEVEL.get(level);
}

/** The API level of a stored name; `LEVEL_UNKNOWN` for names this version does not know. */
export function levelFromName(name: string): Level {
  return BY_NAME.get(name) ?? Level.LEVEL_UNKNOWN;
}
