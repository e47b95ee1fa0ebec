import { natsUrl, uniquePrefix } from '@loglens/testing';
import { nanos, type JetStreamManager, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logging/index.js';
import {
  buildTopology,
  closeNats,
  connectNats,
  ensureTopology,
  type TopologyOptions,
} from '../src/nats/index.js';

const MIB = 2 ** 20;
// Small limits: JetStream reserves max_bytes against the shared server's storage.
const small: TopologyOptions['streams'] = {
  raw: { maxBytes: 8 * MIB },
  parsed: { maxBytes: 8 * MIB },
  anomalies: { maxBytes: 8 * MIB },
  notify: { maxBytes: 8 * MIB },
  dlq: { maxBytes: 8 * MIB },
};

describe('ensureTopology', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    nc = await connectNats({ servers: natsUrl(), name: 'topology-test', logger: silentLogger() });
    jsm = await nc.jetstreamManager();
  });
  afterAll(() => closeNats(nc));

  it('creates everything, then is a no-op, then applies a changed limit', async () => {
    const prefix = uniquePrefix();
    const topology = buildTopology({ prefix, partitions: 2, streams: small, kvMaxBytes: MIB });

    const first = await ensureTopology(jsm, topology);
    expect(first.changed).toBe(true);
    expect(first.actions.map((a) => `${a.kind} ${a.name} ${a.outcome}`)).toEqual([
      `stream ${prefix}LOGS_RAW created`,
      `stream ${prefix}LOGS_PARSED created`,
      `stream ${prefix}ANOMALIES created`,
      `stream ${prefix}NOTIFY created`,
      `stream ${prefix}DLQ created`,
      `consumer ${prefix}LOGS_RAW/${prefix}parser-p0 created`,
      `consumer ${prefix}LOGS_RAW/${prefix}parser-p1 created`,
      `consumer ${prefix}LOGS_PARSED/${prefix}ml created`,
      `consumer ${prefix}LOGS_PARSED/${prefix}alerting created`,
      `consumer ${prefix}ANOMALIES/${prefix}alerting created`,
      `consumer ${prefix}NOTIFY/${prefix}notifier created`,
      `kv ${prefix}loglens-config created`,
    ]);

    const raw = await jsm.streams.info(`${prefix}LOGS_RAW`);
    expect(raw.config).toMatchObject({
      subjects: [`${prefix}logs.raw.>`],
      storage: 'file',
      retention: 'interest',
      discard: 'new',
      max_bytes: 8 * MIB,
      max_age: nanos(86_400_000),
      duplicate_window: nanos(120_000),
    });
    expect((await jsm.streams.info(`${prefix}NOTIFY`)).config.retention).toBe('workqueue');
    const parser = await jsm.consumers.info(`${prefix}LOGS_RAW`, `${prefix}parser-p1`);
    expect(parser.config).toMatchObject({
      durable_name: `${prefix}parser-p1`,
      filter_subject: `${prefix}logs.raw.*.1`,
      ack_policy: 'explicit',
      max_deliver: 10,
    });
    expect(parser.config.backoff).toHaveLength(4);
    expect((await jsm.streams.info(`KV_${prefix}loglens-config`)).config.max_msgs_per_subject).toBe(5);

    const second = await ensureTopology(jsm, topology);
    expect(second.changed).toBe(false);
    expect(new Set(second.actions.map((a) => a.outcome))).toEqual(new Set(['unchanged']));

    const changed = buildTopology({
      prefix,
      partitions: 2,
      streams: { ...small, raw: { maxBytes: 4 * MIB, maxAgeMs: 3_600_000 } },
      consumers: { ml: { maxDeliver: 3, backoffMs: [] } },
      kvMaxBytes: MIB,
      kvHistory: 10,
    });
    const third = await ensureTopology(jsm, changed);
    expect(third.actions.filter((a) => a.outcome !== 'unchanged').map((a) => [a.name, a.outcome])).toEqual([
      [`${prefix}LOGS_RAW`, 'updated'],
      [`${prefix}LOGS_PARSED/${prefix}ml`, 'updated'],
      [`${prefix}loglens-config`, 'updated'],
    ]);
    expect(third.actions[0]?.changes).toEqual([
      `max_age: ${nanos(86_400_000)} → ${nanos(3_600_000)}`,
      `max_bytes: ${8 * MIB} → ${4 * MIB}`,
    ]);
    expect((await jsm.streams.info(`${prefix}LOGS_RAW`)).config).toMatchObject({
      max_bytes: 4 * MIB,
      max_age: nanos(3_600_000),
    });
    expect((await jsm.consumers.info(`${prefix}LOGS_PARSED`, `${prefix}ml`)).config.max_deliver).toBe(3);
    expect((await jsm.streams.info(`KV_${prefix}loglens-config`)).config.max_msgs_per_subject).toBe(10);
    expect((await ensureTopology(jsm, changed)).changed).toBe(false);
  });

  it('keeps two prefixed installations apart on one server', async () => {
    const [a, b] = [uniquePrefix(), uniquePrefix()];
    await ensureTopology(jsm, buildTopology({ prefix: a, streams: small, kvMaxBytes: MIB }));
    await ensureTopology(jsm, buildTopology({ prefix: b, streams: small, kvMaxBytes: MIB }));
    const js = nc.jetstream();
    await js.publish(`${a}logs.raw.acme.0`, new Uint8Array([1]));
    expect((await jsm.streams.info(`${a}LOGS_RAW`)).state.messages).toBe(1);
    expect((await jsm.streams.info(`${b}LOGS_RAW`)).state.messages).toBe(0);
  });

  it('lets several replicas provision at once', async () => {
    const topology = buildTopology({ prefix: uniquePrefix(), streams: small, kvMaxBytes: MIB });
    const reports = await Promise.all([ensureTopology(jsm, topology), ensureTopology(jsm, topology)]);
    // 5 streams, 16 parser partition consumers, 4 other consumers, 1 bucket.
    for (const report of reports) expect(report.actions).toHaveLength(26);
    expect((await ensureTopology(jsm, topology)).changed).toBe(false);
  });

  it('names the object when JetStream refuses a change', async () => {
    const topology = buildTopology({ prefix: uniquePrefix(), streams: small, kvMaxBytes: MIB });
    await ensureTopology(jsm, topology);
    const limitsNotify = {
      ...topology,
      streams: { ...topology.streams, notify: { ...topology.streams.notify, retention: 'limits' as const } },
    };
    await expect(ensureTopology(jsm, limitsNotify)).rejects.toThrow(
      new RegExp(`^stream ${topology.prefix}NOTIFY: cannot update: `),
    );
  });
});
