import type { Condition } from '@loglens/resources';

/** Condition types the operator owns. */
export const READY = 'Ready';
export const DEGRADED = 'Degraded';

/** Reasons of the operator's conditions that are not spec issues. */
export const REASONS = {
  /** Ready=True: the config document in KV matches the spec. */
  reconciled: 'Reconciled',
  /** Degraded=False: nothing is wrong. */
  asExpected: 'AsExpected',
  /** Ready=Unknown and Degraded=Unknown until the first reconcile decides. */
  reconciling: 'Reconciling',
} as const;

/** A condition to set; `lastTransitionTime` is filled by {@link setCondition}. */
export type DesiredCondition = Omit<Condition, 'lastTransitionTime'>;

/**
 * The conditions after setting `desired`: the time of the last transition is kept when the status did not
 * change (as `meta.SetStatusCondition` does), so `kubectl describe` shows since when a state holds.
 */
export function setCondition(
  conditions: readonly Condition[],
  desired: DesiredCondition,
  now: string,
): Condition[] {
  const old = conditions.find((c) => c.type === desired.type);
  const lastTransitionTime = old && old.status === desired.status ? old.lastTransitionTime : now;
  const next: Condition = { ...desired, lastTransitionTime };
  return old ? conditions.map((c) => (c === old ? next : c)) : [...conditions, next];
}

/** Adds `Ready` and `Degraded` as `Unknown` when absent, as the first step of a reconcile. */
export function initConditions(
  conditions: readonly Condition[],
  generation: number,
  now: string,
): Condition[] {
  let result = [...conditions];
  for (const type of [READY, DEGRADED]) {
    if (!result.some((c) => c.type === type)) {
      result = setCondition(
        result,
        {
          type,
          status: 'Unknown',
          reason: REASONS.reconciling,
          message: 'the operator has not reconciled this generation yet',
          observedGeneration: generation,
        },
        now,
      );
    }
  }
  return result;
}

/** Ready=True and Degraded=False for a spec whose config is served. */
export function healthyConditions(
  conditions: readonly Condition[],
  generation: number,
  message: string,
  now: string,
): Condition[] {
  const ready = setCondition(
    conditions,
    { type: READY, status: 'True', reason: REASONS.reconciled, message, observedGeneration: generation },
    now,
  );
  return setCondition(
    ready,
    {
      type: DEGRADED,
      status: 'False',
      reason: REASONS.asExpected,
      message: 'the spec is valid',
      observedGeneration: generation,
    },
    now,
  );
}

/** Ready=False and Degraded=True with the reason of the first problem and a message naming every one. */
export function degradedConditions(
  conditions: readonly Condition[],
  generation: number,
  reason: string,
  message: string,
  now: string,
): Condition[] {
  const degraded = setCondition(
    conditions,
    { type: DEGRADED, status: 'True', reason, message, observedGeneration: generation },
    now,
  );
  return setCondition(
    degraded,
    { type: READY, status: 'False', reason, message, observedGeneration: generation },
    now,
  );
}

/** True when the two condition lists say the same thing (times included), whatever their order. */
export function sameConditions(a: readonly Condition[], b: readonly Condition[]): boolean {
  const fields = (c: Condition) =>
    [c.type, c.status, c.reason, c.message, c.observedGeneration ?? '', c.lastTransitionTime].join('\u0000');
  const set = (list: readonly Condition[]) => list.map(fields).sort().join('\u0001');
  return a.length === b.length && set(a) === set(b);
}
