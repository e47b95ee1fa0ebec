/** How far an event time may stray from its batch's receive time before it is replaced by it. */
export interface EventTimePolicy {
  /** Largest accepted age of an event at receive time, in ms. */
  readonly maxAgeMs: number;
  /** Largest accepted lead of an event over its receive time (clock skew), in ms. */
  readonly maxSkewMs: number;
}

/** The time an event is stored under, and the time it claimed when that was out of bounds. */
export interface EventTime {
  readonly ms: number;
  /** The parsed or shipped time that was replaced, in epoch ms. */
  readonly clampedFrom?: number;
}

/**
 * Picks an event's time: the time parsed from the text, else the shipper's line time, else the receive time.
 * A time outside [received - maxAge, received + maxSkew] is replaced by the receive time: such times are
 * mostly wrong (a year-less header read in the wrong year, a broken clock), and storing them as-is would
 * create day partitions far from now that retention never sees. The original is kept by the caller.
 */
export function eventTime(
  parsedMs: number | undefined,
  lineMs: number | undefined,
  receivedMs: number,
  policy: EventTimePolicy,
): EventTime {
  const claimed = parsedMs ?? lineMs ?? receivedMs;
  if (!Number.isFinite(claimed)) return { ms: receivedMs };
  if (claimed < receivedMs - policy.maxAgeMs || claimed > receivedMs + policy.maxSkewMs) {
    return { ms: receivedMs, clampedFrom: claimed };
  }
  return { ms: claimed };
}
