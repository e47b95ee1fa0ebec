import type { JsMsg } from 'nats';
import { rawSubjectTokens } from '../publish/stage-publisher.js';

/**
 * Which raw messages a replica may work on, by the partition in their subject, and which partitions still have
 * work in progress, so a partition is handed over only once its in-flight groups are committed and acked.
 */
export interface PartitionGate {
  /** Splits a fetched group into the messages that may be parsed now and the rest; marks the former busy. */
  admit(messages: readonly JsMsg[]): { admitted: JsMsg[]; refused: JsMsg[] };
  /** Whether a message admitted earlier may still be committed (its partition was not revoked meanwhile). */
  mayCommit(msg: JsMsg): boolean;
  /** The admitted messages are answered (acked, nak'ed or dead-lettered). */
  release(messages: readonly JsMsg[]): void;
}

/** Partition of a raw message; -1 when its subject has none (such a message is poison, any replica may answer). */
export function partitionOfMessage(msg: JsMsg): number {
  return rawSubjectTokens(msg.subject)?.partition ?? -1;
}

/** Lets every message through: a replica that reads every partition (no ownership). */
export const OPEN_GATE: PartitionGate = {
  admit: (messages) => ({ admitted: [...messages], refused: [] }),
  mayCommit: () => true,
  release: () => undefined,
};

/**
 * A {@link PartitionGate} over partition ownership: new work only for `owned()` partitions; commits for those
 * and for partitions being handed over (`draining`), whose in-flight groups must finish before release.
 */
export class OwnedPartitionsGate implements PartitionGate {
  readonly #busy = new Map<number, number>();
  readonly #waiters = new Set<() => void>();
  /** Partitions announced as lost whose hand-over is in progress: no new work, in-flight work may commit. */
  readonly draining = new Set<number>();

  constructor(private readonly owned: () => ReadonlySet<number>) {}

  admit(messages: readonly JsMsg[]): { admitted: JsMsg[]; refused: JsMsg[] } {
    const owned = this.owned();
    const admitted: JsMsg[] = [];
    const refused: JsMsg[] = [];
    for (const msg of messages) {
      const partition = partitionOfMessage(msg);
      if (partition !== -1 && !owned.has(partition)) {
        refused.push(msg);
        continue;
      }
      admitted.push(msg);
      this.#busy.set(partition, (this.#busy.get(partition) ?? 0) + 1);
    }
    return { admitted, refused };
  }

  mayCommit(msg: JsMsg): boolean {
    const partition = partitionOfMessage(msg);
    return partition === -1 || this.owned().has(partition) || this.draining.has(partition);
  }

  release(messages: readonly JsMsg[]): void {
    for (const msg of messages) {
      const partition = partitionOfMessage(msg);
      const left = (this.#busy.get(partition) ?? 0) - 1;
      if (left > 0) this.#busy.set(partition, left);
      else this.#busy.delete(partition);
    }
    for (const wake of this.#waiters) wake();
  }

  /** Resolves once no admitted message of these partitions is still unanswered. */
  async idle(partitions: readonly number[]): Promise<void> {
    while (partitions.some((p) => this.#busy.has(p))) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          resolve();
        };
        this.#waiters.add(wake);
      });
    }
  }
}
