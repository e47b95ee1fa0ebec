/** Serialised form of a `CountHistogram`: [bucket, count] pairs. */
export type CountHistogramState = readonly (readonly [number, number])[];

/**
 * Counts of integer buckets with tail probabilities; the empirical distribution detectors calibrate their
 * statistics against, so a threshold comes from the learned data rather than from a constant.
 */
export class CountHistogram {
  private readonly counts = new Map<number, number>();
  private n = 0;

  /** Adds `weight` observations of `bucket`. */
  add(bucket: number, weight = 1): void {
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + weight);
    this.n += weight;
  }

  /** Observations so far. */
  get total(): number {
    return this.n;
  }

  /** Share of observations with bucket ≤ `bucket`. */
  lowerTail(bucket: number): number {
    if (this.n === 0) return 1;
    let m = 0;
    for (const [b, c] of this.counts) if (b <= bucket) m += c;
    return m / this.n;
  }

  /** Share of observations with bucket ≥ `bucket`. */
  upperTail(bucket: number): number {
    if (this.n === 0) return 1;
    let m = 0;
    for (const [b, c] of this.counts) if (b >= bucket) m += c;
    return m / this.n;
  }

  /** The median bucket (lower median), or undefined when empty. */
  median(): number | undefined {
    if (this.n === 0) return undefined;
    const sorted = [...this.counts].sort((a, b) => a[0] - b[0]);
    let m = 0;
    for (const [b, c] of sorted) {
      m += c;
      if (m >= this.n / 2) return b;
    }
    return sorted[sorted.length - 1]?.[0];
  }

  /** Plain JSON state. */
  toJSON(): CountHistogramState {
    return [...this.counts];
  }

  /** Rebuilds a histogram from `toJSON` output. */
  static fromJSON(state: CountHistogramState): CountHistogram {
    const h = new CountHistogram();
    for (const [b, c] of state) h.add(b, c);
    return h;
  }
}
