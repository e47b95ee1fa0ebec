import type { Level } from '../types.js';

/** Level words as logging libraries, servers and syslog spell them, lower-cased (`trce dbug fail`: .NET). */
const LOWER_LEVEL_WORDS: readonly (readonly [string, Level])[] = [
  ['trace', 'trace'],
  ['trc', 'trace'],
  ['trce', 'trace'],
  ['finest', 'trace'],
  ['finer', 'trace'],
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['dbg', 'debug'],
  ['dbug', 'debug'],
  ['debug1', 'debug'],
  ['debug2', 'debug'],
  ['debug3', 'debug'],
  ['debug4', 'debug'],
  ['debug5', 'debug'],
  ['fine', 'debug'],
  ['config', 'debug'],
  ['info', 'info'],
  ['inf', 'info'],
  ['information', 'info'],
  ['informational', 'info'],
  ['notice', 'info'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['wrn', 'warn'],
  ['warning', 'warn'],
  ['error', 'error'],
  ['err', 'error'],
  ['eror', 'error'],
  ['severe', 'error'],
  ['failure', 'error'],
  ['fail', 'error'],
  ['fatal', 'fatal'],
  ['crit', 'fatal'],
  ['critical', 'fatal'],
  ['alert', 'fatal'],
  ['emerg', 'fatal'],
  ['emergency', 'fatal'],
  ['panic', 'fatal'],
];

/** Single-letter levels of Android logcat, glog and Ruby loggers. */
const LEVEL_LETTERS: ReadonlyMap<string, Level> = new Map<string, Level>([
  ['V', 'trace'],
  ['T', 'trace'],
  ['D', 'debug'],
  ['I', 'info'],
  ['N', 'info'],
  ['W', 'warn'],
  ['E', 'error'],
  ['F', 'fatal'],
  ['A', 'fatal'],
  ['C', 'fatal'],
]);

/** Syslog severities 0..7 (RFC 5424 section 6.2.1). */
const SYSLOG_SEVERITY: readonly Level[] = [
  'fatal',
  'fatal',
  'fatal',
  'error',
  'warn',
  'info',
  'info',
  'debug',
];

/**
 * Normalises a level word (any case, surrounding brackets and trailing colon ignored); undefined when the
 * word is not a level. Single letters are not accepted here: see {@link levelFromLetter}.
 */
export function levelFromWord(word: string): Level | undefined {
  return levelAt(word, 0, word.length);
}

/**
 * Buckets of level words by length and first letter, so a lookup compares at most a few words in place.
 * Matching ASCII letters case-insensitively is exactly `toLowerCase()` here: no other character lowercases to
 * the ASCII letters and digits the level words are made of (the Kelvin sign gives `k`, which none contains).
 */
const LEVEL_BUCKETS: ReadonlyMap<number, readonly (readonly [string, Level])[]> = (() => {
  const buckets = new Map<number, (readonly [string, Level])[]>();
  for (const entry of LOWER_LEVEL_WORDS) {
    const key = entry[0].length * 65_536 + entry[0].charCodeAt(0);
    buckets.set(key, [...(buckets.get(key) ?? []), entry]);
  }
  return buckets;
})();

/** {@link levelFromWord} of `text[start, end)`, without copying it. */
export function levelAt(text: string, from: number, to: number): Level | undefined {
  let start = from;
  let end = to;
  while (start < end && isTrim(text.charCodeAt(start))) start++;
  while (end > start && isTrim(text.charCodeAt(end - 1))) end--;
  const length = end - start;
  if (length < 3 || length > 13) return undefined;
  const bucket = LEVEL_BUCKETS.get(length * 65_536 + lower(text.charCodeAt(start)));
  if (bucket === undefined) return undefined;
  for (const [word, level] of bucket) {
    let i = 1;
    while (i < length && lower(text.charCodeAt(start + i)) === word.charCodeAt(i)) i++;
    if (i === length) return level;
  }
  return undefined;
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Normalises a one-letter level (`D`, `I`, `W`...), as in logcat or glog headers. */
export function levelFromLetter(letter: string): Level | undefined {
  return LEVEL_LETTERS.get(letter);
}

/** Level of a syslog severity number (0 emergency ... 7 debug). */
export function levelFromSyslogSeverity(severity: number): Level {
  return SYSLOG_SEVERITY[severity] ?? 'unknown';
}

/** Normalises a level value found in a structured field: a word, a letter, or a numeric level. */
export function levelFromValue(value: string): Level {
  const word = levelFromWord(value);
  if (word) return word;
  if (value.length === 1) return levelFromLetter(value.toUpperCase()) ?? 'unknown';
  const n = Number(value);
  // Numeric levels: pino/bunyan use 10..60; syslog uses 0..7.
  if (Number.isInteger(n)) {
    if (n >= 10 && n <= 60)
      return (['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const)[n / 10 - 1] ?? 'unknown';
    if (n >= 0 && n <= 7) return levelFromSyslogSeverity(n);
  }
  return 'unknown';
}

function isTrim(code: number): boolean {
  // space, tab, [ ] ( ) : , <>
  return (
    code === 32 ||
    code === 9 ||
    code === 91 ||
    code === 93 ||
    code === 40 ||
    code === 41 ||
    code === 58 ||
    code === 44 ||
    code === 60 ||
    code === 62
  );
}
