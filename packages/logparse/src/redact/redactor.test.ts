import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCardNumber, luhnValid } from './card-number.js';
import { isIPv6 } from './ip-address.js';
import { RedactionConfigError } from './redaction-config.js';
import { createRedactor } from './redactor.js';

const redactor = createRedactor();
const withIps = createRedactor({ enable: ['ipv4', 'ipv6'] });

describe('createRedactor: built-in rules', () => {
  it.each([
    ['password=hunter2 user=bob', 'password=<redacted:password> user=bob'],
    ['db_password: s3cr3t!', 'db_password: <redacted:password>'],
    ['{"password":"p@ss \\"word\\"","user":"x"}', '{"password":"<redacted:password>","user":"x"}'],
    ["login pwd='abc def' ok", "login pwd='<redacted:password>' ok"],
    ['GET /cb?code=1&access_token=abc.def&x=1', 'GET /cb?code=1&access_token=<redacted:token>&x=1'],
    ['refresh_token=rt-123', 'refresh_token=<redacted:token>'],
    ['client_secret=zzz', 'client_secret=<redacted:secret>'],
    ['PRIVATE_KEY: MIIEv', 'PRIVATE_KEY: <redacted:secret>'],
    [
      'api_key=AKIA123 apikey=q X-Api-Key: k',
      'api_key=<redacted:api-key> apikey=<redacted:api-key> X-Api-Key: <redacted:api-key>',
    ],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: <redacted:authorization>'],
    ['calling with Bearer abc.DEF-123_x=', 'calling with Bearer <redacted:bearer>'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1 done', 'jwt <redacted:jwt> done'],
    ['ssn 123-45-6789.', 'ssn <redacted:ssn>.'],
    ['card 4111 1111 1111 1111 ok', 'card <redacted:credit-card> ok'],
    ['card 4111-1111-1111-1111', 'card <redacted:credit-card>'],
    ['ref 2000 4111 1111 1111 1111 ok', 'ref 2000 <redacted:credit-card> ok'],
    ['amex 378282246310005', 'amex <redacted:credit-card>'],
    ['mail bob.smith+tag@example.co.uk now', 'mail <redacted:email> now'],
  ])('%s', (input, expected) => {
    expect(redactor.redact(input)).toBe(expected);
  });

  it.each([
    ['a 16-digit number failing Luhn', 'id 4111111111111112 stays'],
    ['an epoch in milliseconds', 'at 1700000000000 ok'],
    ['an SSN in area 000', 'ref 000-12-3456'],
    ['an SSN in area 666', 'ref 666-12-3456'],
    ['an SSN in area 9xx', 'ref 912-12-3456'],
    ['an SSN with group 00', 'ref 123-00-3456'],
    ['an SSN with serial 0000', 'ref 123-45-0000'],
    ['a host:port user', 'user msrabi@msra-sa-41:9000 connected'],
    ['a block id', 'blk_-6952295868487656571 and blk_38865049064139660'],
    ['an IP (opt-in rule)', 'from 10.251.73.220:50010'],
    ['words about passwords', 'Failed password for invalid user admin'],
    ['a time', 'at 12:30:45 ok'],
  ])('keeps %s', (_name, input) => {
    expect(redactor.redact(input)).toBe(input);
  });

  it('redacts IPs when enabled', () => {
    expect(withIps.redact('from 10.251.73.220:50010 and fe80::1ff:fe23:4567:890a')).toBe(
      'from <redacted:ipv4>:50010 and <redacted:ipv6>',
    );
    expect(withIps.redact('version 1.2.3.4.5 at 12:30:45')).toBe('version 1.2.3.4.5 at 12:30:45');
  });

  it('counts per rule', () => {
    const r = createRedactor();
    r.redact('password=a token=b x@y.io z@w.io');
    expect(r.counts()).toMatchObject({ password: 1, token: 1, email: 2, jwt: 0 });
  });

  it('masks attributes named like secrets and redacts the others', () => {
    const r = createRedactor();
    const record = r.redactRecord({
      level: 'info',
      message: 'login by a@b.io',
      attributes: { 'user.password': 'x', note: 'mail c@d.io', host: 'web-1' },
      format: 'json',
    });
    expect(record.message).toBe('login by <redacted:email>');
    expect(record.attributes).toEqual({
      'user.password': '<redacted:password>',
      note: 'mail <redacted:email>',
      host: 'web-1',
    });
  });
});

describe('createRedactor: configuration', () => {
  it('switches a rule off by name', () => {
    expect(createRedactor({ disable: ['email'] }).redact('a@b.io')).toBe('a@b.io');
  });

  it('runs custom rules', () => {
    const r = createRedactor({ custom: [{ name: 'order-id', pattern: 'ORD-\\d+' }] });
    expect(r.redact('order ORD-123 shipped')).toBe('order <redacted:order-id> shipped');
    expect(r.counts()['order-id']).toBe(1);
  });

  it.each([
    [{ disable: ['nope'] }, /nope/],
    [{ custom: [{ name: 'bad', pattern: '(' }] }, /"bad".*invalid regular expression/],
    [{ custom: [{ name: 'empty', pattern: 'x*' }] }, /"empty".*empty string/],
    [{ custom: [{ name: 'Bad Name', pattern: 'x' }] }, /Bad Name/],
    [{ custom: [{ name: 'email', pattern: 'x' }] }, /"email".*already used/],
  ])('rejects %j', (config, message) => {
    expect(() => createRedactor(config)).toThrow(RedactionConfigError);
    expect(() => createRedactor(config)).toThrow(message);
  });
});

describe('card and address checks', () => {
  it('checks Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(isCardNumber('4111 1111-1111 1111')).toBe(false);
  });
  it.each(['::1', 'fe80::1', '2001:db8:0:0:0:0:2:1', '::ffff:192.0.2.1'])('accepts IPv6 %s', (a) => {
    expect(isIPv6(a)).toBe(true);
  });
  it.each(['12:30:45', '1:2:3:4:5:6:7:8:9', 'a::b::c', 'std::vector'])('rejects IPv6 %s', (a) => {
    expect(isIPv6(a)).toBe(false);
  });
});

