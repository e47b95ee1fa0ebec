import type { PartitionedConsumerRole, SharedConsumerRole, Topology } from '@loglens/platform';

/** A JetStream durable consumer by stream and name, or every consumer `<consumer><partition>` of the stream. */
export interface ConsumerAddress {
  readonly stream: string;
  readonly consumer: string;
  /** `consumer` is a name prefix: one consumer per partition (`parser-p0`, `parser-p1`, …), however many. */
  readonly partitioned?: boolean;
}

/** `STREAM/consumer`, or `STREAM/parser-p*` for a partitioned role. */
export function consumerLabel(address: ConsumerAddress): string {
  return `${address.stream}/${address.consumer}${address.partitioned ? '*' : ''}`;
}

/** The outcome of reading a consumer reference: addresses, or what is wrong with it. */
export type ConsumerRefResult =
  | { readonly ok: true; readonly addresses: readonly ConsumerAddress[] }
  | { readonly ok: false; readonly message: string };

function isSharedRole(topology: Topology, word: string): word is SharedConsumerRole {
  return Object.hasOwn(topology.consumers, word);
}

function isPartitionedRole(topology: Topology, word: string): word is PartitionedConsumerRole {
  return Object.hasOwn(topology.partitionedConsumers, word);
}

/**
 * Reads a comma-separated list of consumers whose backlogs add up: each item is a pipeline role of the
 * topology (`parser`, `ml`, `alerting`, `alertingAnomalies`, `notifier`, prefixed as installed) or an explicit
 * `STREAM/consumer`. `parser` stands for all its per-partition consumers (`parser-p<N>`), found on the server
 * at each read, so the operator need not know the partition count.
 */
export function parseConsumerRef(text: string, topology: Topology): ConsumerRefResult {
  const items = text
    .split(',')
    .map((i) => i.trim())
    .filter(Boolean);
  if (items.length === 0) return { ok: false, message: 'names no consumer' };
  const addresses: ConsumerAddress[] = [];
  for (const item of items) {
    const slash = item.indexOf('/');
    if (slash > 0 && slash < item.length - 1) {
      addresses.push({ stream: item.slice(0, slash), consumer: item.slice(slash + 1) });
    } else if (isSharedRole(topology, item)) {
      const spec = topology.consumers[item];
      addresses.push({ stream: spec.stream, consumer: spec.name });
    } else if (isPartitionedRole(topology, item)) {
      const spec = topology.partitionedConsumers[item];
      addresses.push({ stream: spec.stream, consumer: spec.namePrefix, partitioned: true });
    } else {
      const roles = [...Object.keys(topology.partitionedConsumers), ...Object.keys(topology.consumers)].join(
        ', ',
      );
      return { ok: false, message: `"${item}" is neither a consumer role (${roles}) nor STREAM/consumer` };
    }
  }
  return { ok: true, addresses };
}
