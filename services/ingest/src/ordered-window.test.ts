import { describe, expect, it } from 'vitest';
import { orderedWindow } from './ordered-window.js';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function* from<T>(items: readonly T[], read: T[] = []): AsyncGenerator<T> {
  for (const item of items) {
    read.push(item);
    yield await Promise.resolve(item);
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<{ values: T[]; error?: unknown }> {
  const values: T[] = [];
  try {
    for await (const value of iterable) values.push(value);
    return { values };
  } catch (error) {
    return { values, error };
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('orderedWindow', () => {
  it('yields results in input order whatever order they complete in', async () => {
    const pending = [1, 2, 3].map(() => deferred<string>());
    const result = collect(orderedWindow(from([0, 1, 2]), (i) => pending[i]!.promise, 8));
    await tick();
    pending[2]!.resolve('c');
    pending[0]!.resolve('a');
    pending[1]!.resolve('b');
    expect(await result).toEqual({ values: ['a', 'b', 'c'] });
  });

  it('stops reading while the window is full', async () => {
    const read: number[] = [];
    const pending = [0, 1, 2, 3].map(() => deferred<number>());
    const result = collect(orderedWindow(from([0, 1, 2, 3], read), (i) => pending[i]!.promise, 2));
    await tick();
    expect(read).toEqual([0, 1]);
    pending[0]!.resolve(0);
    await tick();
    expect(read).toEqual([0, 1, 2]);
    for (const p of pending.slice(1)) p.resolve(1);
    expect((await result).values).toHaveLength(4);
  });

  it('on a refusal, stops reading, yields what came before, then throws it', async () => {
    const read: number[] = [];
    const refusal = new Error('refused');
    const started: number[] = [];
    const result = await collect(
      orderedWindow(
        from([0, 1, 2, 3], read),
        (i) => {
          if (i === 2) throw refusal;
          started.push(i);
          return Promise.resolve(i * 10);
        },
        8,
      ),
    );
    expect(result).toEqual({ values: [0, 10], error: refusal });
    expect(started).toEqual([0, 1]);
    expect(read).not.toContain(3);
  });

  it('throws a failed result in its turn', async () => {
    const failure = new Error('publish failed');
    const result = await collect(
      orderedWindow(from([0, 1, 2]), (i) => (i === 1 ? Promise.reject(failure) : Promise.resolve(i)), 8),
    );
    expect(result).toEqual({ values: [0], error: failure });
  });

  it('ends when the input ends and every result is out', async () => {
    expect(await collect(orderedWindow(from<number>([]), (i) => Promise.resolve(i), 1))).toEqual({
      values: [],
    });
  });
});
