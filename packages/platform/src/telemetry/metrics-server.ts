import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/** The HTTP server that serves `/metrics` for Prometheus. */
export interface MetricsServer {
  /** The port actually bound (differs from the requested one when that was 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** Path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/**
 * Serves the exporter's metrics on `GET /metrics` from a server of our own, so that port 0 works and the
 * bound port is known (the exporter's built-in server does not report it).
 */
export async function startMetricsServer(
  exporter: PrometheusExporter,
  host: string,
  port: number,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === METRICS_PATH) {
      exporter.getMetricsRequestHandler(request, response);
      return;
    }
    response.statusCode = 404;
    response.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A scraper's keep-alive connection would otherwise hold the close open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
