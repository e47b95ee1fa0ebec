import {
  CANDIDATE_API_KEY,
  CANDIDATE_AUTHORIZATION,
  CANDIDATE_BEARER,
  CANDIDATE_CARD,
  CANDIDATE_EMAIL,
  CANDIDATE_IPV4,
  CANDIDATE_IPV6,
  CANDIDATE_JWT,
  CANDIDATE_PASSWORD,
  CANDIDATE_SECRET,
  CANDIDATE_SSN,
  CANDIDATE_TOKEN,
} from './candidates.js';
import { redactCardNumber } from './card-number.js';
import { isIPv6 } from './ip-address.js';
import { redactionMarker } from './marker.js';

/** A compiled redaction rule: a candidate bit, then a global regex whose matches are rewritten. */
export interface RedactionRule {
  readonly name: string;
  /**
   * The candidate bit (see `candidates.ts`) without which the text cannot contain a match, so the regex is skipped (most
   * lines hold no secrets); 0 for a rule whose regex always runs (custom rules).
   */
  readonly candidate: number;
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
function secretFieldRule(name: string, keys: string, candidate: number): RedactionRule {
  // Group 1: the key with its quotes and separator (kept); group 2: the value (replaced).
  const pattern = new RegExp(
    `((?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_.-])*(?:${keys})["']?\\s*(?:=|:|=>)\\s*)(${VALUE})`,
    'gi',
  );
  const marker = redactionMarker(name);
  return {
    name,
    candidate,
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
  candidate: number,
  pattern: RegExp,
  accept: (match: string, groups: readonly (string | undefined)[]) => string | undefined = () =>
    redactionMarker(name),
): RedactionRule {
  return { name, candidate, pattern, replace: accept };
}

const KEY_CANDIDATES: Readonly<Record<string, number>> = {
  password: CANDIDATE_PASSWORD,
  token: CANDIDATE_TOKEN,
  secret: CANDIDATE_SECRET,
  'api-key': CANDIDATE_API_KEY,
  authorization: CANDIDATE_AUTHORIZATION,
};

/** Every built-in rule, in the order they run. */
export function builtinRules(): readonly RedactionRule[] {
  const fieldRules = Object.entries(SECRET_KEYS).map(([name, keys]) =>
    secretFieldRule(name, keys, KEY_CANDIDATES[name]!),
  );
  return [
    ...fieldRules,
    simpleRule(
      'bearer',
      CANDIDATE_BEARER,
      /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi,
      (_m, g) => `${g[0]!} ${redactionMarker('bearer')}`,
    ),
    simpleRule('jwt', CANDIDATE_JWT, /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g),
    simpleRule('ssn', CANDIDATE_SSN, /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g),
    simpleRule(
      'credit-card',
      CANDIDATE_CARD,
      /(?<![\w.-])(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4,6}(?:\1\d{3,6}){1,3})(?![\w-])/g,
      redactCardNumber,
    ),
    simpleRule(
      'email',
      CANDIDATE_EMAIL,
      /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g,
    ),
    simpleRule(
      'ipv4',
      CANDIDATE_IPV4,
      /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?!\w|\.\d)/g,
    ),
    simpleRule(
      'ipv6',
      CANDIDATE_IPV6,
      /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g,
      (m) => (m.length > 2 && isIPv6(m) ? redactionMarker('ipv6') : undefined),
    ),
  ];
}

/** Built-in rules that are off unless enabled: addresses are what operators search logs for. */
export const OPT_IN_RULES: readonly string[] = ['ipv4', 'ipv6'];
