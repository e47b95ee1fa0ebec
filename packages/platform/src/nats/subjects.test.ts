import { describe, expect, it } from 'vitest';
import { configKey, configKeyFilter, parseConfigKey } from './config-keys.js';
import { assertPrefix, isSubjectToken, SubjectTokenError } from './subject-token.js';
import { anomalySubject, dlqSubject, notifySubject, parsedSubject, rawSubject } from './subjects.js';

describe('subject tokens', () => {
  it.each(['acme', 'ACME-01', 'team_a', 'a'.repeat(64)])('accepts %j', (t) =>
    expect(isSubjectToken(t)).toBe(true),
  );
  it.each(['', 'a.b', 'a*', 'a>', 'a b', 'é', 'a\tb', 'a'.repeat(65)])('rejects %j', (t) =>
    expect(isSubjectToken(t)).toBe(false),
  );
  it.each(['', 't3f9a_', 'prod-'])('accepts prefix %j', (p) => expect(assertPrefix(p)).toBe(p));
  it.each(['a.', 'x y', '>'])('rejects prefix %j', (p) =>
    expect(() => assertPrefix(p)).toThrow(SubjectTokenError),
  );
});

describe('subjects', () => {
  it.each([
    [rawSubject('acme', 3), 'logs.raw.acme.3'],
    [rawSubject('acme', 3, 't1_'), 't1_logs.raw.acme.3'],
    [parsedSubject('acme', 0), 'logs.parsed.acme.0'],
    [anomalySubject('acme', 7, 'p_'), 'p_anomalies.acme.7'],
    [notifySubject('acme'), 'notify.acme'],
    [dlqSubject('parser', 'acme'), 'dlq.parser.acme'],
  ])('%s', (actual, expected) => expect(actual).toBe(expected));

  it('rejects a tenant that would change the subject shape', () => {
    expect(() => rawSubject('acme.*', 1)).toThrow(/invalid tenant "acme\.\*"/);
    expect(() => rawSubject('acme', 1, 'bad.')).toThrow(SubjectTokenError);
  });

  it.each([-1, 1.5, 1024])('rejects partition %d', (p) =>
    expect(() => rawSubject('acme', p)).toThrow(RangeError),
  );
});

describe('config keys', () => {
  it('builds and parses keys, with dots allowed in names', () => {
    expect(configKey('logsource', 'shop', 'checkout')).toBe('logsource.shop.checkout');
    expect(configKey('alertrule', 'shop', 'errors.v2')).toBe('alertrule.shop.errors.v2');
    expect(parseConfigKey('alertrule.shop.errors.v2')).toEqual({
      kind: 'alertrule',
      namespace: 'shop',
      name: 'errors.v2',
    });
    expect(configKeyFilter('logsource')).toBe('logsource.>');
  });

  it.each(['other.shop.x', 'logsource.shop', 'logsource.shop.', 'logsource.shop.UPPER'])(
    'ignores key %j',
    (key) => expect(parseConfigKey(key)).toBeUndefined(),
  );

  it('rejects names that are not Kubernetes names', () => {
    expect(() => configKey('logsource', 'shop', 'Check Out')).toThrow(/invalid name/);
    expect(() => configKey('logsource', 'sh.op', 'x')).toThrow(/invalid namespace/);
  });
});
