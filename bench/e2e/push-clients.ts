/** Concurrent clients pushing numbered batches over `IngestService.Push`, each with a window of unacked batches. */
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { createGrpcClient } from '@loglens/platform';
import {
  IngestServiceClient,
  timestampFromMillis,
  type LogLine,
  type PushAck,
  type PushRequest,
  type Timestamp,
} from '@loglens/proto';
import { LINE_FORMATS, LineMaker } from './mixed-lines.js';

/** What one push run did, per batch: when it was written to the stream and when ingest acked it. */
export interface PushRecord {
  /** The ingest message id of the batch: `<tenant>:<source>:<stream>:<sequence>`. */
  readonly batchId: string;
  readonly lines: number;
  sentAt: number;
  ackedAt?: number;
}

export interface PushOptions {
  readonly address: string;
  readonly apiKey: string;
  readonly tenantId: string;
  readonly lines: number;
  readonly clients: number;
  readonly batchLines: number;
  /** Unacked batches per client. */
  readonly window: number;
  /** Lines per second across all clients; unpaced (as fast as acks allow) when undefined. */
  readonly rate?: number;
  /** Distinguishes the streams of separate runs against the same sources. */
  readonly stream: string;
  readonly seed: number;
}

const SOURCES_PER_FORMAT = 2;

const POOL_LINES = 20_000;

function line(text: string, time: Timestamp): LogLine {
  return { text, time, attributes: {}, levelHint: 0, sourceHint: '' };
}

/** Lines of one source, made up front and handed out in a cycle. */
function linePool(sourceIndex: number, size: number, seed: number) {
  const format = LINE_FORMATS[sourceIndex % LINE_FORMATS.length]!;
  const maker = new LineMaker(format, seed * 1000 + sourceIndex);
  const now = new Date();
  const texts = Array.from({ length: size }, () => maker.line(now));
  let next = 0;
  return { format, next: (): string => texts[next++ % texts.length]! };
}

/** Runs one client over its share of the lines; resolves with its batch records. */
async function runClient(index: number, lines: number, options: PushOptions): Promise<PushRecord[]> {
  const client = createGrpcClient(IngestServiceClient, options.address, {
    apiKey: options.apiKey,
    deadlineMs: 0,
  });
  const sources = Array.from({ length: LINE_FORMATS.length * SOURCES_PER_FORMAT }, (_, i) => i).filter(
    (i) => i % options.clients === index,
  );
  // Lines are made before the clock starts, so the clients spend their CPU on pushing, not on formatting.
  const pools = new Map(sources.map((i) => [i, linePool(i, Math.min(POOL_LINES, lines), options.seed)]));
  const sequences = new Map(sources.map((i) => [i, 0]));
  const records: PushRecord[] = [];
  const pending = new Map<string, PushRecord>();
  const call: ClientDuplexStream<PushRequest, PushAck> = client.push();
  const rateInterval = options.rate ? (options.batchLines / options.rate) * 1000 * options.clients : 0;

  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  call.on('data', (ack: PushAck) => {
    const record = pending.get(`${options.tenantId}:${ack.source}:${ack.stream}:${ack.sequence}`);
    if (record) {
      record.ackedAt = Date.now();
      pending.delete(record.batchId);
    }
    wake?.();
  });
  const ended = new Promise<void>((resolve) => {
    call.on('error', (error: ServiceError) => {
      failure = new Error(`push client ${index}: ${error.code} ${error.details}`);
      wake?.();
      resolve();
    });
    call.on('end', () => resolve());
  });

  const started = Date.now();
  let sent = 0;
  for (let n = 0; sent < lines; n++) {
    while (pending.size >= options.window && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) break;
    if (rateInterval > 0) {
      const due = started + n * rateInterval;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    const sourceIndex = sources[n % sources.length]!;
    const pool = pools.get(sourceIndex)!;
    const sequence = sequences.get(sourceIndex)! + 1;
    sequences.set(sourceIndex, sequence);
    const count = Math.min(options.batchLines, lines - sent);
    const time = timestampFromMillis(Date.now());
    const batchLines = Array.from({ length: count }, () => line(pool.next(), time));
    const source = `bench/${pool.format}-${sourceIndex}`;
    const record: PushRecord = {
      batchId: `${options.tenantId}:${source}:${options.stream}:${sequence}`,
      lines: count,
      sentAt: Date.now(),
    };
    pending.set(record.batchId, record);
    records.push(record);
    call.write({ batch: { source, stream: options.stream, sequence, lines: batchLines } });
    sent += count;
  }
  while (pending.size > 0 && !failure) await new Promise<void>((r) => (wake = r));
  call.end();
  await ended;
  client.close();
  if (failure) throw failure;
  return records;
}

/** Pushes `options.lines` lines with `options.clients` concurrent clients; resolves with every batch record. */
export async function pushLines(options: PushOptions): Promise<PushRecord[]> {
  const share = Math.ceil(options.lines / options.clients);
  const runs = Array.from({ length: options.clients }, (_, i) =>
    runClient(i, Math.min(share, options.lines - i * share), options),
  );
  return (await Promise.all(runs)).flat();
}
