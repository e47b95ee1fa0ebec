import type { FormatKind } from '../types.js';
import { looksLikeAccessLog } from './access-log-format.js';
import { readCriLine, readDockerLine } from './container-format.js';
import { parseObject } from './json-format.js';
import { parseLogfmtPairs } from './logfmt-format.js';
import { readSyslogPriority } from './syslog-format.js';

/** Guesses the outer format of one line; `text-header` means "free text, maybe with a header". */
export function sniffFormat(line: string): FormatKind {
  const first = line.charCodeAt(0);
  if (first === 123) {
    if (readDockerLine(line)) return 'docker-json';
    if (parseObject(line)) return 'json';
  }
  if (first === 60) {
    const pri = readSyslogPriority(line);
    if (pri) return line.startsWith('1 ', pri.next) ? 'syslog-rfc5424' : 'syslog-rfc3164';
  }
  if (first >= 48 && first <= 57 && readCriLine(line)) return 'cri';
  if (looksLikeAccessLog(line)) return 'access-log';
  if (line.indexOf('=') > 0 && /^[A-Za-z_@][\w.@-]*=/.test(line) && parseLogfmtPairs(line)) return 'logfmt';
  return 'text-header';
}
