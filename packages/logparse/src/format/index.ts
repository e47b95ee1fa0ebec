export { createSourceParser, type LearnedFormat, type SourceParser } from './source-parser.js';
export {
  resolveSourceParserOptions,
  SourceParserOptionsError,
  type ResolvedSourceParserOptions,
  type SourceParserOptions,
} from './source-parser-options.js';
export { sniffFormat } from './sniff.js';
export { levelFromLetter, levelFromSyslogSeverity, levelFromValue, levelFromWord } from './level.js';
export { createTimestampParser, type TimestampContext, type TimestampParser } from './timestamp.js';
export { createTimeZone, TimeZoneError, type TimeZone } from './time-zone.js';
export { learnHeader } from './header/learn-header.js';
export { compileHeader, type HeaderMatch, type HeaderMatcher } from './header/header-matcher.js';
export type { ColumnRole, HeaderColumn, HeaderSchema } from './header/header-schema.js';
export type { TokenKind } from './header/token-kind.js';
export { parseJsonRecord, flattenObject } from './json-format.js';
export { parseLogfmtPairs, parseLogfmtRecord } from './logfmt-format.js';
export { parseSyslog5424, readSyslogPriority, type SyslogPriority } from './syslog-format.js';
export { parseAccessLog } from './access-log-format.js';
export { readCriLine, readDockerLine, type ContainerLine } from './container-format.js';
