import { describe, expect, it } from 'vitest';
import { runPeriodically } from './periodic.js';

describe('runPeriodically', () => {
  it('never overlaps runs, goes on after a failure, and stops after the run in progress', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const errors: unknown[] = [];
    const loop = runPeriodically(
      async () => {
        active++;
        most = Math.max(most, active);
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 15));
        active--;
        if (runs === 2) throw new Error('second run fails');
      },
      1,
      (error) => errors.push(error),
      { immediately: true },
    );
    await loop.first;
    expect(runs).toBe(1);
    while (runs < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    await loop.stop();
    const stoppedAt = runs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(stoppedAt);
    expect(active).toBe(0);
    expect(most).toBe(1);
    expect(errors).toEqual([new Error('second run fails')]);
  });

  it('waits one interval before the first run when asked to', async () => {
    let runs = 0;
    const loop = runPeriodically(
      () => Promise.resolve(void runs++),
      10_000,
      () => undefined,
      { immediately: false },
    );
    await loop.first;
    expect(runs).toBe(0);
    await loop.stop();
  });
});
