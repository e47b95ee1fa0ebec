import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from './nats-server.js';
import { startPostgres } from './postgres-server.js';
import { startVictoriaMetrics } from './victoria-metrics-server.js';

/** Where the shared servers of one test run listen. Plain data, so vitest can pass it to test files. */
export interface InfrastructureEndpoints {
  readonly natsUrl: string;
  readonly natsMonitorUrl: string;
  /** Connection string template for the PostgreSQL cluster; `{db}` stands for the database name. */
  readonly postgresUrlTemplate: string;
  readonly victoriaMetricsUrl: string;
}

/** The servers of one run and how to stop them. */
export interface Infrastructure {
  readonly endpoints: InfrastructureEndpoints;
  /** Process ids of the servers, by name, to watch their resources. */
  readonly pids: Readonly<Record<'nats' | 'postgres' | 'victoriaMetrics', number | undefined>>;
  stop(): Promise<void>;
}

/** Where and how to run the servers; everything has a default. */
export interface InfrastructureOptions {
  /** Data directory, kept after stop; a temporary one, removed at stop, by default. */
  readonly dir?: string;
  /** Keep PostgreSQL crash-safe (fsync and full page writes on); tests leave it off for speed. */
  readonly durable?: boolean;
  /** Run the servers in their own process groups , so a terminal's Ctrl-C reaches only the parent. */
  readonly detached?: boolean;
  readonly natsPort?: number;
  readonly postgresPort?: number;
  readonly victoriaMetricsPort?: number;
}

/** Starts nats-server, PostgreSQL and VictoriaMetrics side by side under one data directory. */
export async function startInfrastructure(options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'loglens-')));
  await mkdir(dir, { recursive: true });
  // PostgreSQL may run as another user (see postgres-server.ts): it must be able to enter this directory.
  await chmod(dir, 0o711);
  const started: { stop(): Promise<void> }[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((s) => s.stop()));
    if (options.dir === undefined) await rm(dir, { recursive: true, force: true });
  };
  const track = <T extends { stop(): Promise<void> }>(server: T): T => (started.push(server), server);
  // Settle all three before judging, so a failure never leaves a server running behind us.
  const [nats, postgres, victoria] = await Promise.allSettled([
    startNatsServer(dir, { port: options.natsPort, detached: options.detached }).then(track),
    startPostgres(dir, {
      port: options.postgresPort,
      durable: options.durable,
      detached: options.detached,
    }).then(track),
    startVictoriaMetrics(dir, { port: options.victoriaMetricsPort, detached: options.detached }).then(track),
  ]);
  if (nats.status === 'rejected' || postgres.status === 'rejected' || victoria.status === 'rejected') {
    await stop();
    const reasons: unknown[] = [];
    for (const r of [nats, postgres, victoria]) if (r.status === 'rejected') reasons.push(r.reason);
    throw reasons.length === 1 ? reasons[0] : new AggregateError(reasons, 'infrastructure failed to start');
  }
  return {
    endpoints: {
      natsUrl: nats.value.url,
      natsMonitorUrl: nats.value.monitorUrl,
      postgresUrlTemplate: postgres.value.connectionString('{db}'),
      victoriaMetricsUrl: victoria.value.url,
    },
    pids: { nats: nats.value.pid, postgres: postgres.value.pid, victoriaMetrics: victoria.value.pid },
    stop,
  };
}
