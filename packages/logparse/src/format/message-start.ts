import type { Level } from '../types.js';
import { isBlank, skipBlanks } from './header/tokenize.js';
import { levelAt } from './level.js';

/** Where a message starts once the header is read, and the level it names when the header named none. */
export interface MessageStart {
  readonly start: number;
  readonly level: Level;
}

/**
 * The start of the message after a header ending at `at`. A colon closing the header is dropped
 * (`[GroupCoordinator 0]: Preparing…`). When the header gave no level, a message that opens with a quoted
 * HTTP request line takes its level from the status after it (`"GET /api HTTP/1.1" 503 …`: error), and a
 * level word opening the message is the level if it reads as one: bracketed (`[ERROR] reconcile failed`),
 * followed by a colon (`error: Received disconnect`) or in capitals (`WARNING overcommit_memory…`); a plain
 * word (`error reading body`) does not. The word stays in the message: it is what the application wrote.
 */
export function messageStart(text: string, at: number, level: Level): MessageStart {
  let start = at;
  if (text.charCodeAt(start) === 58 && isBlank(text.charCodeAt(start + 1)))
    start = skipBlanks(text, start + 1);
  if (level !== 'unknown') return { start, level };
  const status = requestStatus(text, start);
  if (status !== undefined) return { start, level: levelOfStatus(status) };
  let end = start;
  while (end < text.length && !isBlank(text.charCodeAt(end))) end++;
  if (end === start || end === text.length || !marksLevel(text, start, end)) return { start, level };
  const named = levelAt(text, start, end);
  return { start, level: named ?? level };
}

/** The level an HTTP status gives a request line, as for access logs: 5xx error, 4xx warn, the rest info. */
export function levelOfStatus(status: number): Level {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

const REQUEST_LINE =
  /^"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) \S+ HTTP\/[\d.]+" ([1-5]\d\d)\b/;

/**
 * The status of a message that opens with a quoted HTTP request line and its status, as Envoy and other
 * proxies write them after their own headers (`"GET /api HTTP/1.1" 503 UF …`).
 */
function requestStatus(text: string, start: number): number | undefined {
  if (text.charCodeAt(start) !== 34) return undefined;
  const m = REQUEST_LINE.exec(text.slice(start, start + 2048));
  return m ? Number(m[1]) : undefined;
}

function marksLevel(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  if ((first === 91 && last === 93) || (first === 60 && last === 62) || last === 58) return true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}
