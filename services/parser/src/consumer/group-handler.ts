import { backoffDelayMs, type InfluxWriter, type Logger } from '@loglens/platform';
import type { JsMsg } from 'nats';
import type { ParserMetrics } from '../metrics.js';
import type { EventTimePolicy } from '../parse/event-time.js';
import { parseRawBatch, type ParsedRawBatch } from '../parse/parse-batch.js';
import type { SourcePipelines } from '../parse/source-pipelines.js';
import type { StagePublisher } from '../publish/stage-publisher.js';
import type { EventStore } from '../store/postgres-event-store.js';
import type { VolumeBuckets } from '../store/volume-buckets.js';
import {
  decodeDelivery,
  deliveryOf,
  isDecoded,
  isPoison,
  type Delivery,
  type PoisonDelivery,
} from './delivery.js';
import { OPEN_GATE, type PartitionGate } from './partition-gate.js';
import { retryTransient, StoppingError } from './retry-transient.js';

/** A delivery parsed into events. */
interface ParsedDelivery extends Delivery {
  readonly parsed: ParsedRawBatch;
}

/** A fetched group after its sequential part: parsed, not yet durable. */
export interface ParsedGroup {
  readonly parsed: readonly ParsedDelivery[];
  /** Deliveries that can never succeed: dead-lettered at once. */
  readonly poison: readonly PoisonDelivery[];
  /** Deliveries that failed to parse: retried until they have failed `maxFailures` times. */
  readonly failed: readonly PoisonDelivery[];
  /** The messages admitted by the partition gate, released once answered. */
  readonly admitted: readonly JsMsg[];
  /** Stops the heartbeat that keeps the group's messages from being redelivered while in work. */
  readonly stopHeartbeat: () => void;
}

/** Tells JetStream every {@link HEARTBEAT_MS} that these messages are still in work; returns the stop. */
function keepAlive(messages: readonly JsMsg[]): () => void {
  const timer = setInterval(() => {
    for (const m of messages) m.working();
  }, HEARTBEAT_MS);
  return () => clearInterval(timer);
}

/** What the handler works with. */
export interface GroupHandlerDeps {
  readonly pipelines: SourcePipelines;
  readonly store: EventStore;
  readonly publisher: StagePublisher;
  readonly influx: InfluxWriter | undefined;
  readonly buckets: VolumeBuckets;
  readonly metrics: ParserMetrics;
  readonly logger: Logger;
  readonly timePolicy: EventTimePolicy;
  /** Deliveries of a deterministically failing batch before it is dead-lettered. */
  readonly maxFailures: number;
  readonly maxRetryDelayMs: number;
  /** Aborted when the parser stops. */
  readonly signal: AbortSignal;
  /** Which partitions this replica may work on; every one by default. */
  readonly gate?: PartitionGate;
}

/** How often messages in work tell JetStream they are not abandoned (the consumer's ack wait is 30 s). */
export const HEARTBEAT_MS = 10_000;
const RETRY_BASE_MS = 500;
/** Redelivery delay of a message whose answer (publish or dead letter) failed. */
const ANSWER_RETRY_MS = 2_000;

/**
 * Handles groups of raw messages in two parts: `parse` (sequential, in fetch order, so miners learn in
 * stream order) and `complete` (several groups at once): one durable write, then the answers. No message is
 * acknowledged before its batch is committed.
 */
