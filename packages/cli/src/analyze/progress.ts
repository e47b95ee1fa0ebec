/** Where progress goes: a terminal that can redraw one line. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** Draws `lines read, MB/s, % of file` on one redrawn line of stderr, at most every 200 ms. */
export class ProgressLine {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly totalBytes: number | undefined,
    private readonly startedAt = Date.now(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Redraws the line if enough time has passed since the last draw. */
  update(lines: number, bytes: number): void {
    if (!this.sink.isTTY) return;
    const t = this.now();
    if (t - this.lastDraw < 200) return;
    this.lastDraw = t;
    const seconds = Math.max((t - this.startedAt) / 1000, 1e-3);
    const pct = this.totalBytes ? ` ${((100 * bytes) / this.totalBytes).toFixed(1)}%` : '';
    const rate = Math.round(lines / seconds).toLocaleString('en-US');
    this.sink.write(`\r\x1b[K${lines.toLocaleString('en-US')} lines, ${rate} lines/s${pct}`);
    this.drawn = true;
  }

  /** Clears the line so the report starts on a clean terminal. */
  done(): void {
    if (this.drawn) this.sink.write('\r\x1b[K');
  }
}
