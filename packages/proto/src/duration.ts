import type { Duration } from './gen/google/protobuf/duration.js';

// Durations follow the protobuf rule that seconds and nanos share the sign of the whole duration.

/** Converts milliseconds to a Duration. */
export function durationFromMillis(millis: number): Duration {
  if (!Number.isFinite(millis)) throw new RangeError(`not a finite duration: ${millis}`);
  // `|| 0` turns the -0 of small negative values into 0.
  const seconds = Math.trunc(millis / 1000) || 0;
  const nanos = Math.round((millis - seconds * 1000) * 1_000_000);
  return { seconds, nanos: nanos || 0 };
}

/** Converts a Duration to milliseconds (fractional below the millisecond). */
export function durationToMillis(duration: Duration): number {
  return duration.seconds * 1000 + duration.nanos / 1_000_000;
}