export function createGroupHandler(deps: GroupHandlerDeps) {
  const log = deps.logger;
  const gate = deps.gate ?? OPEN_GATE;
  const retry = <T>(what: string, work: () => Promise<T>) =>
    retryTransient(work, {
      baseDelayMs: RETRY_BASE_MS,
      maxDelayMs: deps.maxRetryDelayMs,
      signal: deps.signal,
      onRetry: (err, attempt, delayMs) => {
        deps.metrics.writeRetries.add(1);
        log.warn({ err, attempt, delayMs }, `${what} failed; PostgreSQL unavailable? retrying`);
      },
    });

  async function deadLetter(d: PoisonDelivery): Promise<void> {
    try {
      await deps.publisher.deadLetter(d.msg.data, d.origin, d.error);
      d.msg.term(d.error.slice(0, 200));
      deps.metrics.deadLettered.add(1);
      deps.metrics.batches.add(1, { outcome: 'dead_lettered' });
      log.warn(
        { subject: d.origin.subject, seq: d.origin.streamSequence, error: d.error },
        'batch dead-lettered',
      );
    } catch (err) {
      log.error(
        { err, seq: d.origin.streamSequence },
        'dead-letter publish failed; message left for redelivery',
      );
      d.msg.nak(ANSWER_RETRY_MS);
    }
  }

  /** A batch that failed the same way again: dead-lettered on its last allowed delivery, else retried later. */
  async function failOnce(d: Delivery, error: string): Promise<void> {
    if (d.origin.deliveries >= deps.maxFailures) return deadLetter({ ...d, error });
    const delay = backoffDelayMs(d.origin.deliveries, { baseMs: 1_000, maxMs: deps.maxRetryDelayMs });
    log.warn(
      { seq: d.origin.streamSequence, deliveries: d.origin.deliveries, error },
      'batch failed; retrying later',
    );
    d.msg.nak(delay);
  }

  // Groups are written concurrently but answered in fetch order, so a source's parsed batches reach
  // LOGS_PARSED in stream order: each group's answers wait for the group before it to be completed.
  let previousCompleted: Promise<void> = Promise.resolve();
  // Settles once every group fetched so far is written. A group whose events generalise a template waits for
  // it before writing: moving the old template's count and rollup rows must come after the lines of the old
  // template that earlier groups store, or a concurrent transaction could add them to the superseded row.
  let earlierWritten: Promise<void> = Promise.resolve();

  async function answer(
    group: readonly ParsedDelivery[],
    stored: ReadonlySet<string>,
    turn: Promise<void>,
  ): Promise<void> {
    await turn;
    const fresh = group.filter((d) => stored.has(d.parsed.id));
    deps.buckets.add(fresh.flatMap((d) => d.parsed.events));
    deps.influx?.write(deps.buckets.drain());
    deps.metrics.eventsStored.add(fresh.reduce((n, d) => n + d.parsed.events.length, 0));
    deps.metrics.batches.add(fresh.length, { outcome: 'stored' });
    deps.metrics.batches.add(group.length - fresh.length, { outcome: 'duplicate' });
    // ParsedBatch first, ack second: a crash in between re-publishes (deduplicated by message id), never loses.
    await Promise.all(
      group.map(async (d) => {
        try {
          await deps.publisher.publishParsed(d.parsed, d.origin);
          d.msg.ack();
        } catch (err) {
          log.warn({ err, id: d.parsed.id }, 'ParsedBatch publish failed; raw batch left for redelivery');
          d.msg.nak(ANSWER_RETRY_MS);
        }
      }),
    );
  }

  async function write(deliveries: readonly ParsedDelivery[], turn: Promise<void>): Promise<void> {
    // A partition revoked since the parse belongs to another replica now: leave its batches to it.
    const group = deliveries.filter((d) => gate.mayCommit(d.msg));
    for (const d of deliveries) if (!gate.mayCommit(d.msg)) d.msg.nak();
    if (group.length === 0) return;
    let stored: ReadonlySet<string>;
    try {
      stored = await retry('write', async () => {
        const started = performance.now();
        const ids = await deps.store.write(group.map((d) => d.parsed));
        const seconds = (performance.now() - started) / 1000;
        deps.metrics.writeSeconds.record(seconds);
        log.debug({ batches: group.length, stored: ids.size, seconds }, 'group written');
        return ids;
      });
    } catch (error) {
      if (error instanceof StoppingError) {
        for (const d of group) d.msg.nak();
        return;
      }
      // Deterministic: find the batch at fault by writing each alone.
      if (group.length > 1) {
        for (const d of group) await write([d], turn);
        return;
      }
      const [only] = group;
      if (only) await failOnce(only, `write failed: ${(error as Error).message}`);
      return;
    }
    await answer(group, stored, turn);
  }

  return {
    /** Decodes, prepares the pipelines of, and parses a fetched group. */
    async parse(fetched: readonly JsMsg[]): Promise<ParsedGroup> {
      // Nak'ed without delay: redeliveries come first, so the next owner still learns in stream order.
      const { admitted: messages, refused } = gate.admit(fetched);
      for (const m of refused) m.nak();
      const stopHeartbeat = keepAlive(messages);
      const decoded = messages.map((m) => decodeDelivery(deliveryOf(m)));
      const poison = decoded.filter(isPoison);
      const good = decoded.filter(isDecoded);
      try {
        await retry('miner snapshot load', () =>
          deps.pipelines.prepare(good.map((d) => [d.batch.tenantId, d.batch.source] as const)),
        );
      } catch (error) {
        stopHeartbeat();
        if (error instanceof StoppingError) for (const m of messages) m.nak();
        gate.release(messages);
        throw error;
      }
      const parsed: ParsedDelivery[] = [];
      const failed: PoisonDelivery[] = [];
      const now = Date.now();
      for (const d of good) {
        // Revoked while the snapshots loaded: its pipeline may be evicted already, and it is not ours to parse.
        if (!gate.mayCommit(d.msg)) {
          d.msg.nak();
          continue;
        }
        try {
          const source = deps.pipelines.get(d.batch.tenantId, d.batch.source);
          parsed.push({ ...d, parsed: parseRawBatch(d.batch, d.id, source, deps.timePolicy, now) });
          deps.metrics.linesParsed.add(d.batch.lines.length);
        } catch (error) {
          failed.push({ ...d, error: `parse failed: ${(error as Error).message}` });
        }
      }
      log.debug({ messages: messages.length, parsed: parsed.length }, 'group parsed');
      return { parsed, poison, failed, admitted: messages, stopHeartbeat };
    },

    /** Makes a parsed group durable and answers every message of it. */
    async complete(group: ParsedGroup): Promise<void> {
      // Called in fetch order: take this group's place in the answer order before anything awaits.
      const turn = previousCompleted;
      let completed: () => void = () => undefined;
      previousCompleted = new Promise((resolve) => (completed = resolve));
      const before = earlierWritten;
      let written: () => void = () => undefined;
      const thisWritten = new Promise<void>((resolve) => (written = resolve));
      earlierWritten = Promise.all([before, thisWritten]).then(() => undefined);
      try {
        if (generalises(group)) await before;
        await Promise.all([
          ...group.poison.map(deadLetter),
          ...group.failed.map((d) => failOnce(d, d.error)),
          write(group.parsed, turn),
        ]);
      } finally {
        written();
        group.stopHeartbeat();
        gate.release(group.admitted);
        // The next group may answer only after this one, but never waits on a previous group for ever.
        void turn.then(completed, completed);
      }
    },
  };
}

/** Whether a group's events record a template the miner generalised into another. */
function generalises(group: ParsedGroup): boolean {
  return group.parsed.some((d) => d.parsed.generalisations.length > 0);
}

/** The handler {@link createGroupHandler} builds. */
export type GroupHandler = ReturnType<typeof createGroupHandler>;
