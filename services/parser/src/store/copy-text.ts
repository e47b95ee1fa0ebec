import type { EventRow } from '../parse/event-row.js';

/** Columns of `log_events` in the order {@link EventCopyWriter} writes them. */
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

/**
 * Writes `log_events` rows as lines of COPY text format (each with its newline). The rows of a group come in
 * batches that share their source, the prefix of their ids (`<raw batch id>/`) and mostly their minute, so
 * those parts are escaped or formatted once and reused while they repeat.
 */
export class EventCopyWriter {
  #source: string | undefined;
  #sourceText = '';
  #idPrefix: string | undefined;
  #idPrefixText = '';
  #minute = Number.NaN;
  /** `YYYY-MM-DDTHH:MM:` of `#minute`. */
  #minuteText = '';

  /** One row as a COPY line. */
  line(row: EventRow): string {
    if (row.source !== this.#source) {
      this.#source = row.source;
      this.#sourceText = copyText(storableText(row.source));
    }
    return (
      `${row.tenantId}\t${this.#sourceText}\t${this.#time(row.ts)}\t${this.#id(row.id)}\t${row.level}\t` +
      `${copyText(row.templateId)}\t${copyText(storableText(row.message))}\t` +
      `${copyText(storableJson(row.params))}\t${copyText(storableJson(row.attributes))}\t` +
      `${row.traceId === undefined ? NULL : copyText(storableText(row.traceId))}\n`
    );
  }

  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  #time(ms: number): string {
    const minute = Math.floor(ms / 60_000);
    if (minute !== this.#minute) {
      const iso = new Date(ms).toISOString();
      // Years outside 0000-9999 are written with a sign and six digits: no cache for those.
      if (iso.length !== 24) return iso;
      this.#minute = minute;
      this.#minuteText = iso.slice(0, 17);
      return iso;
    }
    const within = ms - minute * 60_000;
    const seconds = Math.floor(within / 1000);
    const millis = within - seconds * 1000;
    return `${this.#minuteText}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  }

  #id(id: string): string {
    const slash = id.lastIndexOf('/');
    if (slash < 0) return copyText(storableText(id));
    const prefix = id.slice(0, slash + 1);
    if (prefix !== this.#idPrefix) {
      this.#idPrefix = prefix;
      this.#idPrefixText = copyText(storableText(prefix));
    }
    const suffix = id.slice(slash + 1);
    return this.#idPrefixText + (isDigits(suffix) ? suffix : copyText(storableText(suffix)));
  }
}

/** A record index: nothing to escape. */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
