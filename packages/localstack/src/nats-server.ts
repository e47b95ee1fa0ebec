import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { freePort } from './free-port.js';
import { httpOk, startProcess, waitUntil } from './process.js';

/** A running nats-server with JetStream. */
export interface NatsServer {
  readonly url: string;
  /** Process id of the server (PostgreSQL: its postmaster). */
  readonly pid: number | undefined;
  readonly port: number;
  readonly monitorUrl: string;
  stop(): Promise<void>;
}

/** Where a nats-server listens; free loopback ports by default. */
export interface NatsServerOptions {
  readonly port?: number;
  readonly monitorPort?: number;
  /**
   * Run in its own process group, so a Ctrl-C in the terminal reaches only the parent, which stops the
   * services before the servers under them.
   */
  readonly detached?: boolean;
}

/** Starts `nats-server -js` on loopback, storing JetStream data under `dir` (kept across restarts). */
export async function startNatsServer(dir: string, options: NatsServerOptions = {}): Promise<NatsServer> {
  const bin = findBinary('nats-server', 'apt-get install nats-server');
  const port = options.port ?? (await freePort());
  const monitorPort = options.monitorPort ?? (await freePort());
  const storeDir = join(dir, 'jetstream');
  await mkdir(storeDir, { recursive: true });
  const proc = startProcess(
    bin,
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort), '-sd', storeDir],
    { detached: options.detached },
  );
  const monitorUrl = `http://127.0.0.1:${monitorPort}`;
  await waitUntil('nats-server', proc, () => httpOk(`${monitorUrl}/healthz?js-enabled-only=true`));
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    monitorUrl,
    pid: proc.child.pid,
    stop: () => proc.stop('SIGTERM'),
  };
}
