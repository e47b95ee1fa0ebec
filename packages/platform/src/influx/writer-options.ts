import type { Meter } from '@opentelemetry/api';

/** What the writer reports; a pino logger fits. */
export interface InfluxWriterLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Options of `createInfluxWriter`. */
export interface InfluxWriterOptions {
  /** Base URL of the server, without `/api/v2`: `http://influxdb:8086`. */
  readonly url: string;
  /** API token, sent as `Authorization: Token …`. @default "" (none) */
  readonly token?: string;
  readonly org: string;
  readonly bucket: string;
  /** Points per write request; a full batch is sent at once. @default 1000 */
  readonly batchSize?: number;
  /** A partial batch is sent when its first point has waited this long. @default 1000 */
  readonly flushIntervalMs?: number;
  /** Points held at most, queued and in flight; beyond it the oldest queued are dropped. @default 50000 */
  readonly maxBufferPoints?: number;
  /** Retries of a batch after its first attempt, before it is dropped. @default 5 */
  readonly maxRetries?: number;
  /** First backoff step; each retry doubles it, with jitter. @default 500 */
  readonly retryBaseMs?: number;
  /** Longest wait between attempts, Retry-After included. @default 30000 */
  readonly maxRetryDelayMs?: number;
  /** Socket timeout of one write request. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** Bodies larger than this are gzipped. @default 1000 */
  readonly gzipThresholdBytes?: number;
  readonly logger: InfluxWriterLogger;
  /** When given, counters `loglens_influx_points_{dropped,written}_total` and `loglens_influx_write_retries_total`. */
  readonly meter?: Meter;
}

/** The options with defaults filled in and the numbers checked. */
export interface ResolvedWriterOptions {
  readonly url: string;
  readonly token: string;
  readonly org: string;
  readonly bucket: string;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly maxBufferPoints: number;
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  readonly maxRetryDelayMs: number;
  readonly requestTimeoutMs: number;
  readonly gzipThresholdBytes: number;
}

function check(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`InfluxDB writer: ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/** Fills in defaults and rejects impossible settings with an error that names the option. */
export function resolveWriterOptions(
  options: Omit<InfluxWriterOptions, 'logger' | 'meter'>,
): ResolvedWriterOptions {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (cause) {
    throw new RangeError(`InfluxDB writer: url is not a URL: ${JSON.stringify(options.url)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError(`InfluxDB writer: url must be http or https, got ${url.protocol}`);
  }
  const base = url.href.replace(/\/+$/, '');
  if (base.endsWith('/api/v2')) throw new RangeError('InfluxDB writer: url must not end with /api/v2');
  if (!options.org || !options.bucket) throw new RangeError('InfluxDB writer: org and bucket are required');
  const resolved: ResolvedWriterOptions = {
    url: base,
    token: options.token ?? '',
    org: options.org,
    bucket: options.bucket,
    batchSize: check('batchSize', options.batchSize ?? 1000, 1),
    flushIntervalMs: check('flushIntervalMs', options.flushIntervalMs ?? 1000, 1),
    maxBufferPoints: check('maxBufferPoints', options.maxBufferPoints ?? 50_000, 1),
    maxRetries: check('maxRetries', options.maxRetries ?? 5, 0),
    retryBaseMs: check('retryBaseMs', options.retryBaseMs ?? 500, 1),
    maxRetryDelayMs: check('maxRetryDelayMs', options.maxRetryDelayMs ?? 30_000, 1),
    requestTimeoutMs: check('requestTimeoutMs', options.requestTimeoutMs ?? 10_000, 1),
    gzipThresholdBytes: check('gzipThresholdBytes', options.gzipThresholdBytes ?? 1000, 0),
  };
  if (resolved.batchSize > resolved.maxBufferPoints) {
    throw new RangeError(
      `InfluxDB writer: batchSize (${resolved.batchSize}) must not exceed maxBufferPoints (${resolved.maxBufferPoints})`,
    );
  }
  return resolved;
}
