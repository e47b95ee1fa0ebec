// How many replicas a worker should run, free of I/O and of the clock. The rule is the HPA's: scale up at
// once to the recommendation, scale down only to the highest recommendation of the stabilization window.

/** The scaling limits of one worker. */
export interface ScalePolicy {
  /** Backlog (pending + ack-pending messages) one replica is expected to carry. */
  readonly targetBacklog: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** How long a lower recommendation must hold before the worker is scaled down to it. */
  readonly scaleDownStabilizationMs: number;
}

/** A recommendation and when it was made. */
export interface Recommendation {
  readonly atMs: number;
  readonly replicas: number;
}

/**
 * The recommendations of the stabilization window that can still be its maximum: times increase and replica
 * counts strictly decrease, so the first is the maximum and the list never holds more than
 * `maxReplicas - minReplicas + 1` entries however fast the poll.
 */
export type RecommendationWindow = readonly Recommendation[];

/** What to do with one worker now. */
export interface ScaleDecision {
  /** `ceil(backlog / target)` within [min, max]. */
  readonly recommendation: number;
  /** The replicas the worker should run. */
  readonly desired: number;
  /** The window to pass to the next decision. */
  readonly window: RecommendationWindow;
}

/** The inputs of one decision. */
export interface ScaleInput {
  readonly policy: ScalePolicy;
  readonly backlog: number;
  readonly currentReplicas: number;
  readonly nowMs: number;
  /** The previous decision's window; absent for a worker seen for the first time. */
  readonly window?: RecommendationWindow;
}

function clamp(value: number, policy: ScalePolicy): number {
  return Math.min(policy.maxReplicas, Math.max(policy.minReplicas, value));
}

/** `ceil(backlog / targetBacklog)` clamped to [minReplicas, maxReplicas]. */
export function recommendReplicas(backlog: number, policy: ScalePolicy): number {
  return clamp(Math.ceil(Math.max(0, backlog) / policy.targetBacklog), policy);
}

/** Adds a recommendation and forgets those that left the window or can no longer be its maximum. */
function slide(window: RecommendationWindow, next: Recommendation, windowMs: number): Recommendation[] {
  const cutoff = next.atMs - windowMs;
  const kept = window.filter((r) => r.atMs > cutoff && r.replicas > next.replicas);
  return [...kept, next];
}

/**
 * Decides the replicas of a worker. A worker seen for the first time counts its current size (within the
 * limits) as a recommendation made now, so a new leader never scales down before a full window has passed.
 */
export function decideScale(input: ScaleInput): ScaleDecision {
  const { policy, nowMs, currentReplicas } = input;
  const recommendation = recommendReplicas(input.backlog, policy);
  const seeded = input.window ?? [{ atMs: nowMs, replicas: clamp(currentReplicas, policy) }];
  const window = slide(seeded, { atMs: nowMs, replicas: recommendation }, policy.scaleDownStabilizationMs);
  const highest = window[0]?.replicas ?? recommendation;
  let desired = currentReplicas;
  if (currentReplicas < recommendation) desired = recommendation;
  else if (currentReplicas > highest) desired = highest;
  return { recommendation, desired, window };
}
