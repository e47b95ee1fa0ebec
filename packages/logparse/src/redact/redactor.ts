import type { ParsedRecord } from '../types.js';
import { SECRET_KEYS, type RedactionRule } from './builtin-rules.js';
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

/** Creates a redactor; throws RedactionConfigError for a bad configuration. */
export function createRedactor(config: RedactionConfig = {}): Redactor {
  const rules = compileRedactionRules(config);
  const counts: Record<string, number> = Object.fromEntries(rules.map((r) => [r.name, 0]));
  const keyRules = Object.entries(SECRET_KEYS)
    .filter(([name]) => rules.some((r) => r.name === name))
    .map(([name, keys]) => ({ name, key: new RegExp(`(?:^|[_.-])(?:${keys})$`, 'i') }));

  function apply(rule: RedactionRule, text: string): string {
    if (!rule.precheck(text)) return text;
    rule.pattern.lastIndex = 0;
    return text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.slice(0, -2) as (string | undefined)[];
      const replaced = rule.replace(match, groups);
      if (replaced === undefined) return match;
      counts[rule.name] = (counts[rule.name] ?? 0) + 1;
      return replaced;
    });
  }

  function redact(text: string): string {
    let out = text;
    for (const rule of rules) out = apply(rule, out);
    return out;
  }

  return {
    redact,
    redactRecord(record) {
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries(record.attributes)) {
        const secret = keyRules.find((k) => k.key.test(key));
        if (secret && !value.startsWith('<redacted:')) {
          counts[secret.name] = (counts[secret.name] ?? 0) + 1;
          attributes[key] = redactionMarker(secret.name);
        } else attributes[key] = redact(value);
      }
      return { ...record, message: redact(record.message), attributes };
    },
    counts: () => ({ ...counts }),
    rules: rules.map((r) => r.name),
  };
}
