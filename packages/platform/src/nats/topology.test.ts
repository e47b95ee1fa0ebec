import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { natsSettings, topologyFromSettings } from './settings.js';
import { buildTopology } from './topology.js';

describe('buildTopology', () => {
  it('declares the streams of the architecture', () => {
    const t = buildTopology();
    expect(Object.values(t.streams).map((s) => [s.name, s.subjects[0], s.retention])).toEqual([
      ['LOGS_RAW', 'logs.raw.>', 'interest'],
      ['LOGS_PARSED', 'logs.parsed.>', 'limits'],
      ['ANOMALIES', 'anomalies.>', 'limits'],
      ['NOTIFY', 'notify.>', 'workqueue'],
      ['DLQ', 'dlq.>', 'limits'],
    ]);
    expect(t.streams.raw.duplicateWindowMs).toBe(120_000);
    expect(t.streams.parsed.duplicateWindowMs).toBeUndefined();
    expect(t.partitions).toBe(16);
    const parser = t.partitionedConsumers.parser;
    expect(parser.byPartition.map((c) => `${c.stream}/${c.name} ${c.filterSubject}`)).toEqual(
      Array.from({ length: 16 }, (_, p) => `LOGS_RAW/parser-p${p} logs.raw.*.${p}`),
    );
    expect(parser).toMatchObject({ stream: 'LOGS_RAW', namePrefix: 'parser-p' });
    expect(Object.values(t.consumers).map((c) => `${c.stream}/${c.name}`)).toEqual([
      'LOGS_PARSED/ml',
      'LOGS_PARSED/alerting',
      'ANOMALIES/alerting',
      'NOTIFY/notifier',
    ]);
    expect(t.kv.bucket).toBe('loglens-config');
  });

  it('applies the prefix everywhere and overrides only what is given', () => {
    const t = buildTopology({
      prefix: 't1_',
      partitions: 2,
      streams: { raw: { maxBytes: 1024 } },
      consumers: { parser: { ackWaitMs: 1_000, backoffMs: [] } },
    });
    expect(t.streams.raw).toMatchObject({
      name: 't1_LOGS_RAW',
      subjects: ['t1_logs.raw.>'],
      maxBytes: 1024,
      maxAgeMs: 86_400_000,
    });
    expect(t.partitionedConsumers.parser.byPartition).toHaveLength(2);
    expect(t.partitionedConsumers.parser.byPartition[1]).toMatchObject({
      name: 't1_parser-p1',
      stream: 't1_LOGS_RAW',
      filterSubject: 't1_logs.raw.*.1',
      ackWaitMs: 1_000,
      backoffMs: [],
      maxDeliver: 10,
    });
    expect(t.consumers.ml).toMatchObject({ name: 't1_ml', ackWaitMs: 30_000 });
    expect(t.kv.bucket).toBe('t1_loglens-config');
  });

  it('rejects a partition count outside 1..1024', () => {
    expect(() => buildTopology({ partitions: 0 })).toThrow(RangeError);
    expect(() => buildTopology({ partitions: 1025 })).toThrow(RangeError);
  });

  it('is built from default settings', () => {
    const t = topologyFromSettings(loadConfig(natsSettings, {}));
    expect(t).toEqual(buildTopology());
  });

  it('rejects a prefix that cannot prefix stream names, naming the variable', () => {
    expect(() => loadConfig(natsSettings, { LOGLENS_NATS_PREFIX: 'a.b' })).toThrow(
      /LOGLENS_NATS_PREFIX: expected up to 32/,
    );
  });

  it('is built from environment settings', () => {
    const t = topologyFromSettings(
      loadConfig(natsSettings, {
        LOGLENS_NATS_PREFIX: 'x_',
        LOGLENS_RAW_MAX_BYTES: '64MiB',
        LOGLENS_DLQ_MAX_AGE: '2d',
        LOGLENS_PARTITIONS: '4',
      }),
    );
    expect(t.partitionedConsumers.parser.byPartition).toHaveLength(4);
    expect(t.streams.raw.maxBytes).toBe(64 * 2 ** 20);
    expect(t.streams.dlq.maxAgeMs).toBe(2 * 86_400_000);
    expect(t.prefix).toBe('x_');
  });
});
