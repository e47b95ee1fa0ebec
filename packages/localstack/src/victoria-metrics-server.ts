import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { freePort } from './free-port.js';
import { httpOk, startProcess, waitUntil } from './process.js';

/** A running VictoriaMetrics, which accepts the InfluxDB v2 write API at `/api/v2/write`. */
export interface VictoriaMetricsServer {
  readonly url: string;
  /** Process id of the server (PostgreSQL: its postmaster). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Where VictoriaMetrics listens; a free loopback port by default. */
export interface VictoriaMetricsServerOptions {
  readonly port?: number;
  /**
   * Run in its own process group, so a Ctrl-C in the terminal reaches only the parent, which stops the
   * services before the servers under them.
   */
  readonly detached?: boolean;
}

/** Starts VictoriaMetrics on loopback, storing data under `dir` (kept across restarts). */
export async function startVictoriaMetrics(
  dir: string,
  options: VictoriaMetricsServerOptions = {},
): Promise<VictoriaMetricsServer> {
  const bin = findBinary('victoria-metrics', 'apt-get install victoria-metrics');
  const port = options.port ?? (await freePort());
  const storage = join(dir, 'victoria-metrics');
  await mkdir(storage, { recursive: true });
  const proc = startProcess(
    bin,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${storage}`,
      '-retentionPeriod=100y',
      '-loggerLevel=ERROR',
    ],
    { detached: options.detached },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('victoria-metrics', proc, () => httpOk(`${url}/health`));
  return { url, pid: proc.child.pid, stop: () => proc.stop('SIGINT') };
}
