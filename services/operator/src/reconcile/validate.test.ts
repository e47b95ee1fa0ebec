import type { AlertRuleSpec, LogSourceSpec } from '@loglens/resources';
import { describe, expect, it } from 'vitest';
import { parseSpecDuration } from './durations.js';
import {
  alertRuleSecretRefs,
  checkSecretRefs,
  validateAlertRuleSpec,
  validateLogSourceSpec,
} from './validate.js';

const source: LogSourceSpec = { selector: {}, paths: ['/var/log/*.log'] };
const rule: AlertRuleSpec = {
  sourceRef: { name: 'web' },
  condition: { pattern: { regex: 'timeout' } },
  notifications: [{ email: { to: ['oncall@example.com'] } }],
};

describe('parseSpecDuration', () => {
  it.each([
    ['30s', 30_000],
    ['1h30m', 5_400_000],
    ['2w', 1_209_600_000],
    ['250ms', 250],
    ['0s', 0],
    ['5', undefined],
    ['1.5h', undefined],
    ['99999999999999999w', undefined],
  ])('%s → %s', (text, ms) => expect(parseSpecDuration(text)).toBe(ms));
});

describe('validateLogSourceSpec', () => {
  it('accepts a spec whose patterns compile', () => {
    const spec = {
      ...source,
      multiline: { startPattern: '^\\d{4}' },
      redaction: { custom: [{ name: 'x', pattern: 'a+', flags: 'i' }] },
    };
    expect(validateLogSourceSpec(spec)).toEqual([]);
  });

  it('names each pattern that does not compile, and a zero retention', () => {
    const spec: LogSourceSpec = {
      ...source,
      multiline: { startPattern: '[' },
      redaction: {
        custom: [
          { name: 'ok', pattern: 'a' },
          { name: 'bad', pattern: '(?<n>a)\\k<m>', flags: 'u' },
        ],
      },
      retention: '0d',
    };
    expect(validateLogSourceSpec(spec).map((i) => `${i.reason} ${i.path}`)).toEqual([
      'InvalidRegex spec.multiline.startPattern',
      'InvalidRegex spec.redaction.custom[1].pattern',
      'InvalidDuration spec.retention',
    ]);
  });
});

describe('validateAlertRuleSpec', () => {
  it('checks the pattern regex and the durations', () => {
    expect(validateAlertRuleSpec(rule)).toEqual([]);
    const bad: AlertRuleSpec = {
      ...rule,
      condition: { pattern: { regex: '*oops', window: '0m' } },
      for: '0s',
      repeatInterval: '9999999w',
    };
    expect(validateAlertRuleSpec(bad).map((i) => `${i.reason} ${i.path}`)).toEqual([
      'InvalidRegex spec.condition.pattern.regex',
      'InvalidDuration spec.condition.pattern.window',
      'InvalidDuration spec.repeatInterval',
    ]);
  });
});

describe('secret references', () => {
  const withSecrets: AlertRuleSpec = {
    ...rule,
    notifications: [
      { webhook: { url: 'https://example.com/hook' } },
      { webhook: { urlSecretKeyRef: { name: 'hooks', key: 'url' } } },
      { slack: { webhookUrlSecretKeyRef: { name: 'hooks', key: 'slack' } } },
      { pagerduty: { routingKeySecretKeyRef: { name: 'pd', key: 'key' } } },
    ],
  };

  it('lists every Secret key the notification targets use', () => {
    expect(alertRuleSecretRefs(withSecrets).map((r) => `${r.path} ${r.ref.name}/${r.ref.key}`)).toEqual([
      'spec.notifications[1].webhook.urlSecretKeyRef hooks/url',
      'spec.notifications[2].slack.webhookUrlSecretKeyRef hooks/slack',
      'spec.notifications[3].pagerduty.routingKeySecretKeyRef pd/key',
    ]);
  });

  it('reports missing Secrets and keys, reading each Secret once', async () => {
    const reads: string[] = [];
    const lookup = (_ns: string, name: string) => {
      reads.push(name);
      return Promise.resolve(name === 'hooks' ? new Set(['url']) : undefined);
    };
    const issues = await checkSecretRefs('shop', alertRuleSecretRefs(withSecrets), lookup);
    expect(issues.map((i) => `${i.reason}: ${i.message}`)).toEqual([
      'SecretKeyNotFound: Secret "hooks" has no key "slack"',
      'SecretNotFound: Secret "pd" does not exist',
    ]);
    expect(reads).toEqual(['hooks', 'pd']);
  });
});
