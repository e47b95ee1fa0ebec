import { isCardNumber } from './card-number.js';
import { isIPv6 } from './ip-address.js';
import { redactionMarker } from './marker.js';

/** A compiled redaction rule: a cheap pre-check, then a global regex whose matches are rewritten. */
export interface RedactionRule {
  readonly name: string;
  /** False means the text cannot contain a match, so the regex is skipped (most lines hold no secrets). */
  readonly precheck: (text: string) => boolean;
  /** Global regular expression of candidates. */
  readonly pattern: RegExp;
  /** The replacement for one match (`match` and its groups), or undefined to keep the match unchanged. */
  readonly replace: (match: string, groups: readonly (string | undefined)[]) => string | undefined;
}

/** Key families whose values are secrets, by rule name (keys match case-insensitively, with any prefix). */
export const SECRET_KEYS: Readonly<Record<string, string>> = {
  password: 'pass(?:word|wd|phrase)?|pwd',
  token: '(?:access|refresh|id|auth|session|csrf|xsrf|api)?[_-]?token',
  secret: '(?:client|app|aws)?[_-]?secret(?:[_-]?(?:access)?[_-]?key)?|private[_-]?key',
  'api-key': '(?:x[_-]?)?api[_-]?key|apikey',
  authorization: '(?:proxy[_-]?)?authorization',
};

const VALUE = `"(?:[^"\\\\]|\\\\.)*"|'[^']*'|(?:(?:Basic|Bearer|Digest|Token|Negotiate)\\s+)?[^\\s&,;"'<>(){}\\[\\]]+`;

/** Builds the key=value / key: value / "key":"value" / URL-query rule for one key family. */
function secretFieldRule(name: string, keys: string): RedactionRule {
  // Group 1: the key with its quotes and separator (kept); group 2: the value (replaced).
  const pattern = new RegExp(
    `((?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_.-])*(?:${keys})["']?\\s*(?:=|:|=>)\\s*)(${VALUE})`,
    'gi',
  );
  const marker = redactionMarker(name);
  return {
    name,
    precheck: () => true,
    pattern,
    replace: (_match, groups) => {
      const value = groups[1]!;
      if (value.startsWith('<redacted:')) return undefined;
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${groups[0]!}${quote}${marker}${quote}`;
    },
  };
}

function simpleRule(
  name: string,
  precheck: (text: string) => boolean,
  pattern: RegExp,
  accept: (match: string, groups: readonly (string | undefined)[]) => string | undefined = () =>
    redactionMarker(name),
): RedactionRule {
  return { name, precheck, pattern, replace: accept };
}

const KEY_HINT = /pass|pwd|token|secret|key|auth/i;

/** Every built-in rule, in the order they run. */
export function builtinRules(): readonly RedactionRule[] {
  // The key hint is shared by the five key families: test it once per text, not once per family.
  let lastText: string | undefined;
  let lastHint = false;
  const hint = (text: string): boolean => {
    if (text !== lastText) {
      lastText = text;
      lastHint = (text.includes('=') || text.includes(':')) && KEY_HINT.test(text);
    }
    return lastHint;
  };
  const fieldRules = Object.entries(SECRET_KEYS).map(([name, keys]) => ({
    ...secretFieldRule(name, keys),
    precheck: hint,
  }));
  return [
    ...fieldRules,
    simpleRule(
      'bearer',
      (t) => /bearer/i.test(t),
      /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi,
      (_m, g) => `${g[0]!} ${redactionMarker('bearer')}`,
    ),
    simpleRule(
      'jwt',
      (t) => t.includes('eyJ'),
      /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    ),
    simpleRule(
      'ssn',
      (t) => t.includes('-'),
      /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g,
    ),
    simpleRule(
      'credit-card',
      (t) => /\d{4}/.test(t),
      /(?<![\w.-])(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4,6}(?:\1\d{3,6}){1,3})(?![\w-])/g,
      (m) => (isCardNumber(m) ? redactionMarker('credit-card') : undefined),
    ),
    simpleRule(
      'email',
      (t) => t.includes('@'),
      /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g,
    ),
    simpleRule(
      'ipv4',
      (t) => t.includes('.'),
      /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?!\w|\.\d)/g,
    ),
    simpleRule(
      'ipv6',
      (t) => t.includes(':'),
      /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g,
      (m) => (m.length > 2 && isIPv6(m) ? redactionMarker('ipv6') : undefined),
    ),
  ];
}

/** Built-in rules that are off unless enabled: addresses are what operators search logs for. */
export const OPT_IN_RULES: readonly string[] = ['ipv4', 'ipv6'];
