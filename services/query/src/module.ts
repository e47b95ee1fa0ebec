import type { Database, Logger, Module, ServiceHandlers } from '@loglens/platform';
import type { QueryServiceService } from '@loglens/proto';
import type { Kysely } from 'kysely';
import type { NatsConnection } from 'nats';
import type { QueryConfig } from './config.js';
import { createQueryHandlers } from './query-service.js';

/** What the query module needs from the process that hosts it. */
export interface QueryModuleDeps {
  /** The shared PostgreSQL pool's query builder. */
  readonly db: Kysely<Database>;
  /** The shared NATS connection (for Tail). */
  readonly connection: () => NatsConnection;
  /** Topology prefix (`LOGLENS_NATS_PREFIX`). */
  readonly natsPrefix: string;
  /** Hands the handlers to the gRPC server that serves them. */
  readonly register: (handlers: ServiceHandlers<typeof QueryServiceService>) => void;
  readonly logger: Logger;
}

/** Builds the query module: `start` registers `QueryService`; PostgreSQL, NATS and gRPC are owned by others. */
export function createQueryModule(config: QueryConfig, deps: QueryModuleDeps): Module {
  const log = deps.logger.child({ component: 'query' });
  const handlers = createQueryHandlers({
    db: deps.db,
    connection: deps.connection,
    natsPrefix: deps.natsPrefix,
    config,
  });
  return {
    start: () => {
      deps.register(handlers);
      log.info({ tailBufferEvents: config.queryTailBufferEvents }, 'query service registered');
      return Promise.resolve();
    },
    // Tail streams end on the gRPC server's shutdown signal and unsubscribe themselves.
    stop: () => Promise.resolve(),
  };
}
