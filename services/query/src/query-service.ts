import type { Kysely } from 'kysely';
import type { NatsConnection } from 'nats';
import type { Database, ServiceHandlers } from '@loglens/platform';
import type { QueryServiceService } from '@loglens/proto';
import type { QueryConfig } from './config.js';
import { exportLogs } from './export-logs.js';
import { getTemplate } from './get-template.js';
import { getVolume } from './get-volume.js';
import { listTemplates } from './list-templates.js';
import { queryLogs } from './query-logs.js';
import { fromStore, streamFromStore } from './store-errors.js';
import { tail } from './tail.js';

/** What the query handlers are built from. */
export interface QueryServiceDeps {
  readonly db: Kysely<Database>;
  /** The shared NATS connection, for Tail. */
  readonly connection: () => NatsConnection;
  /** Topology prefix (`LOGLENS_NATS_PREFIX`). */
  readonly natsPrefix: string;
  readonly config: QueryConfig;
  /** Clock in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** The handlers of `QueryService`; every method reads only the caller's tenant. */
export function createQueryHandlers(deps: QueryServiceDeps): ServiceHandlers<typeof QueryServiceService> {
  const { db, config } = deps;
  const now = deps.now ?? Date.now;
  const tailDeps = {
    db,
    connection: deps.connection,
    natsPrefix: deps.natsPrefix,
    bufferEvents: config.queryTailBufferEvents,
    replayEvents: config.queryTailReplayEvents,
    batchEvents: config.queryTailBatchEvents,
  };
  const exportLimits = { chunkBytes: config.queryExportChunkBytes, pageRows: config.queryExportPageRows };
  return {
    queryLogs: (request, ctx) => fromStore(queryLogs(db, ctx.tenant.tenantId, request)),
    tail: (request, ctx) => streamFromStore(tail(tailDeps, request, ctx)),
    listTemplates: (request, ctx) => fromStore(listTemplates(db, ctx.tenant.tenantId, request)),
    getTemplate: (request, ctx) =>
      fromStore(getTemplate(db, ctx.tenant.tenantId, request, config.queryParamSampleEvents)),
    getVolume: (request, ctx) => fromStore(getVolume(db, ctx.tenant.tenantId, request, now())),
    exportLogs: (request, ctx) =>
      streamFromStore(exportLogs(db, ctx.tenant.tenantId, request, exportLimits, ctx.signal)),
  };
}
