import { MAX_PARTITIONS } from './partition.js';
import { assertPrefix } from './subject-token.js';

/** The five streams of the pipeline, by role. */
export type StreamRole = 'raw' | 'parsed' | 'anomalies' | 'notify' | 'dlq';

/** Roles with one durable consumer shared by every replica (alerting reads two streams, so it has two). */
export type SharedConsumerRole = 'ml' | 'alerting' | 'alertingAnomalies' | 'notifier';

/**
 * Roles with one durable consumer per partition of their stream (`<name>-p<N>`), so that a replica that owns a
 * partition is the only one reading it: the parser, whose template miners must see a source in order.
 */
export type PartitionedConsumerRole = 'parser';

/** The durable consumers of the pipeline, by role. */
export type ConsumerRole = SharedConsumerRole | PartitionedConsumerRole;

/** Retention limits of a stream. */
export interface StreamLimits {
  /** Messages older than this are removed. */
  readonly maxAgeMs: number;
  /** The oldest messages are removed beyond this size. */
  readonly maxBytes: number;
}

/** A stream as it must exist on the server. */
export interface StreamSpec extends StreamLimits {
  readonly name: string;
  readonly subjects: readonly string[];
  /**
   * `workqueue` removes a message once acknowledged (NOTIFY); `interest` once every consumer it matches acked
   * it (LOGS_RAW: the partition consumer of its subject); `limits` keeps it until the limits.
   */
  readonly retention: 'limits' | 'workqueue' | 'interest';
  /**
   * What happens when the stream is full: `old` drops the oldest messages, `new` refuses the publish. A stream
   * whose messages are work still to do (LOGS_RAW) refuses, so a full stream is back-pressure for ingest
   * (RESOURCE_EXHAUSTED) and never a silent loss.
   */
  readonly discard: 'old' | 'new';
  /** Window in which a repeated `Nats-Msg-Id` is stored once; only set where publishers retry. */
  readonly duplicateWindowMs?: number;
  readonly replicas: number;
}

/** Delivery policy of a durable pull consumer. */
export interface ConsumerPolicy {
  /** Time to acknowledge before redelivery (with a backoff, the server uses its first step instead). */
  readonly ackWaitMs: number;
  /** Deliveries before the server gives up on a message (the worker dead-letters it before that). */
  readonly maxDeliver: number;
  /** Successive redelivery delays after ack timeouts; empty means `ackWaitMs` every time. */
  readonly backoffMs: readonly number[];
  /** Unacknowledged messages in flight across all replicas of the worker. */
  readonly maxAckPending: number;
}

/** A durable pull consumer as it must exist on the server. */
export interface ConsumerSpec extends ConsumerPolicy {
  readonly stream: string;
  readonly name: string;
  readonly filterSubject: string;
}

/** The consumers of a partitioned role: `byPartition[p]` reads `<stream subject>.*.<p>` only. */
export interface PartitionedConsumers {
  readonly stream: string;
  /** Names are this plus the partition number (`<prefix>parser-p7`). */
  readonly namePrefix: string;
  readonly byPartition: readonly ConsumerSpec[];
}

/** The configuration bucket. */
export interface KvSpec {
  readonly bucket: string;
  /** Revisions kept per key. */
  readonly history: number;
  readonly maxBytes: number;
  readonly replicas: number;
}

/** Every stream, consumer and bucket of one installation, with names and subjects already prefixed. */
export interface Topology {
  readonly prefix: string;
  readonly streams: Readonly<Record<StreamRole, StreamSpec>>;
  /** Partitions P of the log subjects (`LOGLENS_PARTITIONS`). */
  readonly partitions: number;
  readonly consumers: Readonly<Record<SharedConsumerRole, ConsumerSpec>>;
  readonly partitionedConsumers: Readonly<Record<PartitionedConsumerRole, PartitionedConsumers>>;
  readonly kv: KvSpec;
}

