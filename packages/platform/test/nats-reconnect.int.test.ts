import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { freePort, startNatsServer, type NatsServer } from '@loglens/testing';
import { Events, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging/index.js';
import { buildTopology, closeNats, connectNats, ensureTopology, rawSubject } from '../src/nats/index.js';

// The shared server must never be stopped, so this test restarts a private one on a fixed port.

function logLines(): { stream: Writable; messages: string[] } {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        messages.push((JSON.parse(line) as { msg: string }).msg);
      }
      done();
    },
  });
  return { stream, messages };
}

describe('reconnecting', () => {
  let dir: string;
  let port: number;
  let server: NatsServer;
  let nc: NatsConnection | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nats-reconnect-'));
    port = await freePort();
    server = await startNatsServer(dir, { port });
  });
  afterAll(async () => {
    if (nc) await closeNats(nc);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reconnects after the server restarts, logs it, and JetStream works again', async () => {
    const log = logLines();
    nc = await connectNats({
      servers: `nats://127.0.0.1:${port}`,
      name: 'reconnect-test',
      logger: createLogger({ name: 'test', destination: log.stream }),
      reconnectWaitMs: 100,
      reconnectJitterMs: 100,
      // The server process may still be opening its port.
      waitOnFirstConnect: true,
    });
    const small = { maxBytes: 2 ** 20 };
    const topology = buildTopology({
      prefix: 'r_',
      streams: { raw: small, parsed: small, anomalies: small, notify: small, dlq: small },
      kvMaxBytes: 2 ** 20,
    });
    await ensureTopology(await nc.jetstreamManager(), topology);
    const js = nc.jetstream();
    await js.publish(rawSubject('acme', 0, 'r_'), new Uint8Array([1]));

    const events: string[] = [];
    const reconnected = (async () => {
      for await (const s of nc.status()) {
        events.push(s.type);
        if (s.type === Events.Reconnect) return;
      }
    })();
    await server.stop();
    server = await startNatsServer(dir, { port });
    await reconnected;

    expect(events).toContain(Events.Disconnect);
    expect(nc.isClosed()).toBe(false);
    // JetStream may need a moment after a restart to recover its streams from disk.
    let ack;
    for (let attempt = 0; attempt < 50 && !ack; attempt++) {
      ack = await js.publish(rawSubject('acme', 0, 'r_'), new Uint8Array([2])).catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    expect(ack?.seq).toBe(2);
    expect(log.messages).toEqual(
      expect.arrayContaining([
        'connected to NATS',
        'disconnected from NATS, reconnecting',
        'reconnected to NATS',
      ]),
    );
  });
});
