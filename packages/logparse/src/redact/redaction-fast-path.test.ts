/**
 * The candidate scan must never change what is redacted: the fast redactor is checked against the
 * straightforward one (every rule's regular expression behind a plain pre-check, in rule order), on random
 * text with planted secrets and near-misses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, redactCardNumber } from './card-number.js';
import { createRedactor } from './redactor.js';
import { isIPv6 } from './ip-address.js';
import { redactionMarker } from './marker.js';
import type { RedactionConfig } from './redaction-config.js';

interface ReferenceRule {
  readonly name: string;
  readonly precheck: (text: string) => boolean;
  readonly pattern: RegExp;
  readonly replace: (match: string, groups: readonly (string | undefined)[]) => string | undefined;
}

const KEYS: readonly (readonly [string, string])[] = [
  ['password', 'pass(?:word|wd|phrase)?|pwd'],
  ['token', '(?:access|refresh|id|auth|session|csrf|xsrf|api)?[_-]?token'],
  ['secret', '(?:client|app|aws)?[_-]?secret(?:[_-]?(?:access)?[_-]?key)?|private[_-]?key'],
  ['api-key', '(?:x[_-]?)?api[_-]?key|apikey'],
  ['authorization', '(?:proxy[_-]?)?authorization'],
];
const VALUE = `"(?:[^"\\\\]|\\\\.)*"|'[^']*'|(?:(?:Basic|Bearer|Digest|Token|Negotiate)\\s+)?[^\\s&,;"'<>(){}\\[\\]]+`;
const KEY_HINT = /pass|pwd|token|secret|key|auth/i;

function referenceRules(): ReferenceRule[] {
  const hint = (t: string): boolean => (t.includes('=') || t.includes(':')) && KEY_HINT.test(t);
  const marker = (name: string) => (): string => redactionMarker(name);
  const fields = KEYS.map(([name, keys]): ReferenceRule => {
    const pattern = new RegExp(
      `((?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_.-])*(?:${keys})["']?\\s*(?:=|:|=>)\\s*)(${VALUE})`,
      'gi',
    );
    const replace = (_m: string, g: readonly (string | undefined)[]): string | undefined => {
      const value = g[1]!;
      if (value.startsWith('<redacted:')) return undefined;
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${g[0]!}${quote}${redactionMarker(name)}${quote}`;
    };
    return { name, precheck: hint, pattern, replace };
  });
  return [
    ...fields,
    {
      name: 'bearer',
      precheck: (t) => /bearer/i.test(t),
      pattern: /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi,
      replace: (_m, g) => `${g[0]!} ${redactionMarker('bearer')}`,
    },
    {
      name: 'jwt',
      precheck: (t) => t.includes('eyJ'),
      pattern: /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
      replace: marker('jwt'),
    },
    {
      name: 'ssn',
      precheck: (t) => t.includes('-'),
      pattern: /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g,
      replace: marker('ssn'),
    },
    {
      name: 'credit-card',
      precheck: (t) => /\d{4}/.test(t),
      pattern: /(?<![\w.-])(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4,6}(?:\1\d{3,6}){1,3})(?![\w-])/g,
      replace: redactCardNumber,
    },
    {
      name: 'email',
      precheck: (t) => t.includes('@'),
      pattern: /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g,
      replace: marker('email'),
    },
    {
      name: 'ipv4',
      precheck: (t) => t.includes('.'),
      pattern:
        /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?!\w|\.\d)/g,
      replace: marker('ipv4'),
    },
    {
      name: 'ipv6',
      precheck: (t) => t.includes(':'),
      pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g,
      replace: (m) => (m.length > 2 && isIPv6(m) ? redactionMarker('ipv6') : undefined),
    },
  ];
}

/** Redacts like the shipped redactor, the plain way; returns the text and the counts per rule. */
function createReferenceRedactor(config: RedactionConfig = {}): {
  redact(text: string): string;
  counts: Record<string, number>;
} {
  const off = new Set(config.disable ?? []);
  const on = new Set(config.enable ?? []);
  const rules = referenceRules().filter(
    (r) => !off.has(r.name) && (!['ipv4', 'ipv6'].includes(r.name) || on.has(r.name)),
  );
  for (const c of config.custom ?? []) {
    const single = new RegExp(c.pattern, c.flags ?? '');
    const replacement = c.replacement ?? redactionMarker(c.name);
    rules.push({
      name: c.name,
      precheck: () => true,
      pattern: new RegExp(c.pattern, `${c.flags ?? ''}g`),
      replace: (m) => m.replace(single, replacement),
    });
  }
  const counts: Record<string, number> = Object.fromEntries(rules.map((r) => [r.name, 0]));
  return {
    counts,
    redact(text) {
      let out = text;
      for (const rule of rules) {
        if (!rule.precheck(out)) continue;
        out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
          const replaced = rule.replace(match, rest.slice(0, -2) as (string | undefined)[]);
          if (replaced === undefined) return match;
          counts[rule.name] = (counts[rule.name] ?? 0) + 1;
          return replaced;
        });
      }
      return out;
    },
  };
}

