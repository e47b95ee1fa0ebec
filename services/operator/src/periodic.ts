/** A loop started by {@link runPeriodically}. */
export interface PeriodicRun {
  /** Settles when the first run has ended (at once when the first run waits an interval). */
  readonly first: Promise<void>;
  /** Ends the loop and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `work` again `intervalMs` after each run ended, so runs never overlap however long one takes; a failed
 * run goes to `onError` and the loop goes on. The first run starts at once, or after one interval.
 */
export function runPeriodically(
  work: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
  options: { readonly immediately: boolean },
): PeriodicRun {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (!running) return;
    timer = setTimeout(runOnce, intervalMs);
    timer.unref();
  };
  function runOnce(): void {
    current = work()
      .then(() => undefined, onError)
      .finally(schedule);
  }
  if (options.immediately) runOnce();
  else schedule();
  const first = current;
  return {
    first,
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
