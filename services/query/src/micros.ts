import { timestampFromNanos, timestampToNanos, type Timestamp } from '@loglens/proto';

// PostgreSQL keeps microseconds, JavaScript Dates milliseconds: times travel between the two as epoch
// microseconds (bigint) so that a cursor or a bound never moves by a rounding.

/** Epoch microseconds of a Timestamp, rounded up (so `ts >= bound` keeps exactly the later events). */
export function microsFromTimestamp(timestamp: Timestamp): bigint {
  const nanos = timestampToNanos(timestamp);
  const micros = nanos / 1000n;
  return micros * 1000n < nanos ? micros + 1n : micros;
}

/** The Timestamp of epoch microseconds. */
export function timestampFromMicros(micros: bigint): Timestamp {
  return timestampFromNanos(micros * 1000n);
}

/** An ISO 8601 UTC text with six decimals, which PostgreSQL reads back as the same `timestamptz`. */
export function isoFromMicros(micros: bigint): string {
  let millis = micros / 1000n;
  let rest = micros % 1000n;
  if (rest < 0n) {
    millis -= 1n;
    rest += 1000n;
  }
  const iso = new Date(Number(millis)).toISOString();
  return `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/** Epoch microseconds of a Date. */
export function microsFromDate(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}
