import type { Level } from '../../types.js';
import { levelAt, levelFromLetter } from '../level.js';
import type { TimestampParser } from '../timestamp.js';
import { HeaderFields, NO_ATTRIBUTES } from './header-fields.js';
import type { HeaderSchema } from './header-schema.js';
import { bracketTimeEnd, type TokenKind } from './token-kind.js';
import { skipBlanks, tokenEnd } from './tokenize.js';

/** Header fields of one line, and where its message starts. */
export interface HeaderMatch {
  readonly timestamp: number | undefined;
  readonly level: Level;
  readonly component: string | undefined;
  readonly attributes: Record<string, string>;
  readonly messageStart: number;
}

/** Splits a line by a learned header; undefined when the line does not have that header. */
export type HeaderMatcher = (text: string) => HeaderMatch | undefined;

/**
 * Splits a line by a learned header into `fields` (rewritten, never allocated); returns where the message
 * starts, or -1 when the line does not have that header (`fields` then holds no meaningful values).
 */
export type HeaderScanner = (text: string, fields: HeaderFields) => number;

/** Compiles a schema into a matcher that returns a new match object per line. */
export function compileHeader(schema: HeaderSchema, parse: TimestampParser): HeaderMatcher {
  const scan = compileHeaderScanner(schema, parse);
  const fields = new HeaderFields();
  return (text) => {
    const messageStart = scan(text, fields);
    if (messageStart < 0) return undefined;
    const { timestamp, level, component } = fields;
    // Each match owns its attributes, as callers of this form may keep and extend them.
    return { timestamp, level, component, attributes: { ...fields.attributes }, messageStart };
  };
}

/**
 * Compiles a schema into a scanner that walks the line once, column by column, with cheap per-kind checks
 * and no regular expressions; the timestamp is parsed from the learned column range.
 */
export function compileHeaderScanner(schema: HeaderSchema, parse: TimestampParser): HeaderScanner {
  const kinds: readonly TokenKind[] = schema.columns.map((c) => c.kind);
  const roles = schema.columns.map((c) => c.role);
  const names = schema.columns.map((c) => c.name);
  const brackets = schema.columns.map((c) => c.bracket);
  const count = kinds.length;
  const tsFirst = schema.timestamp?.first ?? -1;
  const tsLast = schema.timestamp?.last ?? -1;

  return (text, fields) => {
    let at = skipBlanks(text, 0);
    let cut = false;
    let tsStart = 0;
    let tsEnd = 0;
    let level: Level = 'unknown';
    let component: string | undefined;
    // Made on the first attribute only: most headers carry none, and their records share one empty object.
    let attributes: Record<string, string> | undefined;
    for (let c = 0; c < count; c++) {
      if (at >= text.length) return -1;
      const end = tokenEnd(text, at, cut);
      if (end === at) return -1;
      const kind = kinds[c]!;
      if (brackets[c]! !== (text.charCodeAt(at) === 91 && text.charCodeAt(end - 1) === 93)) return -1;
      if (!accepts(kind, text, at, end, brackets[c]!)) return -1;
      // A glog head (`I0501`) is both the level and the date.
      if (kind === 'glog') level = levelFromLetter(text[at]!) ?? 'unknown';
      if (c === tsFirst) tsStart = kind === 'glog' ? at + 1 : brackets[c] ? at + 1 : at;
      if (c === tsLast) tsEnd = brackets[c] ? bracketTimeEnd(text, at + 1, end - 1) : end;
      // `[2024-05-01 10:00:00,123: INFO/Worker-1]`: a level after the bracketed time.
      if (c === tsLast && brackets[c] && roles[c] === 'timestamp' && tsEnd < end - 1) {
        level = trailingLevel(text, tsEnd, end - 1) ?? level;
      }
      switch (roles[c]) {
        case 'level':
          level = levelOf(kind, text, at, end, brackets[c]!);
          break;
        case 'component':
          fields.pid = undefined;
          component = componentOf(kind, text, at, end, brackets[c]!, fields);
          if (fields.pid !== undefined) (attributes ??= {}).pid = fields.pid;
          break;
        case 'attribute':
          (attributes ??= {})[names[c]!] = brackets[c] ? text.slice(at + 1, end - 1) : text.slice(at, end);
          break;
        default:
          break;
      }
      const next = skipBlanks(text, end);
      const colonCut: boolean = !cut && next === end && end < text.length && text.charCodeAt(end - 1) === 58;
      cut = colonCut;
      at = next;
    }
    let timestamp: number | undefined;
    if (tsFirst >= 0) {
      timestamp = parse(text, tsStart, tsEnd);
      if (timestamp === undefined) return -1;
    }
    fields.timestamp = timestamp;
    fields.level = level;
    fields.component = component;
    fields.attributes = attributes ?? NO_ATTRIBUTES;
    return at;
  };
}

