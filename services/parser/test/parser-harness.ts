import {
  buildTopology,
  connectNats,
  createDatabase,
  createPostgresApiKeyStore,
  ensureTopology,
  partitionOf,
  rawSubject,
  runMigrations,
  silentLogger,
  TENANT_HEADER,
  type DatabaseHandle,
  type InfluxWriter,
  type Module,
  type TopologyOptions,
} from '@loglens/platform';
import { Level, RawBatch, timestampFromMillis, type LogLine } from '@loglens/proto';
import { natsUrl } from '@loglens/testing';
import { headers as createHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { createParserModule, loadParserConfig, rawBatchId, type ParserModuleDeps } from '../src/index.js';

const MIB = 2 ** 20;
/** Partitions the tests publish with (the parser reads the partition from the subject). */
export const PARTITIONS = 16;

/** A migrated database with one tenant. */
export async function prepareDatabase(
  connectionString: string,
): Promise<{ database: DatabaseHandle; tenantId: string }> {
  await runMigrations({ connectionString, logger: silentLogger() });
  const database = createDatabase({ connectionString, logger: silentLogger() });
  const tenantId = (await createPostgresApiKeyStore(database.db).createTenant(`acme-${Date.now()}`)).id;
  return { database, tenantId };
}

/** A NATS connection with the topology of `prefix` provisioned (small streams, `consumers` overriding policies). */
export async function prepareNats(
  prefix: string,
  consumers?: TopologyOptions['consumers'],
): Promise<NatsConnection> {
  const nc = await connectNats({ servers: natsUrl(), name: 'parser-test', logger: silentLogger() });
  const small = { maxBytes: 64 * MIB };
  await ensureTopology(
    await nc.jetstreamManager(),
    buildTopology({
      prefix,
      streams: { raw: small, parsed: small, anomalies: small, notify: small, dlq: small },
      consumers,
    }),
  );
  return nc;
}

/** Starts a parser module in this process; `env` holds `LOGLENS_PARSER_*` overrides. */
export async function startParser(options: {
  readonly nc: NatsConnection;
  readonly prefix: string;
  readonly database: DatabaseHandle;
  readonly influx?: InfluxWriter;
  readonly env?: Readonly<Record<string, string>>;
  /** Replica id and ownership timings, for tests that run several replicas. */
  readonly replica?: Pick<ParserModuleDeps, 'replicaId' | 'ownership'>;
}): Promise<Module> {
  const module = createParserModule(
    loadParserConfig({ LOGLENS_PARSER_FLUSH_INTERVAL: '1s', ...options.env }),
    {
      connection: () => options.nc,
      natsPrefix: options.prefix,
      database: options.database,
      ...(options.influx ? { influx: options.influx } : {}),
      ...options.replica,
      logger: silentLogger(),
    },
  );
  await module.start();
  return module;
}

/** A line with text only. */
export function line(text: string, extra: Partial<LogLine> = {}): LogLine {
  return { text, attributes: {}, levelHint: Level.LEVEL_UNSPECIFIED, sourceHint: '', ...extra };
}

/** The batch of `lines` as ingest would put it on LOGS_RAW. */
export function rawBatch(
  tenantId: string,
  source: string,
  sequence: number,
  lines: LogLine[],
  stream = 'pod/app',
): RawBatch {
  return { tenantId, source, stream, sequence, receivedAt: timestampFromMillis(Date.now()), lines };
}

export const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** Publishes a raw batch like ingest does; `msgId` overrides the dedup id (to store a batch twice). */
export async function publishRaw(
  js: JetStreamClient,
  prefix: string,
  batch: RawBatch,
  msgId = rawBatchId(batch),
): Promise<void> {
  const headers = createHeaders();
  headers.set(TENANT_HEADER, batch.tenantId);
  headers.set('traceparent', TRACEPARENT);
  const subject = rawSubject(batch.tenantId, partitionOf(batch.tenantId, batch.source, PARTITIONS), prefix);
  await js.publish(subject, RawBatch.encode(batch).finish(), { msgID: msgId, headers });
}

/** Realistic mixed-format lines: timestamped text, JSON, logfmt and access-log lines with varying values. */
export function mixedLines(n: number, seed = 0, nowMs = Date.now()): LogLine[] {
  const out: LogLine[] = [];
  for (let i = 0; i < n; i++) {
    const k = seed * n + i;
    const ts = new Date(nowMs - 60_000 + (k % 60_000)).toISOString();
    switch (k % 4) {
      case 0:
        out.push(line(`${ts} INFO user ${k % 97} logged in from 10.0.${k % 250}.${k % 13} in ${k % 900} ms`));
        break;
      case 1:
        out.push(
          line(`{"time":"${ts}","level":"warn","msg":"cache miss for key item-${k}","latency_ms":${k % 50}}`),
        );
        break;
      case 2:
        out.push(line(`time=${ts} level=error msg="payment declined" order=${k} amount=${k % 1000}.50`));
        break;
      default:
        out.push(line(`${ts} DEBUG worker ${k % 8} finished job ${k} with status ok`));
    }
  }
  return out;
}

/** Polls `check` until it returns true; fails with `what` after `limitMs` (a liveness bound, not a timing). */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  limitMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows and distinct ids in log_events of a tenant. */
export async function eventCounts(
  database: DatabaseHandle,
  tenantId: string,
): Promise<{ rows: number; ids: number }> {
  const { rows } = await database.pool.query<{ rows: string; ids: string }>(
    'select count(*) as rows, count(distinct id) as ids from log_events where tenant_id = $1',
    [tenantId],
  );
  return { rows: Number(rows[0]?.rows ?? 0), ids: Number(rows[0]?.ids ?? 0) };
}
