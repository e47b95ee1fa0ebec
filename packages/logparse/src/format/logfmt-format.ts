import type { ParsedRecord } from '../types.js';
import { recordFromFields } from './structured-fields.js';
import type { TimestampParser } from './timestamp.js';

/**
 * Reads logfmt pairs (`key=value`, `key="quoted \" value"`, bare `flag`); undefined unless the line starts
 * with a pair and most tokens are pairs.
 */
export function parseLogfmtPairs(text: string): Map<string, string> | undefined {
  const pairs = new Map<string, string>();
  let bare = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Any control character separates, as a space does (a token stops at them too).
    while (i < n && text.charCodeAt(i) <= 32) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && text.charCodeAt(i) > 32 && text.charCodeAt(i) !== 61 && text.charCodeAt(i) !== 34) i++;
    const key = text.slice(keyStart, i);
    if (i >= n || text.charCodeAt(i) !== 61 || key.length === 0) {
      if (pairs.size === 0) return undefined;
      while (i < n && text.charCodeAt(i) > 32) i++;
      bare++;
      continue;
    }
    i++;
    let value: string;
    if (text.charCodeAt(i) === 34) {
      let out = '';
      i++;
      let from = i;
      while (i < n && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92 && i + 1 < n) {
          out += text.slice(from, i) + unescape(text[i + 1]!);
          i += 2;
          from = i;
        } else i++;
      }
      value = out + text.slice(from, i);
      i++;
    } else {
      const from = i;
      while (i < n && text.charCodeAt(i) > 32) i++;
      value = text.slice(from, i);
    }
    pairs.set(key, value);
  }
  return pairs.size >= 2 && bare <= pairs.size / 2 ? pairs : undefined;
}

/** Parses a logfmt line into a record; undefined when it is not logfmt. */
export function parseLogfmtRecord(
  text: string,
  parse: TimestampParser,
  maxAttributes: number,
): ParsedRecord | undefined {
  const pairs = parseLogfmtPairs(text);
  return pairs && recordFromFields(pairs, 'logfmt', parse, maxAttributes);
}

function unescape(c: string): string {
  return c === 'n' ? '\n' : c === 't' ? '\t' : c;
}
