/** An open session. */
export interface OpenSession {
  readonly key: string;
  readonly host?: string;
  readonly slots: number[];
  readonly start: number;
  last: number;
}

/** Options of session grouping. */
export interface SessionLimits {
  /** A session closes after this long without events, in the stream's clock (ms, or positions). @default 300000 */
  readonly idle: number;
  /** A session closes when it holds this many events. @default 10000 */
  readonly maxEvents: number;
  /** Open sessions per source; the oldest closes first beyond it. @default 100000 */
  readonly maxOpen: number;
}

/** Groups events of one source into sessions by key; bounded in sessions and events per session. */
export class SessionBuilder {
  readonly open = new Map<string, OpenSession>();

  constructor(private readonly limits: SessionLimits) {}

  /** Adds an event to a session; closed sessions are appended to `out`. */
  add(key: string, slot: number, clock: number, host: string | undefined, out: OpenSession[]): void {
    let s = this.open.get(key);
    if (!s) {
      s = { key, slots: [], start: clock, last: clock, ...(host !== undefined ? { host } : {}) };
      this.open.set(key, s);
      if (this.open.size > this.limits.maxOpen) {
        const oldest = this.open.keys().next().value;
        if (oldest !== undefined) this.close(oldest, out);
      }
    }
    s.slots.push(slot);
    if (clock > s.last) s.last = clock;
    if (s.slots.length >= this.limits.maxEvents) this.close(key, out);
  }

  /** Closes sessions idle since before `clock - idle`. */
  expire(clock: number, out: OpenSession[]): void {
    for (const [key, s] of this.open) if (clock - s.last > this.limits.idle) this.close(key, out);
  }

  /** Closes every open session (end of stream). */
  flush(out: OpenSession[]): void {
    for (const key of [...this.open.keys()]) this.close(key, out);
  }

  private close(key: string, out: OpenSession[]): void {
    const s = this.open.get(key);
    if (!s) return;
    this.open.delete(key);
    out.push(s);
  }
}