const card = fc
  .tuple(
    fc.constantFrom('4', '5', '37', '6011', '2221', '1', '7'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 17 }),
  )
  .map(([prefix, digits]) => {
    const body = prefix + digits.join('');
    for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
    return body;
  });
const grouped = fc
  .tuple(card, fc.constantFrom(' ', '-', ' -'), fc.constantFrom(4, 5, 6))
  .map(([digits, sep, size]) => {
    const parts = [digits.slice(0, 4)];
    for (let i = 4; i < digits.length; i += size) parts.push(digits.slice(i, i + size));
    return sep === ' -'
      ? parts
          .map((p, i) => (i % 2 ? `-${p}` : ` ${p}`))
          .join('')
          .trim()
      : parts.join(sep);
  });
const ssn = fc
  .tuple(
    fc.constantFrom('123', '000', '666', '912', '078', '1234', '12'),
    fc.constantFrom('45', '00', '4'),
    fc.constantFrom('6789', '0000', '67890'),
  )
  .map(([a, g, s]) => `${a}-${g}-${s}`);
const key = fc.constantFrom(
  'password',
  'PassWord',
  'db_password',
  'spring.datasource.password',
  'passwd',
  'pwd',
  'passphrase',
  'pass',
  'passport',
  'access_token',
  'Refresh-Token',
  'tokens',
  'token',
  'client_secret',
  'secret_access_key',
  'private_key',
  'keyboard',
  'monkey',
  'api_key',
  'X-Api-Key',
  'apikey',
  'Authorization',
  'authorized',
  'Proxy-Authorization',
  'user',
  'redacted',
);
const separator = fc.constantFrom(
  '=',
  ': ',
  ' : ',
  '=>',
  ' = ',
  '"="',
  '":"',
  "'='",
  '\u00a0:\u00a0',
  ':\u2028',
  '==',
);
const value = fc.constantFrom(
  'hunter2',
  '"p w"',
  "'x y'",
  'Bearer abc.def',
  'Basic dXNlcg==',
  '<redacted:x>',
  'a&b',
  '',
);
const word = fc.constantFrom(
  'Bearer',
  'bEaReR',
  'bearer:',
  'eyJhbGciOiJI.eyJzdWIiOiIx.sig',
  'eyJab.eyJ',
  'x@example.com',
  'a@b',
  'u@host:9000',
  'Worker@679]',
  '@a.bc',
  'a.@b-c.de',
  'a@é.com',
  '10.1.2.3',
  '999.1.1.1',
  'fe80::1',
  '12:30:45',
  'blk_-1234567890123',
  '.4111111111111111',
  'é',
  '\u00a0',
  '—',
  'ok',
  'at',
  'id',
  '-',
  '.',
  ',',
  '"',
  "'",
  '&',
  '?',
  '/',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
);
const piece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9 .:=@_-]{0,12}$/) },
  { weight: 2, arbitrary: fc.tuple(key, separator, value).map(([k, s, v]) => `${k}${s}${v}`) },
  { weight: 1, arbitrary: card },
  { weight: 1, arbitrary: grouped },
  { weight: 1, arbitrary: ssn },
);
const text = fc
  .array(fc.tuple(piece, fc.constantFrom(' ', '', ' ', ',', '\t', '&', '=')), { maxLength: 8 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

const configs: readonly RedactionConfig[] = [
  {},
  { enable: ['ipv4', 'ipv6'] },
  { disable: ['password', 'email', 'credit-card'] },
  { custom: [{ name: 'order-id', pattern: 'ORD-\\d+|hunter\\d' }] },
];

describe('fast redaction agrees with the reference redactor', () => {
  it.each(configs.map((c) => [JSON.stringify(c), c] as const))(
    'on random text, config %s',
    (_name, config) => {
      const fast = createRedactor(config);
      const reference = createReferenceRedactor(config);
      fc.assert(
        fc.property(text, (t) => {
          expect(fast.redact(t)).toBe(reference.redact(t));
        }),
        { numRuns: 400 },
      );
      expect(fast.counts()).toEqual(reference.counts);
    },
  );

  it('on secrets split across attributes', () => {
    fc.assert(
      fc.property(fc.dictionary(key, text, { maxKeys: 4 }), (attributes) => {
        const fast = createRedactor();
        const reference = createReferenceRedactor();
        const record = fast.redactRecord({ level: 'info', message: '', attributes, format: 'json' });
        for (const [k, v] of Object.entries(attributes)) {
          const masked =
            /(?:^|[_.-])(?:pass(?:word|wd|phrase)?|pwd|token|secret|key|apikey|authorization)$/i.test(k);
          if (!masked || v.startsWith('<redacted:')) expect(record.attributes[k]).toBe(reference.redact(v));
          else expect(record.attributes[k]).toMatch(/^<redacted:[a-z-]+>$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
