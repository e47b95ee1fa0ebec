import type { Timestamp } from './gen/google/protobuf/timestamp.js';

// Timestamps are generated as {seconds, nanos} rather than Date so that nanosecond log times survive a
// round trip; these helpers convert at the edges. Negative times (before 1970) normalise nanos to
// [0, 1e9) as the protobuf spec requires.

const NANOS_PER_SECOND = 1_000_000_000n;

/** Converts a Date (millisecond precision) to a Timestamp. */
export function timestampFromDate(date: Date): Timestamp {
  return timestampFromMillis(date.getTime());
}

/** Converts epoch milliseconds (integer or fractional) to a Timestamp. */
export function timestampFromMillis(millis: number): Timestamp {
  if (!Number.isFinite(millis)) throw new RangeError(`not a finite time: ${millis}`);
  const seconds = Math.floor(millis / 1000);
  const nanos = Math.round((millis - seconds * 1000) * 1_000_000);
  // Rounding can carry a fraction up to a whole second.
  return nanos >= 1_000_000_000 ? { seconds: seconds + 1, nanos: nanos - 1_000_000_000 } : { seconds, nanos };
}

/** Converts epoch nanoseconds to a Timestamp, exactly. */
export function timestampFromNanos(nanos: bigint): Timestamp {
  let seconds = nanos / NANOS_PER_SECOND;
  let rest = nanos % NANOS_PER_SECOND;
  if (rest < 0n) {
    seconds -= 1n;
    rest += NANOS_PER_SECOND;
  }
  return { seconds: Number(seconds), nanos: Number(rest) };
}

/** Converts a Timestamp to a Date, truncating below the millisecond. */
export function timestampToDate(timestamp: Timestamp): Date {
  return new Date(Math.floor(timestampToMillis(timestamp)));
}

/** Converts a Timestamp to epoch milliseconds, keeping sub-millisecond parts as a fraction. */
export function timestampToMillis(timestamp: Timestamp): number {
  return timestamp.seconds * 1000 + timestamp.nanos / 1_000_000;
}

/** Converts a Timestamp to epoch nanoseconds, exactly. */
export function timestampToNanos(timestamp: Timestamp): bigint {
  return BigInt(timestamp.seconds) * NANOS_PER_SECOND + BigInt(timestamp.nanos);
}
