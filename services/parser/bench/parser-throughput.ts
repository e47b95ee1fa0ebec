// Parser throughput: publishes N raw batches of realistic mixed-format lines to a fresh local stack, then
// starts the parser and times it until every batch is committed. Prints lines per second of the parser alone.
//   npm run -w @loglens/parser bench:parser -- [--batches 400] [--lines 500] [--json FILE]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureDatabase, startInfrastructure } from '@loglens/localstack';
import {
  closeNats,
  connectNats,
  createDatabase,
  createInfluxWriter,
  createPostgresApiKeyStore,
  ensureTopology,
  buildTopology,
  partitionOf,
  rawSubject,
  runMigrations,
  silentLogger,
} from '@loglens/platform';
import { RawBatch, timestampFromMillis, Level, type LogLine } from '@loglens/proto';
import { createParserModule, loadParserConfig } from '../src/index.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '400' },
    lines: { type: 'string', default: '500' },
    json: { type: 'string' },
  },
});
const batches = Number(values.batches);
const linesPerBatch = Number(values.lines);
const out = (text: string) => process.stdout.write(`${text}\n`);

function line(text: string): LogLine {
  return {
    text,
    attributes: { pod: 'checkout-7f9c', container: 'app' },
    levelHint: Level.LEVEL_UNSPECIFIED,
    sourceHint: '',
  };
}

// Four sources, four shapes: timestamped text with a stack trace now and then, JSON, logfmt, access log.
function lines(source: number, batch: number, now: number): LogLine[] {
  const result: LogLine[] = [];
  for (let i = 0; i < linesPerBatch; i++) {
    const k = batch * linesPerBatch + i;
    const ts = new Date(now - 120_000 + (k % 120_000)).toISOString();
    switch (source) {
      case 0:
        result.push(
          line(
            `${ts} INFO [http-${k % 16}] user ${k % 997} logged in from 10.1.${k % 250}.${k % 200} in ${k % 900} ms`,
          ),
        );
        if (k % 50 === 0) result.push(line(`    at com.shop.Checkout.pay(Checkout.java:${k % 300})`));
        break;
      case 1:
        result.push(
          line(`{"time":"${ts}","level":"warn","msg":"cache miss","key":"item-${k}","latency_ms":${k % 50}}`),
        );
        break;
      case 2:
        result.push(
          line(
            `time=${ts} level=error msg="payment declined" order=${k} amount=${k % 1000}.50 reason=insufficient_funds`,
          ),
        );
        break;
      default:
        result.push(
          line(
            `10.2.${k % 250}.${k % 100} - - [${new Date(now).toUTCString()}] "GET /api/items/${k % 5000} HTTP/1.1" ${k % 17 === 0 ? 500 : 200} ${k % 9000} "-" "curl/8.0"`,
          ),
        );
    }
  }
  return result;
}

const infra = await startInfrastructure();
try {
  const connectionString = await ensureDatabase(infra.endpoints.postgresUrlTemplate, 'bench');
  await runMigrations({ connectionString, logger: silentLogger() });
  const database = createDatabase({ connectionString, logger: silentLogger() });
  const tenantId = (await createPostgresApiKeyStore(database.db).createTenant('bench')).id;
  const nc = await connectNats({ servers: infra.endpoints.natsUrl, name: 'bench', logger: silentLogger() });
  const prefix = 'bench_';
  await ensureTopology(
    await nc.jetstreamManager(),
    buildTopology({ prefix, streams: { raw: { maxBytes: 4 * 2 ** 30 } } }),
  );

  const js = nc.jetstream();
  const now = Date.now();
  let totalLines = 0;
  for (let b = 0; b < batches; b++) {
    const source = `shop/app-${b % 4}`;
    const batch: RawBatch = {
      tenantId,
      source,
      stream: 'pod/app',
      sequence: Math.floor(b / 4) + 1,
      receivedAt: timestampFromMillis(now),
      lines: lines(b % 4, b, now),
    };
    totalLines += batch.lines.length;
    await js.publish(
      rawSubject(tenantId, partitionOf(tenantId, source, 16), prefix),
      RawBatch.encode(batch).finish(),
      {
        msgID: `${tenantId}:${source}:pod/app:${batch.sequence}`,
      },
    );
  }
  out(`published ${batches} batches, ${totalLines} lines`);

  const influx = createInfluxWriter({
    url: infra.endpoints.victoriaMetricsUrl,
    org: 'loglens',
    bucket: 'loglens',
    logger: silentLogger(),
  });
  const parser = createParserModule(loadParserConfig(), {
    connection: () => nc,
    natsPrefix: prefix,
    database,
    influx,
    logger: silentLogger(),
  });
  const started = performance.now();
  await parser.start();
  for (;;) {
    const { rows } = await database.pool.query<{ n: string }>('select count(*) as n from processed_batches');
    if (Number(rows[0]?.n) >= batches) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await database.pool.query<{ n: string }>('select count(*) as n from log_events');
  const linesPerSec = Math.round(totalLines / seconds);
  out(
    `parser: ${totalLines} lines (${rows[0]?.n} events) committed in ${seconds.toFixed(2)} s = ${linesPerSec} lines/s`,
  );
  if (values.json)
    await writeFile(
      values.json,
      JSON.stringify({ linesPerSec, lines: totalLines, events: Number(rows[0]?.n), seconds }),
    );
  await parser.stop();
  await influx.close();
  await closeNats(nc);
  await database.close();
} finally {
  await infra.stop();
}
