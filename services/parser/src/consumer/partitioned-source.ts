import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, JsMsg, NatsConnection } from 'nats';
import type { RawMessageSource } from './raw-source.js';

/** A source whose pulls can be awaited per partition, for hand-overs. */
export interface PartitionedSource extends RawMessageSource {
  /**
   * Resolves once no pull of these partitions is in flight. Messages of partitions no longer owned when their
   * pull ends are nak'ed at once, so they go back to the consumer before the next owner reads it.
   */
  idle(partitions: readonly number[]): Promise<void>;
}

/** Options of {@link partitionedConsumerSource}. */
export interface PartitionedSourceOptions {
  readonly connection: () => NatsConnection;
  readonly stream: string;
  /** Durable consumer of one partition (`<prefix>parser-p<N>`, filtered to `<prefix>logs.raw.*.<N>`). */
  readonly consumerOf: (partition: number) => string;
  /** The partitions to read now (re-read at every fetch). */
  readonly owned: () => ReadonlySet<number>;
  /** Pause of a fetch while nothing is owned. @default 200 */
  readonly idleMs?: number;
  /**
   * Longest time between two pulls from every owned consumer. While some partitions are busy the others are
   * only asked for their count of new messages, which leaves out redeliveries; this bounds their wait.
   * @default 15000
   */
  readonly fullPollIntervalMs?: number;
}

/**
 * Splits `max` over partitions with `pending` messages waiting, smallest first, each getting at most what it
 * has, so a group fills from the busy partitions without waiting on idle ones.
 */
export function splitFetch(pending: ReadonlyMap<number, number>, max: number): Map<number, number> {
  const ready = [...pending].filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1]);
  const shares = new Map<number, number>();
  let left = max;
  ready.forEach(([partition, n], i) => {
    const share = Math.min(n, Math.ceil(left / (ready.length - i)));
    if (share <= 0) return;
    shares.set(partition, share);
    left -= share;
  });
  return shares;
}

/**
 * A {@link RawMessageSource} over one durable consumer per owned partition. Each fetch asks the owned
 * consumers how many new messages wait and pulls from those that have some, without waiting; when none has
 * (or every `fullPollIntervalMs`, for redeliveries), it pulls from every owned consumer at once, splitting
 * `max`, and waits up to `expiresMs` for messages to arrive.
 */
export function partitionedConsumerSource(options: PartitionedSourceOptions): PartitionedSource {
  const idleMs = options.idleMs ?? 200;
  const fullPollIntervalMs = options.fullPollIntervalMs ?? 15_000;
  let lastFullPoll = 0;
  let bound: { nc: NatsConnection; consumers: Map<number, Consumer> } | undefined;

  async function consumerOf(partition: number): Promise<Consumer> {
    const nc = options.connection();
    if (bound?.nc !== nc) bound = { nc, consumers: new Map() };
    let consumer = bound.consumers.get(partition);
    if (!consumer) {
      consumer = await nc.jetstream().consumers.get(options.stream, options.consumerOf(partition));
      bound.consumers.set(partition, consumer);
    }
    return consumer;
  }

  const pulling = new Map<number, Promise<unknown>>();

  async function pullOnce(partition: number, max: number, expiresMs: number): Promise<JsMsg[]> {
    const consumer = await consumerOf(partition);
    const messages: JsMsg[] = [];
    const iterator = await consumer.fetch({ max_messages: max, expires: Math.max(1000, expiresMs) });
    for await (const message of iterator) messages.push(message);
    if (options.owned().has(partition)) return messages;
    for (const m of messages) m.nak();
    return [];
  }

  function pull(partition: number, max: number, expiresMs: number): Promise<JsMsg[]> {
    const work = pullOnce(partition, max, expiresMs);
    const done = work
      .catch(() => undefined)
      .finally(() => {
        if (pulling.get(partition) === done) pulling.delete(partition);
      });
    pulling.set(partition, done);
    return work;
  }

  return {
    async idle(partitions) {
      await Promise.all(partitions.map((p) => pulling.get(p) ?? Promise.resolve()));
    },
    async fetch(max, expiresMs) {
      const partitions = [...options.owned()];
      if (partitions.length === 0) {
        await sleep(idleMs);
        return [];
      }
      const pending = new Map(
        await Promise.all(
          partitions.map(async (p) => [p, (await (await consumerOf(p)).info()).num_pending] as const),
        ),
      );
      let shares = splitFetch(pending, max);
      if (shares.size === 0 || Date.now() - lastFullPoll >= fullPollIntervalMs) {
        lastFullPoll = Date.now();
        const each = Math.max(1, Math.floor(max / partitions.length));
        shares = new Map(partitions.map((p) => [p, Math.max(each, shares.get(p) ?? 0)]));
      }
      const groups = await Promise.all([...shares].map(([p, n]) => pull(p, n, expiresMs)));
      return groups.flat();
    },
  };
}
