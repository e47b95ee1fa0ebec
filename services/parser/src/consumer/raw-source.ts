import type { JsMsg } from 'nats';

/**
 * Where the loop pulls raw messages from: the durable consumers of the partitions this replica owns
 * (`partitionedConsumerSource`), each filtered to `logs.raw.*.<partition>`.
 */
export interface RawMessageSource {
  /** Up to `max` messages, waiting at most `expiresMs` (at least 1000) for them; fewer or none on timeout. */
  fetch(max: number, expiresMs: number): Promise<JsMsg[]>;
}
