import { describe, expect, it } from 'vitest';
import { byPeak, EpisodeGrouper } from './episodes.js';
import type { AnomalyKind, AnomalyResult } from './types.js';

const MINUTE = 60_000;

interface Spec {
  readonly minute: number;
  readonly score?: number;
  readonly kind?: AnomalyKind;
  readonly template?: string;
  /** Further contributing templates, after the leading one. */
  readonly also?: readonly string[];
  readonly source?: string;
  readonly session?: boolean;
  readonly actual?: number;
  /** Findings of the window besides its strongest (which the fields above describe). */
  readonly facets?: readonly {
    readonly kind: AnomalyKind;
    readonly template: string;
    readonly info?: boolean;
  }[];
}

function result(spec: Spec): AnomalyResult {
  const score = spec.score ?? 0.8;
  const start = spec.minute * MINUTE;
  return {
    kind: spec.kind ?? 'rate-spike',
    score,
    anomalous: score >= 0.5,
    severity: score >= 0.8 ? 'critical' : 'warning',
    scope: {
      kind: spec.session ? 'session' : 'window',
      source: spec.source ?? 'api',
      key: `k${spec.minute}`,
      start,
      end: start + MINUTE - 1_000,
      events: 10,
    },
    contributions: [
      { templateId: spec.template ?? 't1', template: 'x', expected: 1, actual: spec.actual ?? 10 },
      ...(spec.also ?? []).map((templateId) => ({ templateId, template: 'y', expected: 1, actual: 5 })),
    ],
    explanation: `minute ${spec.minute}`,
    findings: spec.facets
      ? [{ kind: spec.kind ?? 'rate-spike', template: spec.template ?? 't1' }, ...spec.facets].map((f) => ({
          kind: f.kind,
          score,
          pValue: 0.001,
          severity: 'info' in f && f.info ? 'info' : 'warning',
          contributions: [{ templateId: f.template, template: 'x', expected: 1, actual: 10 }],
          explanation: f.kind,
        }))
      : [],
  };
}

function group(specs: readonly Spec[]): { start: number; results: number; peak: string }[] {
  const grouper = new EpisodeGrouper(MINUTE);
  const episodes = [...grouper.add(specs.map(result)), ...grouper.flush()];
  return episodes
    .sort((a, b) => a.start - b.start)
    .map((e) => ({ start: e.start / MINUTE, results: e.results, peak: e.peak.explanation }));
}

