import type { Condition } from '@loglens/resources';
import { describe, expect, it } from 'vitest';
import {
  degradedConditions,
  healthyConditions,
  initConditions,
  sameConditions,
  setCondition,
} from './conditions.js';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:05:00Z';

describe('conditions', () => {
  it('starts Ready and Degraded as Unknown', () => {
    const conditions = initConditions([], 1, T0);
    expect(conditions.map((c) => `${c.type}=${c.status} ${c.reason}`)).toEqual([
      'Ready=Unknown Reconciling',
      'Degraded=Unknown Reconciling',
    ]);
    expect(initConditions(conditions, 2, T1)).toEqual(conditions);
  });

  it('keeps lastTransitionTime while the status holds, and moves it on a change', () => {
    const ready = healthyConditions(initConditions([], 1, T0), 1, 'served', T0);
    const again = healthyConditions(ready, 2, 'served again', T1);
    const readyAgain = again.find((c) => c.type === 'Ready');
    expect(readyAgain).toMatchObject({
      status: 'True',
      observedGeneration: 2,
      message: 'served again',
      lastTransitionTime: T0,
    });
    const broken = degradedConditions(again, 3, 'InvalidRegex', 'bad', T1);
    expect(broken.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'InvalidRegex',
      lastTransitionTime: T1,
    });
    expect(broken.find((c) => c.type === 'Degraded')).toMatchObject({
      status: 'True',
      lastTransitionTime: T1,
    });
  });

  it('compares condition lists whatever their order and key order', () => {
    const a: Condition[] = setCondition(
      setCondition([], { type: 'A', status: 'True', reason: 'R', message: 'm' }, T0),
      { type: 'B', status: 'False', reason: 'R', message: 'm' },
      T0,
    );
    const reordered = [...a]
      .reverse()
      .map((c) => Object.fromEntries(Object.entries(c).reverse()) as Condition);
    expect(sameConditions(a, reordered)).toBe(true);
    expect(
      sameConditions(a, setCondition(a, { type: 'A', status: 'True', reason: 'R', message: 'other' }, T0)),
    ).toBe(false);
  });
});
