type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/**
 * Runs `start` on each input with at most `maxInFlight` running at once and yields their results in
 * input order. Reading stops while the window is full (back-pressure reaches the sender) and while a
 * result waits to be consumed.
 *
 * `start` refuses an input by throwing synchronously: nothing more is read, the results of earlier inputs
 * are still yielded, then the refusal is thrown. A rejected result is thrown once its turn comes; inputs
 * already started behind it keep running but their results are dropped.
 */
export async function* orderedWindow<I, O>(
  inputs: AsyncIterable<I>,
  start: (input: I) => Promise<O>,
  maxInFlight: number,
): AsyncGenerator<O, void, undefined> {
  const iterator = inputs[Symbol.asyncIterator]();
  const window: Promise<Settled<O>>[] = [];
  let reading: Promise<Settled<IteratorResult<I>>> | undefined;
  let inputEnded = false;
  for (;;) {
    if (!inputEnded && reading === undefined && window.length < maxInFlight) {
      reading = settle(iterator.next());
    }
    const head = window[0];
    if (head === undefined && reading === undefined) return;
    const next = await Promise.race([
      ...(head === undefined ? [] : [head.then((result) => ({ kind: 'result' as const, result }))]),
      ...(reading === undefined ? [] : [reading.then((input) => ({ kind: 'input' as const, input }))]),
    ]);
    if (next.kind === 'result') {
      // The head has settled (its result is in hand); dropping it leaves nothing pending.
      void window.shift();
      if (!next.result.ok) throw next.result.error;
      yield next.result.value;
      continue;
    }
    reading = undefined;
    if (!next.input.ok) throw next.input.error;
    if (next.input.value.done === true) {
      inputEnded = true;
      continue;
    }
    try {
      window.push(settle(start(next.input.value.value)));
    } catch (error) {
      window.push(Promise.resolve({ ok: false, error }));
      inputEnded = true;
    }
  }
}