/** Options of {@link buildTopology}; everything has a default. */
export interface TopologyOptions {
  /** Prepended to stream names, subjects, consumer names and the bucket. @default '' */
  readonly prefix?: string;
  /** Replicas of streams and bucket (1 on a single server, 3 on a cluster). @default 1 */
  readonly replicas?: number;
  /** Per-stream limits overriding {@link DEFAULT_STREAM_LIMITS}. */
  readonly streams?: Partial<Record<StreamRole, Partial<StreamLimits>>>;
  /** Partitions P of the log subjects; one consumer per partition for partitioned roles. @default 16 */
  readonly partitions?: number;
  /** Duplicate window of `LOGS_RAW`. @default 120000 (2 minutes) */
  readonly duplicateWindowMs?: number;
  /** Per-consumer policies overriding {@link DEFAULT_CONSUMER_POLICIES}. */
  readonly consumers?: Partial<Record<ConsumerRole, Partial<ConsumerPolicy>>>;
  /** Revisions kept per configuration key. @default 5 */
  readonly kvHistory?: number;
  /** Size limit of the configuration bucket. @default 64 MiB */
  readonly kvMaxBytes?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIB = 2 ** 20;
const GIB = 2 ** 30;

/**
 * Default limits per stream: raw batches wait at most a day for the parser (they leave once parsed), parsed
 * data is replayable for a day, the rest kept a week.
 */
export const DEFAULT_STREAM_LIMITS: Readonly<Record<StreamRole, StreamLimits>> = {
  raw: { maxAgeMs: DAY, maxBytes: GIB },
  parsed: { maxAgeMs: DAY, maxBytes: GIB },
  anomalies: { maxAgeMs: 7 * DAY, maxBytes: 256 * MIB },
  notify: { maxAgeMs: 7 * DAY, maxBytes: 64 * MIB },
  dlq: { maxAgeMs: 7 * DAY, maxBytes: 256 * MIB },
};

const PIPELINE_POLICY: ConsumerPolicy = {
  ackWaitMs: 30_000,
  maxDeliver: 10,
  // A batch that timed out is retried soon, then less and less often while a dependency recovers.
  backoffMs: [30_000, 60_000, 120_000, 300_000],
  maxAckPending: 1_000,
};

/** Default delivery policy per consumer. */
export const DEFAULT_CONSUMER_POLICIES: Readonly<Record<ConsumerRole, ConsumerPolicy>> = {
  parser: PIPELINE_POLICY,
  ml: PIPELINE_POLICY,
  alerting: PIPELINE_POLICY,
  alertingAnomalies: PIPELINE_POLICY,
  // Receivers (webhooks, SMTP) can be down for a while: more attempts, longer steps, few in flight.
  notifier: {
    ackWaitMs: 30_000,
    maxDeliver: 20,
    backoffMs: [30_000, 60_000, 300_000, 900_000],
    maxAckPending: 100,
  },
};

const STREAMS: Readonly<
  Record<
    StreamRole,
    { name: string; subject: string; retention: StreamSpec['retention']; discard: StreamSpec['discard'] }
  >
> = {
  raw: { name: 'LOGS_RAW', subject: 'logs.raw.>', retention: 'interest', discard: 'new' },
  parsed: { name: 'LOGS_PARSED', subject: 'logs.parsed.>', retention: 'limits', discard: 'old' },
  anomalies: { name: 'ANOMALIES', subject: 'anomalies.>', retention: 'limits', discard: 'old' },
  notify: { name: 'NOTIFY', subject: 'notify.>', retention: 'workqueue', discard: 'old' },
  dlq: { name: 'DLQ', subject: 'dlq.>', retention: 'limits', discard: 'old' },
};

/** Default partitions of the log subjects (`LOGLENS_PARTITIONS`). */
export const DEFAULT_PARTITIONS = 16;

const PARTITIONED_CONSUMERS: Readonly<
  Record<PartitionedConsumerRole, { namePrefix: string; stream: 'raw' | 'parsed' }>
> = {
  parser: { namePrefix: 'parser-p', stream: 'raw' },
};

const CONSUMERS: Readonly<Record<SharedConsumerRole, { name: string; stream: StreamRole }>> = {
  ml: { name: 'ml', stream: 'parsed' },
  alerting: { name: 'alerting', stream: 'parsed' },
  alertingAnomalies: { name: 'alerting', stream: 'anomalies' },
  notifier: { name: 'notifier', stream: 'notify' },
};

/** Base name of the configuration bucket. */
export const CONFIG_BUCKET = 'loglens-config';

function mapRecord<K extends string, A, B>(
  record: Readonly<Record<K, A>>,
  fn: (value: A, key: K) => B,
): Record<K, B> {
  const entries = Object.entries(record) as [K, A][];
  return Object.fromEntries(entries.map(([k, v]) => [k, fn(v, k)])) as Record<K, B>;
}

/** Builds the topology of ARCHITECTURE §3 (the single place it is declared), applying prefix and overrides. */
export function buildTopology(options: TopologyOptions = {}): Topology {
  const prefix = assertPrefix(options.prefix ?? '');
  const replicas = options.replicas ?? 1;
  const streams = mapRecord(STREAMS, (s, role): StreamSpec => ({
    name: `${prefix}${s.name}`,
    subjects: [`${prefix}${s.subject}`],
    retention: s.retention,
    discard: s.discard,
    ...DEFAULT_STREAM_LIMITS[role],
    ...options.streams?.[role],
    ...(role === 'raw' ? { duplicateWindowMs: options.duplicateWindowMs ?? 120_000 } : {}),
    replicas,
  }));
  const partitions = options.partitions ?? DEFAULT_PARTITIONS;
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new RangeError(`partitions must be an integer between 1 and ${MAX_PARTITIONS}, got ${partitions}`);
  }
  const policy = (role: ConsumerRole): ConsumerPolicy => ({
    ...DEFAULT_CONSUMER_POLICIES[role],
    ...options.consumers?.[role],
  });
  const consumers = mapRecord(CONSUMERS, (c, role): ConsumerSpec => {
    const stream = streams[c.stream];
    return {
      stream: stream.name,
      name: `${prefix}${c.name}`,
      filterSubject: stream.subjects[0] ?? '',
      ...policy(role),
    };
  });
  const partitionedConsumers = mapRecord(PARTITIONED_CONSUMERS, (c, role): PartitionedConsumers => {
    const stream = streams[c.stream];
    // `<prefix>logs.raw.>` → `<prefix>logs.raw.*.<p>`: every tenant, one partition.
    const base = (stream.subjects[0] ?? '').replace(/\.>$/, '');
    const namePrefix = `${prefix}${c.namePrefix}`;
    const byPartition = Array.from({ length: partitions }, (_, p): ConsumerSpec => ({
      stream: stream.name,
      name: `${namePrefix}${p}`,
      filterSubject: `${base}.*.${p}`,
      ...policy(role),
    }));
    return { stream: stream.name, namePrefix, byPartition };
  });
  return {
    prefix,
    streams,
    partitions,
    consumers,
    partitionedConsumers,
    kv: {
      bucket: `${prefix}${CONFIG_BUCKET}`,
      history: options.kvHistory ?? 5,
      maxBytes: options.kvMaxBytes ?? 64 * MIB,
      replicas,
    },
  };
}
