import {
  headersFromContext,
  partitionOf,
  rawSubject,
  SCHEMA_VERSION_HEADER,
  TENANT_HEADER,
  UnavailableError,
} from '@loglens/platform';
import type { JetStreamClient, NatsConnection } from 'nats';
import { PUBLISH_RETRY_AFTER_MS, toPublishError } from './publish-error.js';
import { RAW_BATCH_SCHEMA_VERSION } from './raw-batch.js';

/** One encoded batch to put on LOGS_RAW. */
export interface RawBatchMessage {
  readonly tenantId: string;
  readonly source: string;
  /** The dedup id, see `rawBatchMessageId`. */
  readonly messageId: string;
  readonly payload: Uint8Array;
}

/** Puts raw batches on the message stream; what the ingest handlers consume. */
export interface RawBatchPublisher {
  /**
   * Resolves once JetStream stored the batch (`duplicate` when it had been stored before); rejects with a
   * domain error otherwise, so a client is never acked for a batch that is not durable.
   */
  publish(message: RawBatchMessage): Promise<{ readonly duplicate: boolean }>;
  /** The largest payload the message server accepts, when known. */
  maxPayloadBytes(): number | undefined;
}

/** Options of {@link createJetStreamPublisher}. */
export interface JetStreamPublisherOptions {
  /** The current NATS connection (owned by someone else, who reconnects it). */
  readonly connection: () => NatsConnection;
  /** Topology prefix of the subjects. */
  readonly prefix: string;
  readonly partitions: number;
  /** How long to wait for the PubAck. */
  readonly timeoutMs: number;
}

function unavailable(cause: unknown): UnavailableError {
  return new UnavailableError('the message stream is unavailable; retry later', {
    cause,
    retryAfterMs: PUBLISH_RETRY_AFTER_MS,
  });
}

// The connection getter throws while NATS has not connected yet: to a client that is a dependency down.
function connectionOrThrow(connection: () => NatsConnection): NatsConnection {
  try {
    return connection();
  } catch (error) {
    throw unavailable(error);
  }
}

/** A {@link RawBatchPublisher} over JetStream: subject `logs.raw.<tenant>.<partition>`, `Nats-Msg-Id` dedup. */
export function createJetStreamPublisher(options: JetStreamPublisherOptions): RawBatchPublisher {
  let client: { readonly nc: NatsConnection; readonly js: JetStreamClient } | undefined;
  const jetstream = (): JetStreamClient => {
    const nc = connectionOrThrow(options.connection);
    // A closed connection never comes back; fail now rather than after the publish timeout.
    if (nc.isClosed()) throw unavailable(undefined);
    if (client?.nc !== nc) client = { nc, js: nc.jetstream() };
    return client.js;
  };
  return {
    async publish(message) {
      const subject = rawSubject(
        message.tenantId,
        partitionOf(message.tenantId, message.source, options.partitions),
        options.prefix,
      );
      const headers = headersFromContext();
      headers.set(TENANT_HEADER, message.tenantId);
      headers.set(SCHEMA_VERSION_HEADER, RAW_BATCH_SCHEMA_VERSION);
      try {
        const js = jetstream();
        const ack = await js.publish(subject, message.payload, {
          msgID: message.messageId,
          headers,
          timeout: options.timeoutMs,
        });
        return { duplicate: ack.duplicate };
      } catch (error) {
        throw toPublishError(error);
      }
    },
    maxPayloadBytes() {
      try {
        return options.connection().info?.max_payload;
      } catch {
        return undefined;
      }
    },
  };
}
