import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  addDays,
  buildTopology,
  ensureDayPartitions,
  partitionOf,
  toDay,
  type DatabaseHandle,
  type InfluxWriter,
  type Logger,
  type Module,
} from '@loglens/platform';
import type { Meter } from '@opentelemetry/api';
import type { NatsConnection } from 'nats';
import type { ParserConfig } from './config.js';
import { runConsumerLoop } from './consumer/consumer-loop.js';
import { createGroupHandler } from './consumer/group-handler.js';
import { OwnedPartitionsGate } from './consumer/partition-gate.js';
import { partitionedConsumerSource } from './consumer/partitioned-source.js';
import { createParserMetrics } from './metrics.js';
import { createPartitionOwnership, type PartitionOwnership } from './ownership/index.js';
import { SourcePipelines, type SourceFilter } from './parse/source-pipelines.js';
import { createHandover } from './partition-handover.js';
import { DEFAULT_SOURCE_SETTINGS } from './parse/source-settings.js';
import { createStagePublisher } from './publish/stage-publisher.js';
import {
  createArchiveTarget,
  createRetentionJob,
  kvSourceRetentions,
  type RetentionJob,
} from './retention/index.js';
import { createPostgresSnapshotStore } from './snapshots/miner-snapshot-store.js';
import { watchSourceConfigs, type SourceConfigs } from './source-config/source-config-watch.js';
import { createPostgresEventStore } from './store/postgres-event-store.js';
import { VolumeBuckets } from './store/volume-buckets.js';

/** What the parser module needs from the process that hosts it. */
export interface ParserModuleDeps {
  /** The shared NATS connection (topology already provisioned). */
  readonly connection: () => NatsConnection;
  /** Topology prefix (`LOGLENS_NATS_PREFIX`). */
  readonly natsPrefix: string;
  readonly database: DatabaseHandle;
  /** Where `log_volume` and `template_volume` points go; none are written without it. */
  readonly influx?: InfluxWriter;
  readonly logger: Logger;
  /** Meter of the parser's instruments; the global `loglens-parser` meter by default. */
  readonly meter?: Meter;
  /** Unique id of this replica among the parsers. @default `<hostname>-<6 random hex digits>` */
  readonly replicaId?: string;
  /** Heartbeat and timeout of partition ownership. @default 2000 and 10000 */
  readonly ownership?: { readonly heartbeatMs?: number; readonly timeoutMs?: number };
}

const PUBLISH_TIMEOUT_MS = 10_000;

const NOTHING_OWNED: ReadonlySet<number> = new Set();

/**
 * Builds the parser module: `start` loads the LogSource documents, makes sure the day partitions around today
 * exist, joins the parser replicas and claims its share of the partitions, and starts the consumer loop, the
 * miner snapshots and the retention job; `stop` hands every partition over (in-flight groups finish, miners
 * are saved), then stops the loop, the watch of the configuration and the retention job.
 */
