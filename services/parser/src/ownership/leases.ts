/** One partition this replica holds a claim on. */
interface Lease {
  /** KV revision of our last write of the owner key; the next write must expect it. */
  revision: number;
  /** Monotonic time at which the heartbeat that preceded our last successful write was sent. */
  renewedAt: number;
  /** Announced as lost: the core loop is flushing it; the key is still ours until it is deleted. */
  releasing: boolean;
  /** The core loop is done with it: delete the key at `revision`. */
  released: boolean;
}

/**
 * The claims one replica holds, with their deadlines. A claim is safe until `renewedAt + ttl - margin`: the
 * server removes our member key no earlier than `ttl` after it received the heartbeat sent at `renewedAt`, and
 * only then may another replica take the partition over. `margin` absorbs clock-rate differences and timers.
 */
export class Leases {
  private readonly leases = new Map<number, Lease>();

  constructor(
    private readonly ttlMs: number,
    private readonly marginMs: number,
  ) {}

  /** Records a new claim written at `revision`. */
  hold(partition: number, revision: number, renewedAt: number): void {
    this.leases.set(partition, { revision, renewedAt, releasing: false, released: false });
  }

  /** Records a successful rewrite of the owner key. */
  renewed(partition: number, revision: number, renewedAt: number): void {
    const lease = this.leases.get(partition);
    if (lease) Object.assign(lease, { revision, renewedAt });
  }

  /** Forgets a claim (released, lapsed or taken). */
  drop(partition: number): void {
    this.leases.delete(partition);
  }

  /** Marks a claim as being handed over; returns a token for {@link markReleased}. */
  markReleasing(partition: number): object | undefined {
    const lease = this.leases.get(partition);
    if (lease) lease.releasing = true;
    return lease;
  }

  /**
   * Marks the claim `token` stands for as ready to delete. A claim that lapsed meanwhile and was taken again is
   * another claim, which this leaves alone.
   */
  markReleased(partition: number, token: object | undefined): void {
    const lease = this.leases.get(partition);
    if (lease && lease === token) lease.released = true;
  }

  /** The partitions held, whatever their state. */
  held(): number[] {
    return [...this.leases.keys()];
  }

  has(partition: number): boolean {
    return this.leases.has(partition);
  }

  revision(partition: number): number | undefined {
    return this.leases.get(partition)?.revision;
  }

  isReleasing(partition: number): boolean {
    return this.leases.get(partition)?.releasing === true;
  }

  isReleased(partition: number): boolean {
    return this.leases.get(partition)?.released === true;
  }

  private valid(lease: Lease, now: number): boolean {
    return now < lease.renewedAt + this.ttlMs - this.marginMs;
  }

  /** Claims whose deadline has passed at `now`: another replica may own them already. */
  lapsed(now: number): number[] {
    return [...this.leases].filter(([, lease]) => !this.valid(lease, now)).map(([p]) => p);
  }

  /** Partitions this replica may process at `now`: held, not being handed over, within their deadline. */
  processable(now: number): Set<number> {
    const owned = new Set<number>();
    for (const [p, lease] of this.leases) if (!lease.releasing && this.valid(lease, now)) owned.add(p);
    return owned;
  }

  get size(): number {
    return this.leases.size;
  }
}