describe('EpisodeGrouper', () => {
  it.each<{ name: string; specs: Spec[]; want: ReturnType<typeof group> }>([
    {
      name: 'windows in a row with the same story make one episode, led by the strongest',
      specs: [{ minute: 1 }, { minute: 2, score: 0.95 }, { minute: 3 }],
      want: [{ start: 1, results: 3, peak: 'minute 2' }],
    },
    {
      name: 'a quiet window in between ends the episode',
      specs: [{ minute: 1 }, { minute: 3 }],
      want: [
        { start: 1, results: 1, peak: 'minute 1' },
        { start: 3, results: 1, peak: 'minute 3' },
      ],
    },
    {
      name: 'another kind or another leading template is another story',
      specs: [{ minute: 1 }, { minute: 2, kind: 'rate-drop' }, { minute: 2, template: 't2' }],
      want: [
        { start: 1, results: 1, peak: 'minute 1' },
        { start: 2, results: 1, peak: 'minute 2' },
        { start: 2, results: 1, peak: 'minute 2' },
      ],
    },
    {
      name: 'a surge whose leading template changes from window to window stays one episode',
      specs: [
        { minute: 1, kind: 'error-surge', template: 'db', also: ['http'] },
        { minute: 2, kind: 'error-surge', template: 'http', also: ['db'] },
        { minute: 3, kind: 'error-surge', template: 'http' },
        { minute: 3, kind: 'error-surge', template: 'disk' },
      ],
      want: [
        { start: 1, results: 3, peak: 'minute 1' },
        { start: 3, results: 1, peak: 'minute 3' },
      ],
    },
    {
      name: 'an error surge that goes on as a spike of its leading template is one episode, as is a drop into silence',
      specs: [
        { minute: 1, kind: 'error-surge', template: 'db' },
        { minute: 2, kind: 'rate-spike', template: 'db', score: 0.9 },
        { minute: 5, kind: 'rate-drop', template: 'web' },
        { minute: 6, kind: 'silence', template: 'web' },
      ],
      want: [
        { start: 1, results: 2, peak: 'minute 2' },
        { start: 5, results: 2, peak: 'minute 5' },
      ],
    },
    {
      name: 'a new template that surges in the next window is one episode; another template surging is not',
      specs: [
        { minute: 1, kind: 'new-template', template: 'refused', score: 0.95 },
        { minute: 2, kind: 'error-surge', template: 'refused' },
        { minute: 2, kind: 'rate-spike', template: 'login' },
        { minute: 4, kind: 'error-surge', template: 'refused' },
      ],
      want: [
        { start: 1, results: 2, peak: 'minute 1' },
        { start: 2, results: 1, peak: 'minute 2' },
        { start: 4, results: 1, peak: 'minute 4' },
      ],
    },
    {
      name: 'a new pattern that goes on surging while requests fall silent is one incident, whichever leads',
      specs: [
        {
          minute: 1,
          kind: 'new-template',
          template: 'refused',
          facets: [{ kind: 'silence', template: 'ok' }],
        },
        {
          minute: 2,
          kind: 'silence',
          template: 'ok',
          score: 0.9,
          facets: [{ kind: 'error-surge', template: 'refused' }],
        },
        {
          minute: 3,
          kind: 'silence',
          template: 'ok',
          facets: [{ kind: 'error-surge', template: 'refused' }],
        },
        // A facet below the threshold links nothing.
        {
          minute: 5,
          kind: 'rate-spike',
          template: 'cron',
          facets: [{ kind: 'silence', template: 'x', info: true }],
        },
        { minute: 6, kind: 'silence', template: 'x' },
      ],
      want: [
        { start: 1, results: 3, peak: 'minute 2' },
        { start: 5, results: 1, peak: 'minute 5' },
        { start: 6, results: 1, peak: 'minute 6' },
      ],
    },
    {
      name: 'equal scores: the larger departure from the expected count leads',
      specs: [{ minute: 1 }, { minute: 2, actual: 50 }, { minute: 3 }],
      want: [{ start: 1, results: 3, peak: 'minute 2' }],
    },
    {
      name: 'sessions are episodes of their own; results below the threshold are skipped',
      specs: [
        { minute: 1, session: true },
        { minute: 1, session: true },
        { minute: 2, score: 0.3 },
      ],
      want: [
        { start: 1, results: 1, peak: 'minute 1' },
        { start: 1, results: 1, peak: 'minute 1' },
      ],
    },
  ])('$name', ({ specs, want }) => {
    expect(group(specs)).toEqual(want);
  });

  it('a new template that keeps recurring as a rare one is one episode while it recurs within the gap', () => {
    const grouper = new EpisodeGrouper(MINUTE, { recurrenceGap: 5 * MINUTE });
    const specs: Spec[] = [
      { minute: 1, kind: 'new-template', score: 0.7 },
      { minute: 2, kind: 'rare-template', score: 0.6 },
      // Spikes (of another template) still need windows in a row.
      { minute: 3, kind: 'rate-spike', template: 't2' },
      { minute: 5, kind: 'rate-spike', template: 't2' },
      { minute: 6, kind: 'rare-template', score: 0.6 },
      { minute: 9, kind: 'rare-template', score: 0.6 },
      // A recurrence after a longer pause is a new story.
      { minute: 20, kind: 'rare-template', score: 0.6 },
    ];
    const episodes = [...grouper.add(specs.map(result)), ...grouper.flush()].sort(
      (a, b) => a.start - b.start,
    );
    expect(episodes.map((e) => [e.kind, e.start / MINUTE, e.results, e.peak.explanation])).toEqual([
      ['new-template', 1, 4, 'minute 1'],
      ['rate-spike', 3, 1, 'minute 3'],
      ['rate-spike', 5, 1, 'minute 5'],
      ['rare-template', 20, 1, 'minute 20'],
    ]);
  });

  it("closes a story's episode once its stream's clock has moved past it, and keeps other streams open", () => {
    const grouper = new EpisodeGrouper(MINUTE);
    expect(grouper.add([result({ minute: 1 }), result({ minute: 1, source: 'web' })])).toEqual([]);
    const closed = grouper.add([result({ minute: 5, template: 't9' })]);
    expect(closed.map((e) => [e.source, e.start / MINUTE])).toEqual([['api', 1]]);
    expect(grouper.flush().map((e) => e.source)).toEqual(['web', 'api']);
  });

  it('orders episodes strongest first, then earliest', () => {
    const grouper = new EpisodeGrouper(MINUTE);
    const episodes = [
      ...grouper.add([
        result({ minute: 1, score: 0.9, template: 't2' }),
        result({ minute: 3, score: 0.99, kind: 'error-surge' }),
        result({ minute: 5, score: 0.9 }),
      ]),
      ...grouper.flush(),
    ];
    const order = episodes.sort(byPeak).map((e) => e.start / MINUTE);
    expect(order).toEqual([3, 1, 5]);
  });
});
