import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { freePort } from './free-port.js';
import { httpOk, startProcess, waitUntil } from './process.js';

/** A running nats-server with JetStream. */
export interface NatsServer {
  readonly url: string;
  readonly port: number;
  readonly monitorUrl: string;
  stop(): Promise<void>;
}

/** Starts `nats-server -js` on free loopback ports, storing JetStream data under `dir`. */
export async function startNatsServer(dir: string): Promise<NatsServer> {
  const bin = findBinary('nats-server', 'apt-get install nats-server');
  const [port, monitorPort] = [await freePort(), await freePort()];
  const storeDir = join(dir, 'jetstream');
  await mkdir(storeDir, { recursive: true });
  const proc = startProcess(bin, [
    '-js',
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-m',
    String(monitorPort),
    '-sd',
    storeDir,
  ]);
  const monitorUrl = `http://127.0.0.1:${monitorPort}`;
  await waitUntil('nats-server', proc, () => httpOk(`${monitorUrl}/healthz?js-enabled-only=true`));
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    monitorUrl,
    stop: () => proc.stop('SIGTERM'),
  };
}
