import { chmod, mkdtemp, rm } from 'node:fs/promises';
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
  stop(): Promise<void>;
}

/** Starts nats-server, PostgreSQL and VictoriaMetrics side by side under one temp directory. */
export async function startInfrastructure(): Promise<Infrastructure> {
  const dir = await mkdtemp(join(tmpdir(), 'loglens-test-'));
  // PostgreSQL may run as another user (see postgres-server.ts): it must be able to enter this directory.
  await chmod(dir, 0o711);
  const started: { stop(): Promise<void> }[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  const track = <T extends { stop(): Promise<void> }>(server: T): T => (started.push(server), server);
  // Settle all three before judging, so a failure never leaves a server running behind us.
  const [nats, postgres, victoria] = await Promise.allSettled([
    startNatsServer(dir).then(track),
    startPostgres(dir).then(track),
    startVictoriaMetrics(dir).then(track),
  ]);
  if (nats.status === 'rejected' || postgres.status === 'rejected' || victoria.status === 'rejected') {
    await stop();
    const reasons: unknown[] = [];
    for (const r of [nats, postgres, victoria]) if (r.status === 'rejected') reasons.push(r.reason);
    throw reasons.length === 1 ? reasons[0] : new AggregateError(reasons, 'test servers failed to start');
  }
  return {
    endpoints: {
      natsUrl: nats.value.url,
      natsMonitorUrl: nats.value.monitorUrl,
      postgresUrlTemplate: postgres.value.connectionString('{db}'),
      victoriaMetricsUrl: victoria.value.url,
    },
    stop,
  };
}
