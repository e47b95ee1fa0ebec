import { dlqSubject, parsedSubject, SCHEMA_VERSION_HEADER, TENANT_HEADER } from '@loglens/platform';
import { headers as createHeaders, type JetStreamClient, type MsgHdrs, type NatsConnection } from 'nats';
import type { ParsedRawBatch } from '../parse/parse-batch.js';
import { encodeParsedBatch, PARSED_BATCH_SCHEMA_VERSION } from './parsed-batch.js';

/** Headers of a dead letter. */
export const DLQ_ERROR_HEADER = 'LogLens-Error';
export const DLQ_SUBJECT_HEADER = 'LogLens-Original-Subject';
export const DLQ_DELIVERIES_HEADER = 'LogLens-Deliveries';

const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;
const MAX_HEADER_CHARS = 1024;

/** A raw message being answered: where it came from and the headers to carry on. */
export interface RawOrigin {
  readonly subject: string;
  readonly headers?: MsgHdrs;
  /** Stream sequence of the raw message. */
  readonly streamSequence: number;
  readonly deliveries: number;
}

/** What the parser publishes downstream of a raw message. */
export interface StagePublisher {
  /** Publishes the ParsedBatch of a stored raw batch (message id = raw batch id); resolves on the PubAck. */
  publishParsed(batch: ParsedRawBatch, origin: RawOrigin): Promise<void>;
  /** Publishes the raw payload with its error to `dlq.parser.<tenant>`; resolves on the PubAck. */
  deadLetter(payload: Uint8Array, origin: RawOrigin, error: string): Promise<void>;
}

/** Partition and tenant tokens of `<prefix>logs.raw.<tenant>.<partition>`. */
export function rawSubjectTokens(subject: string): { tenant: string; partition: number } | undefined {
  const tokens = subject.split('.');
  const partition = Number(tokens.at(-1));
  const tenant = tokens.at(-2);
  if (tenant === undefined || tokens.length < 4 || !Number.isInteger(partition)) return undefined;
  return { tenant, partition };
}

// Header values are one line: control characters would end the header block.
function headerValue(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_HEADER_CHARS);
}

function carriedHeaders(origin: RawOrigin, tenant: string): MsgHdrs {
  const headers = createHeaders();
  headers.set(TENANT_HEADER, tenant);
  for (const name of TRACE_HEADERS) {
    const value = origin.headers?.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

/** A {@link StagePublisher} over JetStream; `timeoutMs` bounds each PubAck wait. */
export function createStagePublisher(options: {
  readonly connection: () => NatsConnection;
  readonly prefix: string;
  readonly timeoutMs: number;
}): StagePublisher {
  let client: { nc: NatsConnection; js: JetStreamClient } | undefined;
  const jetstream = (): JetStreamClient => {
    const nc = options.connection();
    if (client?.nc !== nc) client = { nc, js: nc.jetstream() };
    return client.js;
  };
  return {
    async publishParsed(batch, origin) {
      const partition = rawSubjectTokens(origin.subject)?.partition ?? 0;
      const headers = carriedHeaders(origin, batch.tenantId);
      headers.set(SCHEMA_VERSION_HEADER, PARSED_BATCH_SCHEMA_VERSION);
      await jetstream().publish(
        parsedSubject(batch.tenantId, partition, options.prefix),
        encodeParsedBatch(batch, Date.now()),
        { msgID: batch.id, headers, timeout: options.timeoutMs },
      );
    },
    async deadLetter(payload, origin, error) {
      const tenant = rawSubjectTokens(origin.subject)?.tenant ?? 'unknown';
      const headers = carriedHeaders(origin, tenant);
      headers.set(DLQ_ERROR_HEADER, headerValue(error));
      headers.set(DLQ_SUBJECT_HEADER, origin.subject);
      headers.set(DLQ_DELIVERIES_HEADER, String(origin.deliveries));
      const schema = origin.headers?.get(SCHEMA_VERSION_HEADER);
      if (schema) headers.set(SCHEMA_VERSION_HEADER, schema);
      await jetstream().publish(dlqSubject('parser', tenant, options.prefix), payload, {
        msgID: `parser:${origin.streamSequence}`,
        headers,
        timeout: options.timeoutMs,
      });
    },
  };
}
