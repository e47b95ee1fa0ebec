import { natsUrl, uniquePrefix } from '@loglens/testing';
import { context, trace } from '@opentelemetry/api';
import type { Consumer, JetStreamClient, JsMsg, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logging/index.js';
import {
  TENANT_HEADER,
  buildTopology,
  closeNats,
  connectNats,
  contextFromHeaders,
  ensureTopology,
  headersFromContext,
  partitionOf,
  rawSubject,
  type Topology,
} from '../src/nats/index.js';
import { createTelemetry, traceIdOf, type Telemetry } from '../src/telemetry/index.js';

const MIB = 2 ** 20;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function nextOrNone(consumer: Consumer, expiresMs: number): Promise<JsMsg | null> {
  return consumer.next({ expires: expiresMs });
}

describe('publishing and consuming through the parser consumer', () => {
  let nc: NatsConnection;
  let js: JetStreamClient;
  let topology: Topology;
  let telemetry: Telemetry;

  beforeAll(async () => {
    telemetry = await createTelemetry({ serviceName: 'nats-test', metricsHost: '127.0.0.1', metricsPort: 0 });
    nc = await connectNats({ servers: natsUrl(), name: 'consume-test', logger: silentLogger() });
    const limits = { maxBytes: 8 * MIB };
    topology = buildTopology({
      prefix: uniquePrefix(),
      partitions: 4,
      streams: { raw: limits, parsed: limits, anomalies: limits, notify: limits, dlq: limits },
      kvMaxBytes: MIB,
      // A short ack wait and no backoff, so redelivery happens within the test.
      consumers: { parser: { ackWaitMs: 1_000, backoffMs: [], maxDeliver: 5 } },
    });
    await ensureTopology(await nc.jetstreamManager(), topology);
    js = nc.jetstream();
  });
  afterAll(async () => {
    await closeNats(nc);
    await telemetry.shutdown();
  });

  const partition = partitionOf('acme', 'checkout', 4);
  // The parser consumer of that partition only.
  const parser = (): Promise<Consumer> => {
    const spec = topology.partitionedConsumers.parser.byPartition[partition];
    if (!spec) throw new Error(`no parser consumer for partition ${partition}`);
    return js.consumers.get(spec.stream, spec.name);
  };
  const subject = (): string => rawSubject('acme', partition, topology.prefix);

  it('delivers a published batch once it is acked, and redelivers one that is not', async () => {
    await js.publish(subject(), encoder.encode('batch-1'));
    await js.publish(subject(), encoder.encode('batch-2'));
    const consumer = await parser();

    const first = await nextOrNone(consumer, 2_000);
    expect(first && decoder.decode(first.data)).toBe('batch-1');
    await first?.ackAck();

    const second = await nextOrNone(consumer, 2_000);
    expect(second && decoder.decode(second.data)).toBe('batch-2');
    expect(second?.info.redeliveryCount).toBe(1);
    // Not acked: after the 1 s ack wait it comes back, and only it.

    const again = await nextOrNone(consumer, 5_000);
    expect(again && decoder.decode(again.data)).toBe('batch-2');
    expect(again?.redelivered).toBe(true);
    await again?.ackAck();

    expect(await nextOrNone(consumer, 1_500)).toBeNull();
    const info = await consumer.info();
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  });

  it('stores a batch retried with the same message id once', async () => {
    const msgID = `batch-${topology.prefix}-42`;
    const a = await js.publish(subject(), encoder.encode('retried'), { msgID });
    const b = await js.publish(subject(), encoder.encode('retried'), { msgID });
    expect(a.duplicate).toBe(false);
    expect(b.duplicate).toBe(true);
    expect(b.seq).toBe(a.seq);

    const consumer = await parser();
    const msg = await nextOrNone(consumer, 2_000);
    expect(msg && decoder.decode(msg.data)).toBe('retried');
    msg?.ack();
    expect(await nextOrNone(consumer, 1_500)).toBeNull();
  });

  it('carries the trace context from publisher to consumer in headers', async () => {
    const span = telemetry.tracer.startSpan('ingest.publish');
    const h = headersFromContext(trace.setSpan(context.active(), span));
    h.set(TENANT_HEADER, 'acme');
    await js.publish(subject(), encoder.encode('traced'), { headers: h });
    span.end();

    const msg = await nextOrNone(await parser(), 2_000);
    expect(msg?.headers?.get('traceparent')).toMatch(/^00-/);
    expect(msg?.headers?.get(TENANT_HEADER)).toBe('acme');
    const ctx = contextFromHeaders(msg?.headers);
    expect(traceIdOf(ctx)).toBe(span.spanContext().traceId);
    msg?.ack();
    expect(traceIdOf(contextFromHeaders(undefined))).toBeUndefined();
  });
});
