/**
 * bench:e2e — the distributed path end to end on this machine: real nats-server, PostgreSQL and
 * VictoriaMetrics, LogLens ingest and parser as separate `loglens serve` processes, and concurrent gRPC clients
 * pushing realistic mixed-format lines until every line is queryable in PostgreSQL.
 *
 *   npm run bench:e2e -- [--lines N] [--clients C] [--batch-lines B] [--window W] [--parsers P] [--json FILE]
 *                          [--profile DIR]
 *
 * `--parsers P` runs P parser processes, which share the partitions.
 *
 * `--profile DIR` writes a V8 CPU profile of each service process (`ingest.cpuprofile`, `parser.cpuprofile`).
 *
 * Phases: a short warm-up; the throughput run (N lines as fast as acks allow; lines/s = N / time from the
 * first send until the last line is queryable); the latency run (N/2 lines paced at half the measured rate;
 * ingest→queryable latency per batch, from its send to the moment its rows are visible). Then every row is
 * counted: duplicates = rows - distinct ids, lost = lines sent - distinct ids.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { watchArrivals } from './arrivals.js';
import { cpuSecondsOfTree } from './cpu-time.js';
import { pushLines, type PushRecord } from './push-clients.js';
import { peakRss, prepareInfrastructure, startService, type ServiceProcess } from './stack.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '4' },
    'batch-lines': { type: 'string', default: '1000' },
    window: { type: 'string', default: '8' },
    json: { type: 'string' },
    profile: { type: 'string' },
    parsers: { type: 'string', default: '1' },
  },
});

function positive(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return n;
}

const lines = positive('lines', values.lines);
const clients = positive('clients', values.clients);
const batchLines = positive('batch-lines', values['batch-lines']);
const window = positive('window', values.window);
const parsers = positive('parsers', values.parsers);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mib = (bytes: number | undefined): string =>
  bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  console.error('starting nats-server, PostgreSQL and VictoriaMetrics ...');
  const prepared = await prepareInfrastructure();
  const { infrastructure, database, tenantId, apiKey } = prepared;
  const env = {
    LOGLENS_POSTGRES_URL: prepared.postgresUrl,
    LOGLENS_NATS_URL: infrastructure.endpoints.natsUrl,
    LOGLENS_INFLUX_URL: infrastructure.endpoints.victoriaMetricsUrl,
    LOGLENS_GRPC_HOST: '127.0.0.1',
    LOGLENS_GRPC_PORT: '0',
  };
  const services: ServiceProcess[] = [];
  const watcher = watchArrivals(database, tenantId);
  try {
    console.error('starting the parser and ingest processes ...');
    for (let i = 0; i < parsers; i++) {
      const name = parsers === 1 ? 'parser' : `parser-${i + 1}`;
      services.push(await startService(name, 'parser', env, values.profile));
    }
    const grpcPort = 17_000 + Math.floor(Math.random() * 1000);
    services.push(
      await startService(
        'ingest',
        'ingest',
        { ...env, LOGLENS_GRPC_PORT: String(grpcPort), LOGLENS_INGEST_RATE_LINES: '0' },
        values.profile,
      ),
    );
    const address = `127.0.0.1:${grpcPort}`;
    const common = { address, apiKey, tenantId, clients, batchLines, window, seed: 1 };
    const all: PushRecord[] = [];
    const run = async (
      stream: string,
      count: number,
      rate?: number,
    ): Promise<{ records: PushRecord[]; ms: number }> => {
      const started = Date.now();
      const records = await pushLines({ ...common, stream, lines: count, rate });
      all.push(...records);
      await watcher.waitFor(
        records.map((r) => r.batchId),
        60_000,
      );
      const done = Math.max(...records.map((r) => watcher.seen.get(r.batchId)!));
      return { records, ms: done - started };
    };

    const warmup = Math.min(20_000, lines);
    console.error(`warm-up: ${warmup} lines ...`);
    await run('warmup', warmup);

    // CPU time of every process over the throughput run: where the machine's cores go, per line.
    const cpuPids: Record<string, number | undefined> = Object.fromEntries(
      services.map((s) => [s.name, s.pid]),
    );
    Object.assign(cpuPids, {
      'nats-server': infrastructure.pids.nats,
      postgres: infrastructure.pids.postgres,
      'victoria-metrics': infrastructure.pids.victoriaMetrics,
    });
    const cpuNow = async (): Promise<Map<string, number | undefined>> => {
      const usage = process.cpuUsage();
      // The bench process itself, without the servers it started (its children).
      const own: [string, number][] = [['bench clients', (usage.user + usage.system) / 1e6]];
      const servers = await Promise.all(
        Object.entries(cpuPids).map(async ([name, pid]) => [name, await cpuSecondsOfTree(pid)] as const),
      );
      return new Map([...own, ...servers]);
    };

    console.error(`throughput run: ${lines} lines, ${clients} clients, ${batchLines} lines per batch ...`);
    const cpuBefore = await cpuNow();
    const throughput = await run('throughput', lines);
    const cpuAfter = await cpuNow();
    const cpuPerLine: Record<string, number> = {};
    for (const [name, after] of cpuAfter) {
      const before = cpuBefore.get(name);
      if (after !== undefined && before !== undefined) cpuPerLine[name] = ((after - before) * 1e6) / lines;
    }
    const linesPerSec = Math.round(lines / (throughput.ms / 1000));
    const ackedMs =
      Math.max(...throughput.records.map((r) => r.ackedAt ?? 0)) -
      Math.min(...throughput.records.map((r) => r.sentAt));
    console.error(
      `  ${linesPerSec} lines/s queryable (ingest acked at ${Math.round(lines / (ackedMs / 1000))} lines/s)`,
    );

    const latencyLines = Math.max(batchLines * clients, Math.floor(lines / 2));
    const rate = Math.max(1, Math.floor(linesPerSec / 2));
    console.error(`latency run: ${latencyLines} lines paced at ${rate} lines/s ...`);
    const paced = await run('latency', latencyLines, rate);
    const latencies = paced.records.map((r) => watcher.seen.get(r.batchId)! - r.sentAt).sort((a, b) => a - b);
    const saturated = throughput.records
      .map((r) => watcher.seen.get(r.batchId)! - r.sentAt)
      .sort((a, b) => a - b);

    const sent = all.reduce((n, r) => n + r.lines, 0);
    const { rows } = await sql<{ total: string; distinct: string }>`
      select count(*) as total, count(distinct id) as distinct from log_events where tenant_id = ${tenantId}`.execute(
      database.db,
    );
    const stored = Number(rows[0]!.total);
    const distinct = Number(rows[0]!.distinct);
    const memory: Record<string, number | undefined> = {};
    for (const s of services) memory[s.name] = await peakRss(s.pid);
    Object.assign(memory, {
      'bench clients': await peakRss(process.pid),
      'nats-server': await peakRss(infrastructure.pids.nats),
      'postgres (postmaster)': await peakRss(infrastructure.pids.postgres),
      'victoria-metrics': await peakRss(infrastructure.pids.victoriaMetrics),
    });
    const result = {
      linesPerSec,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      sent,
      stored,
      duplicates: stored - distinct,
      lost: sent - distinct,
      cpuMicrosPerLine: cpuPerLine,
    };
    console.log(
      [
        `bench:e2e  ${lines} lines, ${clients} clients, ${batchLines} lines/batch, processes: ingest, ${parsers} parser`,
        `  sustained        ${linesPerSec} lines/s (push → queryable rows)`,
        `  latency @ ${rate}/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms (ingest → queryable)`,
        `  latency @ max    p50 ${percentile(saturated, 50)} ms  p99 ${percentile(saturated, 99)} ms`,
        `  sent ${sent}  stored ${stored}  duplicates ${result.duplicates}  lost ${result.lost}`,
        '  CPU per line     ' +
          Object.entries(cpuPerLine)
            .map(([k, v]) => `${k} ${v.toFixed(1)} µs`)
            .join(', ') +
          ` (throughput run; ${((Object.values(cpuPerLine).reduce((a, b) => a + b, 0) * linesPerSec) / 1e6).toFixed(2)} cores busy)`,
        '  peak RSS         ' +
          Object.entries(memory)
            .map(([k, v]) => `${k} ${mib(v)}`)
            .join(', '),
      ].join('\n'),
    );
    if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
    if (result.duplicates !== 0 || result.lost !== 0) process.exitCode = 1;
  } finally {
    watcher.stop();
    await Promise.allSettled(services.map((s) => s.process.stop('SIGTERM', 20_000)));
    await database.close();
    await infrastructure.stop();
  }
}

await main();