export function createParserModule(config: ParserConfig, deps: ParserModuleDeps): Module {
  const log = deps.logger.child({ component: 'parser' });
  const topology = buildTopology({ prefix: deps.natsPrefix, partitions: config.partitions });
  const consumers = topology.partitionedConsumers.parser;
  const abort = new AbortController();
  const replicaId = deps.replicaId ?? `${hostname()}-${randomBytes(3).toString('hex')}`;
  let ownership: PartitionOwnership | undefined;
  const owned = (): ReadonlySet<number> => ownership?.owned() ?? NOTHING_OWNED;
  const gate = new OwnedPartitionsGate(owned);
  const source = partitionedConsumerSource({
    connection: deps.connection,
    stream: consumers.stream,
    consumerOf: (p) => `${consumers.namePrefix}${p}`,
    owned,
  });
  // Miners are saved only while their partition is ours (owned, or being handed over by us).
  const mine: SourceFilter = (tenantId, source) => {
    const p = partitionOf(tenantId, source, config.partitions);
    return gate.draining.has(p) || owned().has(p);
  };
  let configs: SourceConfigs | undefined;
  const pipelines = new SourcePipelines({
    snapshots: createPostgresSnapshotStore(deps.database),
    settingsOf: (source) => configs?.settingsOf(source) ?? DEFAULT_SOURCE_SETTINGS,
    logger: log,
  });
  const handler = createGroupHandler({
    pipelines,
    store: createPostgresEventStore(deps.database),
    publisher: createStagePublisher({
      connection: deps.connection,
      prefix: deps.natsPrefix,
      timeoutMs: PUBLISH_TIMEOUT_MS,
    }),
    influx: deps.influx,
    buckets: new VolumeBuckets(replicaId),
    metrics: createParserMetrics(deps.meter),
    logger: log,
    timePolicy: { maxAgeMs: config.parserMaxEventAge, maxSkewMs: config.parserMaxEventSkew },
    maxFailures: config.parserMaxFailures,
    maxRetryDelayMs: config.parserMaxRetryDelay,
    signal: abort.signal,
    gate,
  });
  let loop: Promise<void> | undefined;
  let snapshotTimer: NodeJS.Timeout | undefined;
  let snapshotting: Promise<unknown> = Promise.resolve();
  let retention: RetentionJob | undefined;

  /** Saves the changed miners `which` accepts among ours, one save at a time. */
  const saveMiners = (which: SourceFilter): Promise<void> => {
    const run = snapshotting.then(async () => {
      const saved = await pipelines.snapshot((t, s) => mine(t, s) && which(t, s));
      if (saved > 0) log.debug({ saved }, 'miner snapshots saved');
    });
    snapshotting = run.catch(() => undefined);
    return run;
  };
  const snapshot = (): Promise<void> =>
    saveMiners(() => true).catch((err: unknown) =>
      log.warn({ err }, 'miner snapshot failed; retried at the next interval'),
    );

  return {
    async start() {
      configs = await watchSourceConfigs({
        connection: deps.connection(),
        bucket: topology.kv.bucket,
        logger: log,
        onChange: (source) => {
          const rebuilt = pipelines.reconfigure(source);
          if (rebuilt > 0) log.info({ source, pipelines: rebuilt }, 'source pipelines rebuilt');
        },
      });
      const today = toDay(new Date());
      await ensureDayPartitions(deps.database.db, addDays(today, -1), 3);
      ownership = createPartitionOwnership({
        connection: deps.connection(),
        prefix: deps.natsPrefix,
        replicaId,
        partitions: config.partitions,
        ...deps.ownership,
        logger: log,
        onChange: createHandover({
          gate,
          source,
          pipelines,
          saveMiners,
          partitions: config.partitions,
          logger: log,
        }),
      });
      await ownership.start();
      loop = runConsumerLoop({
        source,
        handler,
        fetchBatch: config.parserFetchBatch,
        maxInFlight: config.parserMaxInFlight,
        flushIntervalMs: config.parserFlushInterval,
        logger: log,
        signal: abort.signal,
      });
      snapshotTimer = setInterval(() => void snapshot(), config.parserSnapshotInterval);
      retention = createRetentionJob({
        database: deps.database,
        target: createArchiveTarget(config),
        sourceRetentions: kvSourceRetentions({
          connection: deps.connection(),
          bucket: topology.kv.bucket,
          logger: log,
        }),
        defaultRetentionMs: config.retentionDefault,
        intervalMs: config.retentionInterval,
        deleteBatchSize: config.retentionDeleteBatch,
        logger: log,
      });
      retention.start();
      log.info(
        {
          replicaId,
          partitions: config.partitions,
          consumers: `${consumers.namePrefix}*`,
          fetchBatch: config.parserFetchBatch,
          maxInFlight: config.parserMaxInFlight,
        },
        'parser consuming raw batches',
      );
    },
    async stop() {
      // Hands every partition over through the listener first: in-flight groups commit, miners are saved.
      await ownership?.stop();
      abort.abort();
      clearInterval(snapshotTimer);
      await loop;
      await snapshot();
      await retention?.stop();
      await configs?.stop();
      log.info({ sources: pipelines.size }, 'parser stopped');
    },
  };
}
