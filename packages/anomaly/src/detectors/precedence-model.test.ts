import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { SessionModel } from '../session-model.js';

/** Three actors each doing open → write → close, their lines interleaved at random (as replicas' are). */
function interleaved(random: Random): string[] {
  const queues = [
    ['x-open', 'x-write', 'x-close'],
    ['y-open', 'y-write', 'y-close'],
    ['z-open', 'z-write', 'z-close'],
  ];
  const out: string[] = [];
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    out.push(live[random.int(live.length)]!.shift()!);
  }
  return out;
}

describe('session order (precedence model)', () => {
  const random = new Random(7);
  const model = new SessionModel({ detectors: ['sequence'] });
  const seen = new Set<string>();
  for (let i = 0; i < 600; i++) {
    const templateIds = interleaved(random);
    seen.add(templateIds.join(' '));
    model.learn({ key: `s${i}`, source: 'svc', templateIds });
  }
  const score = (templateIds: string[]) => model.score({ key: 'new', source: 'svc', templateIds });

  it('does not alert on an interleaving of concurrent actors it has not seen', () => {
    let unseen: string[] | undefined;
    for (let i = 0; i < 10_000 && !unseen; i++) {
      const candidate = interleaved(random);
      if (!seen.has(candidate.join(' '))) unseen = candidate;
    }
    expect(unseen).toBeDefined();
    expect(score(unseen!).anomalous).toBe(false);
  });

  it('alerts on a step done before the one it follows, and names both', () => {
    const r = score([
      'x-open',
      'y-open',
      'z-open',
      'y-close',
      'x-write',
      'z-write',
      'x-close',
      'y-write',
      'z-close',
    ]);
    expect(r.anomalous).toBe(true);
    expect(r.kind).toBe('session-sequence');
    expect(r.contributions.map((c) => c.templateId)).toEqual(['y-close', 'y-write']);
    expect(r.explanation).toContain('"y-close" before any "y-write"');
  });

  it('has nothing to check in a session of one template', () => {
    expect(score(['x-open', 'x-open']).score).toBe(0);
  });
});
