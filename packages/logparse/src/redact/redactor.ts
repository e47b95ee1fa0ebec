import { setAttribute } from '../attributes.js';
import type { ParsedRecord } from '../types.js';
import { SECRET_KEYS, type RedactionRule } from './builtin-rules.js';
import { createCandidateScanner } from './candidates.js';
import { redactionMarker } from './marker.js';
import { compileRedactionRules, type RedactionConfig } from './redaction-config.js';

/** Removes secrets and personal data from text before it leaves the parser. */
export interface Redactor {
  /** The text with every match of every active rule replaced by its marker (the key of a pair is kept). */
  redact(text: string): string;
  /** A record with its message and attribute values redacted; attributes whose key names a secret are masked. */
  redactRecord(record: ParsedRecord): ParsedRecord;
  /** Redactions per rule since creation. */
  counts(): Readonly<Record<string, number>>;
  /** Names of the active rules, in the order they run. */
  readonly rules: readonly string[];
}

/** What a redactor remembers of an attribute key. */
interface KeyMemo {
  /** The secret family the key names (its values are masked whole), or null. */
  readonly secret: string | null;
  /** The last value of the key that redaction left unchanged. */
  clean: string | undefined;
}

/** Attribute keys remembered; past it the memory starts again. */
const MAX_REMEMBERED_KEYS = 1024;

/** Creates a redactor; throws RedactionConfigError for a bad configuration. */
export function createRedactor(config: RedactionConfig = {}): Redactor {
  const rules = compileRedactionRules(config);
  const counts: Record<string, number> = Object.fromEntries(rules.map((r) => [r.name, 0]));
  const keyRules = Object.entries(SECRET_KEYS)
    .filter(([name]) => rules.some((r) => r.name === name))
    .map(([name, keys]) => ({ name, key: new RegExp(`(?:^|[_.-])(?:${keys})$`, 'i') }));

  // Bits of the built-in rules that are on: the scan stops once it has found them all.
  const scanCandidates = createCandidateScanner();
  const wanted = rules.reduce((bits, r) => bits | r.candidate, 0);
  const always = rules.some((r) => r.candidate === 0);
  // Attribute keys repeat from record to record: what each names, and its last value that needed nothing.
  const keyMemos = new Map<string, KeyMemo>();
  let redactions = 0;

  function apply(rule: RedactionRule, text: string): string {
    rule.pattern.lastIndex = 0;
    return text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.slice(0, -2) as (string | undefined)[];
      const replaced = rule.replace(match, groups);
      if (replaced === undefined) return match;
      counts[rule.name] = (counts[rule.name] ?? 0) + 1;
      redactions++;
      return replaced;
    });
  }

  function redact(text: string): string {
    let bits = scanCandidates(text, wanted);
    // Most texts hold no candidate at all: nothing to run.
    if (bits === 0 && !always) return text;
    let out = text;
    for (const rule of rules) {
      if (rule.candidate !== 0 && (bits & rule.candidate) === 0) continue;
      const next = apply(rule, out);
      if (next !== out) {
        out = next;
        // The rules after this one see the rewritten text, as they would without the scan.
        bits = scanCandidates(out, wanted);
      }
    }
    return out;
  }

  function memoOf(key: string): KeyMemo {
    let memo = keyMemos.get(key);
    if (memo === undefined) {
      memo = { secret: keyRules.find((k) => k.key.test(key))?.name ?? null, clean: undefined };
      if (keyMemos.size >= MAX_REMEMBERED_KEYS) keyMemos.clear();
      keyMemos.set(key, memo);
    }
    return memo;
  }

  function redactValue(memo: KeyMemo, value: string): string {
    // Redaction depends on the text alone: a value equal to one that was left as it was is left too.
    if (value === memo.clean) return value;
    const before = redactions;
    const out = redact(value);
    if (out === value && redactions === before) memo.clean = value;
    return out;
  }

  return {
    redact,
    redactRecord(record) {
      const message = redact(record.message);
      const source = record.attributes;
      // Most records carry no secret: the attributes object is copied only once a value changes, and an
      // unchanged record is returned as it is, so the common path allocates nothing (`for...in` reads the
      // keys without making an array of them).
      let attributes: Record<string, string> | undefined;
      for (const key in source) {
        const value = source[key]!;
        const memo = memoOf(key);
        let next: string;
        if (memo.secret !== null && !value.startsWith('<redacted:')) {
          counts[memo.secret] = (counts[memo.secret] ?? 0) + 1;
          next = redactionMarker(memo.secret);
        } else next = redactValue(memo, value);
        if (attributes === undefined && next !== value) attributes = copyBefore(source, key);
        if (attributes !== undefined) setAttribute(attributes, key, next);
      }
      if (attributes === undefined && message === record.message) return record;
      return { ...record, message, attributes: attributes ?? source };
    },
    counts: () => ({ ...counts }),
    rules: rules.map((r) => r.name),
  };
}

/** A copy of the attributes that come before `stop`, in their order. */
function copyBefore(source: Readonly<Record<string, string>>, stop: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in source) {
    if (key === stop) break;
    setAttribute(out, key, source[key]!);
  }
  return out;
}
