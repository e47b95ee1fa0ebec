import { RawBatch } from '@loglens/proto';
import type { JsMsg } from 'nats';
import { rawBatchId } from '../parse/parse-batch.js';
import type { RawOrigin } from '../publish/stage-publisher.js';

/** A raw message taken from the stream, with what answering it needs. */
export interface Delivery {
  readonly msg: JsMsg;
  readonly origin: RawOrigin;
}

/** A delivery whose payload decoded into a usable batch. */
export interface DecodedDelivery extends Delivery {
  readonly batch: RawBatch;
  /** The raw batch id (`<tenant>:<source>:<stream>:<sequence>`). */
  readonly id: string;
}

/** A delivery that can never be processed, and why. */
export interface PoisonDelivery extends Delivery {
  readonly error: string;
}

// Tenant ids are the uuid primary keys of `tenants`; any other value cannot be stored.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the loop knows of a message before decoding it. */
export function deliveryOf(msg: JsMsg): Delivery {
  return {
    msg,
    origin: {
      subject: msg.subject,
      ...(msg.headers ? { headers: msg.headers } : {}),
      streamSequence: msg.info.streamSequence,
      deliveries: msg.info.deliveryCount,
    },
  };
}

/** Decodes one delivery; a payload that is not a valid RawBatch is poison (it fails the same way every time). */
export function decodeDelivery(delivery: Delivery): DecodedDelivery | PoisonDelivery {
  let batch: RawBatch;
  try {
    batch = RawBatch.decode(delivery.msg.data);
  } catch (error) {
    return { ...delivery, error: `undecodable RawBatch: ${(error as Error).message}` };
  }
  if (!UUID.test(batch.tenantId)) {
    return {
      ...delivery,
      error: `invalid RawBatch: tenant_id ${JSON.stringify(batch.tenantId)} is not a uuid`,
    };
  }
  if (batch.source === '') return { ...delivery, error: 'invalid RawBatch: source is empty' };
  return { ...delivery, batch, id: rawBatchId(batch) };
}

/** Tells poison deliveries from decoded ones. */
export function isPoison(d: DecodedDelivery | PoisonDelivery): d is PoisonDelivery {
  return 'error' in d;
}

/** Tells decoded deliveries from poison ones. */
export function isDecoded(d: DecodedDelivery | PoisonDelivery): d is DecodedDelivery {
  return !('error' in d);
}
