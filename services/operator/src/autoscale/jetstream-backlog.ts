import type { ConsumerInfo, JetStreamManager } from 'nats';
import { consumerLabel, type ConsumerAddress } from './consumer-ref.js';

/** Reads how much work waits for a worker. */
export interface BacklogReader {
  /** Sum of `num_pending + num_ack_pending` over the consumers. */
  read(consumers: readonly ConsumerAddress[]): Promise<number>;
}

/** A {@link BacklogReader} over the JetStream API (`$JS.API.CONSUMER.INFO`). */
export function jetStreamBacklog(jsm: JetStreamManager): BacklogReader {
  // Pending: not yet delivered; ack-pending: delivered and still being worked on.
  const backlogOf = (info: ConsumerInfo): number => info.num_pending + info.num_ack_pending;
  /** Sums the consumers named `<prefix><digits>`; one listing of the stream's consumers. */
  const partitioned = async (stream: string, prefix: string): Promise<number> => {
    let sum = 0;
    let found = 0;
    for await (const info of jsm.consumers.list(stream)) {
      if (!info.name.startsWith(prefix) || !/^\d+$/.test(info.name.slice(prefix.length))) continue;
      sum += backlogOf(info);
      found++;
    }
    if (found === 0) throw new Error('no such consumer on the server');
    return sum;
  };
  const one = async (address: ConsumerAddress): Promise<number> => {
    try {
      if (address.partitioned) return await partitioned(address.stream, address.consumer);
      return backlogOf(await jsm.consumers.info(address.stream, address.consumer));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot read the backlog of consumer ${consumerLabel(address)}: ${reason}`, {
        cause: error,
      });
    }
  };
  return {
    async read(consumers) {
      const backlogs = await Promise.all(consumers.map(one));
      return backlogs.reduce((a, b) => a + b, 0);
    },
  };
}