function accepts(kind: TokenKind, text: string, start: number, end: number, bracket: boolean): boolean {
  const first = text.charCodeAt(bracket ? start + 1 : start);
  switch (kind) {
    case 'date':
    case 'time':
    case 'datetime':
    case 'epoch':
    case 'day':
    case 'year':
      return bracket || isDigit(first);
    case 'digits': {
      if (end - start === 1 && first === 45) return true;
      let i = first === 45 ? start + 1 : start;
      const stop = text.charCodeAt(end - 1) === 44 ? end - 1 : end;
      if (i >= stop) return false;
      for (; i < stop; i++) if (!isDigit(text.charCodeAt(i))) return false;
      return true;
    }
    case 'month':
    case 'weekday':
    case 'glog':
      return isLetter(first);
    case 'letter':
      return end - start <= 3;
    case 'level':
      return end - start <= 16;
    case 'component':
      return text.charCodeAt(end - 1) === 58 || isNil(text, start, end);
    case 'caller':
      return text.lastIndexOf(':', end) > start || isNil(text, start, end);
    case 'punct':
      return !isDigit(first) && !isLetter(first);
    default:
      return true;
  }
}

/** `sshd[24200]:` gives `sshd` (and pid 24200, in `fields.pid`); `main.go:42]` gives `main.go:42`; `[Foo ]` gives `Foo`. */
function componentOf(
  kind: TokenKind,
  text: string,
  start: number,
  end: number,
  bracket: boolean,
  fields: HeaderFields,
): string {
  if (bracket) return text.slice(start + 1, end - 1).trim();
  let stop = end;
  while (
    stop > start + 1 &&
    (text.charCodeAt(stop - 1) === 58 || (kind === 'caller' && text.charCodeAt(stop - 1) === 93))
  ) {
    stop--;
  }
  if (kind === 'component' && text.charCodeAt(stop - 1) === 93) {
    const open = text.lastIndexOf('[', stop);
    if (open > start) {
      fields.pid = text.slice(open + 1, stop - 1);
      return text.slice(start, open);
    }
  }
  return text.slice(start, stop);
}

function levelOf(kind: TokenKind, text: string, start: number, end: number, bracket: boolean): Level {
  if (kind === 'glog') return levelFromLetter(text[start]!) ?? 'unknown';
  if (kind === 'letter') return levelFromLetter(text[bracket ? start + 1 : start]!) ?? 'unknown';
  let from = bracket ? start + 1 : start;
  const to = bracket ? end - 1 : end;
  // `[core:error]`: the level follows the last colon inside the brackets.
  if (bracket) {
    const colon = text.lastIndexOf(':', to - 1);
    if (colon >= from) from = colon + 1;
  }
  return levelAt(text, from, to) ?? 'unknown';
}

/** The level word opening `text[from, to)` after the separator at `from` (`: INFO/Worker-1` gives info). */
function trailingLevel(text: string, from: number, to: number): Level | undefined {
  const start = skipBlanks(text, from + 1);
  let end = start;
  while (end < to && isLetter(text.charCodeAt(end))) end++;
  return end > start ? levelAt(text, start, end) : undefined;
}

function isNil(text: string, start: number, end: number): boolean {
  return end - start === 1 && text.charCodeAt(start) === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