describe('createRedactor: planted secrets never survive', () => {
  const filler = fc.stringMatching(/^[A-Za-z0-9 ,.()/-]{0,30}$/);
  const secretValue = fc.stringMatching(/^[A-Za-z0-9!#$%*+_~^]{6,24}$/);
  const key = fc.constantFrom(
    'password',
    'passwd',
    'pwd',
    'access_token',
    'refresh_token',
    'secret',
    'client_secret',
    'api_key',
    'apikey',
    'DB_PASSWORD',
    'token',
  );
  const luhnCard = fc
    .tuple(
      fc.constantFrom('4', '5', '37', '6011'),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }),
    )
    .map(([prefix, digits]) => {
      const body = (prefix + digits.join('')).slice(0, 15);
      for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
      return body + '0';
    });
  const b64url = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);

  it('in key=value, key: value, JSON and query syntax', () => {
    fc.assert(
      fc.property(
        filler,
        filler,
        key,
        secretValue,
        fc.integer({ min: 0, max: 3 }),
        (before, after, k, v, syntax) => {
          // Text around the secret that happens to contain it is not a leak of the planted value.
          fc.pre(!before.includes(v) && !after.includes(v));
          const planted = [`${k}=${v}`, `${k}: ${v}`, `{"${k}":"${v}"}`, `/cb?x=1&${k}=${v}&y=2`][syntax]!;
          const out = redactor.redact(`${before} ${planted} ${after}`);
          expect(out).not.toContain(v);
        },
      ),
    );
  });

  it('cards, JWTs and bearer tokens', () => {
    fc.assert(
      fc.property(filler, filler, luhnCard, b64url, b64url, (before, after, card, a, b) => {
        const grouped = card.length === 16 ? card.replace(/(\d{4})(?=\d)/g, '$1 ') : card;
        const jwt = `eyJ${a}.eyJ${b}.${a}`;
        for (const planted of [card, grouped, jwt, `Bearer ${a}${b}`]) {
          const out = redactor.redact(`${before} ${planted} ${after}`);
          expect(out).not.toContain(planted);
        }
      }),
    );
  });
});
