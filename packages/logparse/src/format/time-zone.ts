/** Converts a wall-clock time in one zone to epoch milliseconds. */
export interface TimeZone {
  readonly name: string;
  /** Epoch ms of a naive wall-clock time, given as if it were UTC (`Date.UTC(...)` of its fields). */
  fromWallClock(wallMs: number): number;
}

/** A time-zone name that is neither UTC, a fixed offset nor a known IANA zone. */
export class TimeZoneError extends Error {
  override readonly name = 'TimeZoneError';
  constructor(readonly zone: string) {
    super(`unknown time zone "${zone}": use UTC, an offset like +02:00, or an IANA name like Europe/Paris`);
  }
}

const HOUR = 3_600_000;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Creates a zone from `UTC`, a fixed offset (`+05:30`) or an IANA name (`America/New_York`). */
export function createTimeZone(name: string): TimeZone {
  if (name === 'UTC' || name === 'Z' || name === 'GMT') return { name: 'UTC', fromWallClock: (ms) => ms };
  const fixed = OFFSET.exec(name);
  if (fixed) {
    const offset = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * HOUR + Number(fixed[3]) * 60_000);
    return { name, fromWallClock: (ms) => ms - offset };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (error) {
    throw Object.assign(new TimeZoneError(name), { cause: error });
  }
  // Offsets change only at transitions, so one lookup per hour is enough; the cache is per zone instance.
  const cache = new Map<number, number>();
  function offsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR);
    let offset = cache.get(hour);
    if (offset === undefined) {
      const parts = format.formatToParts(new Date(hour * HOUR));
      const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
      const wall = Date.UTC(
        get('year'),
        get('month') - 1,
        get('day'),
        get('hour'),
        get('minute'),
        get('second'),
      );
      offset = wall - hour * HOUR;
      if (cache.size > 4096) cache.clear();
      cache.set(hour, offset);
    }
    return offset;
  }
  return {
    name,
    fromWallClock(wallMs) {
      const guess = wallMs - offsetAt(wallMs);
      return wallMs - offsetAt(guess);
    },
  };
}
