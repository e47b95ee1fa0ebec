import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkQueue } from './work-queue.js';

const retry = { baseDelayMs: 100, maxDelayMs: 10_000, ratePerSecond: 100, burst: 100 };

/** A process function whose calls stay pending until the test settles them. */
function controlled() {
  const calls: { key: string; settle: (error?: Error) => void }[] = [];
  const process = (key: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ key, settle: (error) => (error ? reject(error) : resolve()) });
    });
  return { calls, process };
}

describe('WorkQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps one waiting entry per key', async () => {
    const { calls, process } = controlled();
    const queue = new WorkQueue({ concurrency: 1, retry, process });
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('a'); // a is running: it runs once more afterwards
    expect(calls.map((c) => c.key)).toEqual(['a']);
    calls[0]!.settle();
    await vi.advanceTimersByTimeAsync(0);
    calls[1]!.settle();
    await vi.advanceTimersByTimeAsync(0);
    calls[2]!.settle();
    await queue.whenIdle();
    expect(calls.map((c) => c.key)).toEqual(['a', 'b', 'a']);
  });

  it('never runs one key on two workers, while other keys run in parallel', async () => {
    const { calls, process } = controlled();
    const queue = new WorkQueue({ concurrency: 4, retry, process });
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    calls[0]!.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.key)).toEqual(['a', 'b', 'a']);
    calls[1]!.settle();
    calls[2]!.settle();
    await queue.whenIdle();
  });

  it('retries a failing key with growing delays, and resets after a success', async () => {
    const attempts: number[] = [];
    let failuresLeft = 3;
    const failures: number[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      retry,
      process: () => {
        attempts.push(Date.now());
        return failuresLeft-- > 0 ? Promise.reject(new Error('down')) : Promise.resolve();
      },
      onFailure: (_key, _error, count, delay) => failures.push(count * 1_000_000 + delay),
    });
    const start = Date.now();
    queue.add('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts.map((t) => t - start)).toEqual([0, 100, 300, 700]);
    expect(failures).toEqual([1_000_100, 2_000_200, 3_000_400]);
  });

  it('runs a key again after the delay its process asks for', async () => {
    const runs: number[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      retry,
      process: () => {
        runs.push(Date.now());
        return Promise.resolve(runs.length === 1 ? 5_000 : undefined);
      },
    });
    const start = Date.now();
    queue.add('a');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(runs.map((t) => t - start)).toEqual([0, 5_000]);
  });

  it('holds keys while paused and drops pending work on stop', async () => {
    const { calls, process } = controlled();
    const queue = new WorkQueue({ concurrency: 1, retry, process });
    queue.pause();
    queue.add('a');
    expect(calls).toHaveLength(0);
    queue.resume();
    expect(calls.map((c) => c.key)).toEqual(['a']);
    queue.add('b');
    queue.addAfter('c', 1_000);
    const stopped = queue.stop();
    calls[0]!.settle();
    await stopped;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls.map((c) => c.key)).toEqual(['a']);
  });
});
