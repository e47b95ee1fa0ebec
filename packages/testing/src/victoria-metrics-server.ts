import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { freePort } from './free-port.js';
import { httpOk, startProcess, waitUntil } from './process.js';

/** A running VictoriaMetrics, which accepts the InfluxDB v2 write API at `/api/v2/write`. */
export interface VictoriaMetricsServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts VictoriaMetrics on a free loopback port, storing data under `dir`. */
export async function startVictoriaMetrics(dir: string): Promise<VictoriaMetricsServer> {
  const bin = findBinary('victoria-metrics', 'apt-get install victoria-metrics');
  const port = await freePort();
  const storage = join(dir, 'victoria-metrics');
  await mkdir(storage, { recursive: true });
  const proc = startProcess(bin, [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${storage}`,
    '-retentionPeriod=100y',
    '-loggerLevel=ERROR',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('victoria-metrics', proc, () => httpOk(`${url}/health`));
  return { url, stop: () => proc.stop('SIGINT') };
}
