import {
  byteSizeSetting,
  durationSetting,
  customSetting,
  integerSetting,
  urlListSetting,
  type ConfigOf,
} from '../config/index.js';
import { MAX_PARTITIONS } from './partition.js';
import { isPrefix } from './subject-token.js';
import { buildTopology, DEFAULT_PARTITIONS, type Topology } from './topology.js';

/** `LOGLENS_PARTITIONS`: partitions of the log subjects; every stage (ingest, parser, topology) reads this one. */
export const partitionsSetting = integerSetting('LOGLENS_PARTITIONS', {
  default: String(DEFAULT_PARTITIONS),
  min: 1,
  max: MAX_PARTITIONS,
  doc: 'Partitions P of the log subjects (partition = hash(tenant, source) mod P); the same for every stage.',
});

/** Environment settings of the NATS connection and topology; spread into a module's config spec. */
export const natsSettings = {
  /** NATS servers (a cluster is several URLs). */
  natsUrl: urlListSetting('LOGLENS_NATS_URL', ['nats', 'tls'], {
    default: 'nats://127.0.0.1:4222',
    doc: 'NATS server URL, or comma-separated URLs of a cluster.',
  }),
  /** Prefix of streams, subjects, consumers and bucket. */
  natsPrefix: customSetting(
    'LOGLENS_NATS_PREFIX',
    'up to 32 characters among A-Z a-z 0-9 _ -',
    isPrefixText,
    {
      default: '',
      doc: 'Prefix of every stream, subject, consumer and bucket, so one NATS can host several installations.',
    },
  ),
  /** Stream and bucket replicas. */
  natsReplicas: integerSetting('LOGLENS_NATS_REPLICAS', {
    default: '1',
    min: 1,
    max: 5,
    doc: 'Replicas of streams and of the config bucket (1 on one server, 3 on a cluster).',
  }),
  /** Duplicate window of LOGS_RAW. */
  rawDuplicateWindow: durationSetting('LOGLENS_RAW_DUPLICATE_WINDOW', {
    default: '2m',
    doc: 'Window in which a retried batch (same message id) is stored once in LOGS_RAW.',
  }),
  rawMaxAge: durationSetting('LOGLENS_RAW_MAX_AGE', {
    default: '1d',
    doc: 'How long a raw batch may wait for the parser in LOGS_RAW.',
  }),
  rawMaxBytes: byteSizeSetting('LOGLENS_RAW_MAX_BYTES', {
    default: '1GiB',
    doc: 'Size limit of the unparsed backlog in LOGS_RAW (ingest refuses beyond it).',
  }),
  parsedMaxAge: durationSetting('LOGLENS_PARSED_MAX_AGE', {
    default: '1d',
    doc: 'Retention age of LOGS_PARSED.',
  }),
  parsedMaxBytes: byteSizeSetting('LOGLENS_PARSED_MAX_BYTES', {
    default: '1GiB',
    doc: 'Size limit of LOGS_PARSED.',
  }),
  anomaliesMaxAge: durationSetting('LOGLENS_ANOMALIES_MAX_AGE', {
    default: '7d',
    doc: 'Retention age of ANOMALIES.',
  }),
  anomaliesMaxBytes: byteSizeSetting('LOGLENS_ANOMALIES_MAX_BYTES', {
    default: '256MiB',
    doc: 'Size limit of ANOMALIES.',
  }),
  notifyMaxAge: durationSetting('LOGLENS_NOTIFY_MAX_AGE', { default: '7d', doc: 'Retention age of NOTIFY.' }),
  notifyMaxBytes: byteSizeSetting('LOGLENS_NOTIFY_MAX_BYTES', {
    default: '64MiB',
    doc: 'Size limit of NOTIFY.',
  }),
  dlqMaxAge: durationSetting('LOGLENS_DLQ_MAX_AGE', { default: '7d', doc: 'Retention age of DLQ.' }),
  dlqMaxBytes: byteSizeSetting('LOGLENS_DLQ_MAX_BYTES', { default: '256MiB', doc: 'Size limit of DLQ.' }),
  /** Partitions of the log subjects; one parser consumer is provisioned per partition. */
  partitions: partitionsSetting,
  /** Revisions kept per config key. */
  configHistory: integerSetting('LOGLENS_CONFIG_HISTORY', {
    default: '5',
    min: 1,
    max: 64,
    doc: 'Revisions kept per key of the loglens-config bucket.',
  }),
};

/** The typed values of {@link natsSettings}. */
export type NatsSettings = ConfigOf<typeof natsSettings>;

/** Builds the topology from loaded {@link natsSettings}. */
export function topologyFromSettings(s: NatsSettings): Topology {
  return buildTopology({
    prefix: s.natsPrefix,
    replicas: s.natsReplicas,
    partitions: s.partitions,
    duplicateWindowMs: s.rawDuplicateWindow,
    kvHistory: s.configHistory,
    streams: {
      raw: { maxAgeMs: s.rawMaxAge, maxBytes: s.rawMaxBytes },
      parsed: { maxAgeMs: s.parsedMaxAge, maxBytes: s.parsedMaxBytes },
      anomalies: { maxAgeMs: s.anomaliesMaxAge, maxBytes: s.anomaliesMaxBytes },
      notify: { maxAgeMs: s.notifyMaxAge, maxBytes: s.notifyMaxBytes },
      dlq: { maxAgeMs: s.dlqMaxAge, maxBytes: s.dlqMaxBytes },
    },
  });
}

function isPrefixText(text: string): string | undefined {
  return isPrefix(text) ? text : undefined;
}
