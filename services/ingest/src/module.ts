import type { Logger, Module, ServiceHandlers } from '@loglens/platform';
import type { IngestServiceService } from '@loglens/proto';
import type { NatsConnection } from 'nats';
import type { IngestConfig } from './config.js';
import { createIngestHandlers } from './ingest-service.js';
import { createJetStreamPublisher } from './publisher.js';
import { TenantRateLimiter } from './rate-limiter.js';

/** What the ingest module needs from the process that hosts it. */
export interface IngestModuleDeps {
  /** The shared NATS connection (topology already provisioned). */
  readonly connection: () => NatsConnection;
  /** Topology prefix (`LOGLENS_NATS_PREFIX`). */
  readonly natsPrefix: string;
  /** Hands the handlers to the gRPC server that serves them. */
  readonly register: (handlers: ServiceHandlers<typeof IngestServiceService>) => void;
  readonly logger: Logger;
}

/** Builds the ingest module: `start` registers `IngestService`; the gRPC server and NATS are owned by others. */
export function createIngestModule(config: IngestConfig, deps: IngestModuleDeps): Module {
  const log = deps.logger.child({ component: 'ingest' });
  const handlers = createIngestHandlers({
    publisher: createJetStreamPublisher({
      connection: deps.connection,
      prefix: deps.natsPrefix,
      partitions: config.partitions,
      timeoutMs: config.ingestPublishTimeout,
    }),
    rateLimiter: new TenantRateLimiter({
      ratePerSecond: config.ingestRateLines,
      burst: config.ingestRateBurst,
    }),
    limits: { maxBatchBytes: config.ingestMaxBatchBytes, maxLineBytes: config.ingestMaxLineBytes },
    maxInFlight: config.ingestMaxInFlight,
  });
  return {
    start: () => {
      deps.register(handlers);
      log.info(
        {
          maxBatchBytes: config.ingestMaxBatchBytes,
          maxLineBytes: config.ingestMaxLineBytes,
          rateLines: config.ingestRateLines,
          partitions: config.partitions,
        },
        'ingest service registered',
      );
      return Promise.resolve();
    },
    // In-flight calls are drained by the gRPC server's stop; nothing here outlives them.
    stop: () => Promise.resolve(),
  };
}
