/**
 * A FIFO of serialised points with a hard cap that counts the points in flight too. When full, the oldest
 * queued point makes room for the newest: during an outage the freshest data is what dashboards want.
 */
export class PointBuffer {
  readonly #capacity: number;
  #slots: (string | undefined)[];
  #head = 0;
  #size = 0;
  #inFlight = 0;

  /** A buffer that holds at most `capacity` points, queued and in flight together. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be >= 1, got ${capacity}`);
    this.#capacity = capacity;
    this.#slots = new Array<string | undefined>(capacity);
  }

  /** Points waiting to be sent. */
  get size(): number {
    return this.#size;
  }

  /** Points queued plus points taken and not yet released: the memory actually held. */
  get held(): number {
    return this.#size + this.#inFlight;
  }

  /**
   * Queues a point and returns how many points were dropped to respect the cap: the oldest queued ones,
   * or this one when everything held is in flight.
   */
  push(line: string): number {
    if (this.#size + this.#inFlight >= this.#capacity) {
      if (this.#size === 0) return 1;
      this.#slots[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#capacity;
      this.#size--;
      this.#slots[(this.#head + this.#size) % this.#capacity] = line;
      this.#size++;
      return 1;
    }
    this.#slots[(this.#head + this.#size) % this.#capacity] = line;
    this.#size++;
    return 0;
  }

  /** Removes up to `max` oldest points for sending; they count against the cap until released. */
  take(max: number): string[] {
    const n = Math.min(max, this.#size);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      out.push(this.#slots[this.#head] ?? '');
      this.#slots[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#capacity;
    }
    this.#size -= n;
    this.#inFlight += n;
    return out;
  }

  /** Frees the room of `n` points taken earlier, once they are written or given up on. */
  release(n: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - n);
  }

  /** Empties the queue (not what is in flight) and returns how many points it held. */
  clear(): number {
    const n = this.#size;
    this.#slots = new Array<string | undefined>(this.#capacity);
    this.#head = 0;
    this.#size = 0;
    return n;
  }
}
