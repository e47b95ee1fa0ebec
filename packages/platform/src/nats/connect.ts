import { connect, DebugEvents, Events, type ConnectionOptions, type NatsConnection } from 'nats';
import type { Logger } from '../logging/index.js';

/** Options of {@link connectNats}. */
export interface NatsConnectOptions {
  /** One URL or several (a cluster); `nats://` or `tls://`. */
  readonly servers: string | readonly string[];
  /** Connection name shown by the server's monitoring, e.g. `loglens-parser-7f9c`. */
  readonly name: string;
  readonly logger: Logger;
  /** Base wait between reconnect attempts. @default 1000 */
  readonly reconnectWaitMs?: number;
  /** Random extra wait so a fleet does not reconnect in lockstep. @default 1000 */
  readonly reconnectJitterMs?: number;
  /** Keep retrying when the first connection fails (the server may start after us). @default false */
  readonly waitOnFirstConnect?: boolean;
  /** Authentication, TLS and other client options passed through unchanged. */
  readonly extra?: Partial<ConnectionOptions>;
}

/**
 * Connects to NATS with infinite, jittered reconnects, and logs connection events (disconnect,
 * reconnect, errors, lame-duck mode) until the connection closes. Close it with {@link closeNats}.
 */
export async function connectNats(options: NatsConnectOptions): Promise<NatsConnection> {
  const log = options.logger;
  const nc = await connect({
    ...options.extra,
    servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
    name: options.name,
    // Workers must outlive any NATS outage: give up never, and let Kubernetes judge health instead.
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectWaitMs ?? 1_000,
    reconnectJitter: options.reconnectJitterMs ?? 1_000,
    reconnectJitterTLS: options.reconnectJitterMs ?? 1_000,
    waitOnFirstConnect: options.waitOnFirstConnect ?? false,
  });
  log.info({ server: nc.getServer(), name: options.name }, 'connected to NATS');
  void logStatus(nc, log);
  void nc.closed().then((error) => {
    if (error) log.error({ err: error }, 'NATS connection closed on error');
    else log.info('NATS connection closed');
  });
  return nc;
}

async function logStatus(nc: NatsConnection, log: Logger): Promise<void> {
  try {
    for await (const status of nc.status()) {
      const fields = { server: status.data };
      switch (status.type) {
        case Events.Disconnect:
          log.warn(fields, 'disconnected from NATS, reconnecting');
          break;
        case Events.Reconnect:
          log.info(fields, 'reconnected to NATS');
          break;
        case Events.LDM:
          log.warn(fields, 'NATS server entering lame duck mode');
          break;
        case Events.Error:
          log.error(fields, 'NATS connection error');
          break;
        case DebugEvents.Reconnecting:
          log.debug(fields, 'reconnecting to NATS');
          break;
        default:
          log.debug({ ...fields, type: status.type }, 'NATS status');
      }
    }
  } catch (error) {
    log.debug({ err: error }, 'NATS status stream ended');
  }
}

/** Drains the connection (pending messages are delivered and acked) and waits until it is closed. */
export async function closeNats(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) return;
  try {
    if (!nc.isDraining()) await nc.drain();
  } catch (error) {
    // Draining a connection that is reconnecting fails; closing is the best we can do then.
    if (!nc.isClosed()) await nc.close();
    if (!(error instanceof Error && /closed|draining/i.test(error.message))) throw error;
  }
  await nc.closed();
}
