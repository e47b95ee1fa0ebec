import { z } from 'zod';
import { parseByteSize } from './byte-size.js';
import { parseDuration } from './duration.js';

/** How one configuration field is read: its variable, default, documentation and parser. */
export interface Setting<T> {
  /** Environment variable, e.g. `LOGLENS_NATS_URL`. */
  readonly env: string;
  /** One sentence for operators; it also goes into the generated documentation. */
  readonly doc: string;
  /** Default in the same textual form as the variable (`30s`, `64KiB`); absent means required. */
  readonly default?: string;
  /** True when the field may stay unset (its value is then `undefined`). */
  readonly optional: boolean;
  /** True when the value must never be echoed back (API keys, passwords). */
  readonly secret: boolean;
  /** What a valid value looks like, e.g. `a duration like 10s, 500ms or 5m`. */
  readonly expected: string;
  /** Parses the raw text; its issues carry the `expected ...` message. */
  readonly schema: z.ZodType<T, string>;
}

/** Options shared by every setting builder. */
export interface SettingOptions {
  /** Default, written as the variable would be (`30s`); omit to make the setting required. */
  readonly default?: string;
  /** One sentence saying what the setting changes. */
  readonly doc: string;
}

/** Builds a setting from a parse function that returns `undefined` for a bad value. */
export function customSetting<T>(
  env: string,
  expected: string,
  parse: (text: string) => T | undefined,
  options: SettingOptions & { readonly secret?: boolean },
): Setting<T> {
  const schema = z.string().transform((text, ctx): T => {
    const value = parse(text);
    if (value === undefined) {
      ctx.issues.push({ code: 'custom', message: `expected ${expected}`, input: text });
      return z.NEVER;
    }
    return value;
  });
  return {
    env,
    doc: options.doc,
    ...(options.default === undefined ? {} : { default: options.default }),
    optional: false,
    secret: options.secret ?? false,
    expected,
    schema,
  };
}

/** Makes a setting optional: unset (and without default) it yields `undefined` instead of an error. */
export function optional<T>(setting: Setting<T>): Setting<T | undefined> {
  return { ...setting, optional: true };
}

/** A non-empty string. */
export function stringSetting(env: string, options: SettingOptions): Setting<string> {
  return customSetting(env, 'a non-empty string', (s) => (s.trim() === '' ? undefined : s.trim()), options);
}

/** A non-empty secret string; its value never appears in errors. */
export function secretSetting(env: string, options: SettingOptions): Setting<string> {
  return customSetting(env, 'a non-empty string', (s) => (s === '' ? undefined : s), {
    ...options,
    secret: true,
  });
}

/** An integer within `[min, max]`. */
export function integerSetting(
  env: string,
  options: SettingOptions & { readonly min?: number; readonly max?: number },
): Setting<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range = options.min === undefined && options.max === undefined ? '' : ` between ${min} and ${max}`;
  return customSetting(
    env,
    `an integer${range}`,
    (s) => {
      const n = /^-?\d+$/.test(s.trim()) ? Number(s) : Number.NaN;
      return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
    },
    options,
  );
}

/** A TCP port, `0` included (the system picks a free one). */
export function portSetting(env: string, options: SettingOptions): Setting<number> {
  return integerSetting(env, { ...options, min: 0, max: 65_535 });
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** A boolean: `true/false`, `1/0`, `yes/no`, `on/off` (any case). */
export function booleanSetting(env: string, options: SettingOptions): Setting<boolean> {
  return customSetting(
    env,
    'a boolean (true/false, 1/0, yes/no, on/off)',
    (s) => {
      const word = s.trim().toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
    },
    options,
  );
}

/** A duration such as `500ms`, `10s`, `5m`, `2h`, `7d`, parsed into milliseconds. */
export function durationSetting(env: string, options: SettingOptions): Setting<number> {
  return customSetting(env, 'a duration like 500ms, 10s, 5m, 2h or 7d', parseDuration, options);
}

/** A byte size such as `512`, `64KiB`, `1MB`, `2GiB`, parsed into bytes. */
export function byteSizeSetting(env: string, options: SettingOptions): Setting<number> {
  return customSetting(env, 'a byte size like 512, 64KiB, 1MB or 2GiB', parseByteSize, options);
}

/** A comma-separated list; items are trimmed and empty items dropped. */
export function listSetting(env: string, options: SettingOptions): Setting<readonly string[]> {
  return customSetting(
    env,
    'a comma-separated list',
    (s) =>
      s
        .split(',')
        .map((i) => i.trim())
        .filter(Boolean),
    options,
  );
}

/** One of a fixed set of words (exact match). */
export function enumSetting<const V extends string>(
  env: string,
  values: readonly V[],
  options: SettingOptions,
): Setting<V> {
  const allowed: ReadonlySet<string> = new Set(values);
  const isValue = (s: string): s is V => allowed.has(s);
  return customSetting(
    env,
    `one of ${values.join(', ')}`,
    (s): V | undefined => {
      const word = s.trim();
      return isValue(word) ? word : undefined;
    },
    options,
  );
}

/** A URL whose scheme is one of `protocols` (e.g. `['nats', 'tls']`). */
export function urlSetting(
  env: string,
  protocols: readonly string[],
  options: SettingOptions,
): Setting<string> {
  const expected = `a ${protocols.map((p) => `${p}://`).join(' or ')} URL`;
  return customSetting(
    env,
    expected,
    (s) => {
      if (!URL.canParse(s.trim())) return undefined;
      const url = new URL(s.trim());
      return protocols.includes(url.protocol.replace(/:$/, '')) && url.hostname !== '' ? s.trim() : undefined;
    },
    options,
  );
}

/** A list of URLs (comma-separated), each with one of `protocols` as scheme. */
export function urlListSetting(
  env: string,
  protocols: readonly string[],
  options: SettingOptions,
): Setting<readonly string[]> {
  const one = urlSetting(env, protocols, options);
  return customSetting(
    env,
    `comma-separated ${one.expected.replace(/^a /, '')}s`,
    (s) => {
      const items = s
        .split(',')
        .map((i) => i.trim())
        .filter(Boolean);
      const parsed = items.map((i) => one.schema.safeParse(i));
      return items.length > 0 && parsed.every((p) => p.success) ? items : undefined;
    },
    options,
  );
}
