import type { EventRow } from '../parse/event-row.js';

/** Columns of `log_events` in the order {@link eventCopyLine} writes them. */
export const EVENT_COPY_COLUMNS = [
  'tenant_id',
  'source',
  'ts',
  'id',
  'level',
  'template_id',
  'message',
  'params',
  'attributes',
  'trace_id',
] as const;

// Characters with a meaning in COPY's text format, and NUL, which no PostgreSQL text value can hold.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\\\n\r\t\u0000]/;
// eslint-disable-next-line no-control-regex
const SPECIAL_ALL = /[\\\n\r\t\u0000]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u0000': '\uFFFD',
};

// A lone UTF-16 surrogate: UTF-8 cannot encode it, and jsonb rejects its \u escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces what PostgreSQL text cannot hold (NUL, lone surrogates) with U+FFFD. */
export function storableText(text: string): string {
  let out = text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, '\uFFFD');
  return out;
}

/** One value in COPY text format: backslash, newline, carriage return and tab escaped; NUL replaced. */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : value;
}

/** JSON text of a value whose strings are all {@link storableText}, so jsonb accepts it. */
export function storableJson(value: readonly string[] | Readonly<Record<string, string>>): string {
  const json = JSON.stringify(value);
  // JSON.stringify escapes NUL as \u0000 and lone surrogates as \udXXX: jsonb refuses both.
  return json.includes('\\u0000') || json.includes('\\ud') ? JSON.stringify(cleanJson(value)) : json;
}

function cleanJson(value: readonly string[] | Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v: string) => storableText(v));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableText(v)]));
}

const NULL = '\\N';

/** One `log_events` row as a line of COPY text format (with its newline). */
export function eventCopyLine(row: EventRow): string {
  return (
    [
      row.tenantId,
      copyText(storableText(row.source)),
      new Date(row.ts).toISOString(),
      copyText(storableText(row.id)),
      row.level,
      copyText(row.templateId),
      copyText(storableText(row.message)),
      copyText(storableJson(row.params)),
      copyText(storableJson(row.attributes)),
      row.traceId === undefined ? NULL : copyText(storableText(row.traceId)),
    ].join('\t') + '\n'
  );
}
