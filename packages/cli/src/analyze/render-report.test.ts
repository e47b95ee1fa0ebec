import { describe, expect, it } from 'vitest';
import type { Episode, Finding } from '@loglens/anomaly';
import { anomalySection, timeRange } from './render-report.js';

describe('timeRange', () => {
  it.each([
    [
      'the same day: the end is a time',
      '2026-11-20T09:00:03Z',
      '2026-11-20T11:59:50Z',
      '2026-11-20 09:00:03 → 11:59:50',
    ],
    [
      'another day: the end has its date',
      '2005-12-04T17:43:08Z',
      '2005-12-05T11:06:52Z',
      '2005-12-04 17:43:08 → 12-05 11:06:52',
    ],
    [
      'another year: the end is whole',
      '2015-12-31T23:59:00Z',
      '2016-01-01T00:01:00Z',
      '2015-12-31 23:59:00 → 2016-01-01 00:01:00',
    ],
  ])('%s', (_name, start, end, want) => {
    expect(timeRange(Date.parse(start), Date.parse(end))).toBe(want);
  });
});

describe('anomalySection', () => {
  const finding = (kind: Finding['kind'], template: string, actual: number, expected: number): Finding => ({
    kind,
    score: 1,
    pValue: 1e-9,
    severity: 'critical',
    contributions: [{ templateId: template, template, expected, actual }],
    explanation: `${template}: ${actual} where ${expected} were expected`,
  });

  it('names the other side of an incident once, under the strongest finding', () => {
    const findings = [
      finding('silence', 'order placed', 0, 57),
      finding('rate-drop', 'order placed', 0, 57),
      finding('error-surge', 'inventory unavailable', 41, 0.6),
      { ...finding('rate-drop', 'cache hit', 20, 37), severity: 'info' as const },
    ];
    const start = Date.parse('2026-11-20T10:10:00Z');
    const episode: Episode = {
      kind: 'silence',
      source: 'app.log',
      start,
      end: start + 4 * 60_000 - 1,
      results: 4,
      peak: {
        kind: 'silence',
        score: 1,
        anomalous: true,
        severity: 'critical',
        scope: {
          kind: 'window',
          source: 'app.log',
          key: 'k',
          start: start + 60_000,
          end: start + 119_999,
          events: 80,
        },
        contributions: findings[0]!.contributions,
        explanation: findings[0]!.explanation,
        findings,
      },
    };
    const lines = anomalySection([episode], 120);
    expect(lines.slice(3)).toEqual([
      '    0 vs 57 expected         order placed',
      '    also error-surge: 41 vs 0.6 expected       inventory unavailable',
    ]);
  });
});
