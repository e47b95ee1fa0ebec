import { Metadata, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import {
  createGrpcClient,
  createGrpcServer,
  silentLogger,
  type ApiKeyResolver,
  type GrpcServer,
} from '@loglens/platform';
import {
  IngestServiceClient,
  IngestServiceService,
  RawBatch,
  type LogLine,
  type PushAck,
  type PushBatchResponse,
  type PushRequest,
} from '@loglens/proto';
import type { JetStreamManager, NatsConnection, StoredMsg } from 'nats';
import { createIngestModule, loadIngestConfig } from '../src/index.js';

/** An ingest module served by its own gRPC server on a free port. */
export interface RunningIngest {
  readonly address: string;
  client(apiKey: string): IngestServiceClient;
  stop(): Promise<void>;
}

/** Starts a gRPC server with the ingest service; `env` holds `LOGLENS_INGEST_*` overrides. */
export async function startIngest(options: {
  readonly connection: () => NatsConnection;
  readonly natsPrefix: string;
  readonly apiKeys: ApiKeyResolver;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<RunningIngest> {
  const logger = silentLogger();
  const server: GrpcServer = createGrpcServer({
    host: '127.0.0.1',
    port: 0,
    apiKeys: options.apiKeys,
    logger,
  });
  const module = createIngestModule(loadIngestConfig(options.env ?? {}), {
    connection: options.connection,
    natsPrefix: options.natsPrefix,
    register: (handlers) => server.addService(IngestServiceService, handlers),
    logger,
  });
  await module.start();
  const { port } = await server.start();
  const address = `127.0.0.1:${port}`;
  const clients: IngestServiceClient[] = [];
  return {
    address,
    client(apiKey) {
      const client = createGrpcClient(IngestServiceClient, address, { apiKey, deadlineMs: 30_000 });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients) c.close();
      await module.stop();
      await server.stop();
    },
  };
}

/** A line with only text. */
export function line(text: string): LogLine {
  return { text, attributes: {}, levelHint: 0, sourceHint: '' };
}

/** Calls PushBatch; rejects with the ServiceError. */
export function pushBatch(
  client: IngestServiceClient,
  batch: { source: string; stream: string; sequence: number; lines: LogLine[] },
): Promise<PushBatchResponse> {
  return new Promise((resolve, reject) =>
    client.pushBatch({ batch }, (error: ServiceError | null, response: PushBatchResponse) =>
      error ? reject(error) : resolve(response),
    ),
  );
}

/** The ServiceError a call failed with; fails the test when it succeeded. */
export async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** Streams every request on one Push call and collects the acks and the final status. */
export function pushAll(
  client: IngestServiceClient,
  requests: readonly PushRequest[],
): Promise<{ acks: PushAck[]; status: StatusObject }> {
  return new Promise((resolve) => {
    const acks: PushAck[] = [];
    const call = client.push();
    call.on('data', (ack: PushAck) => acks.push(ack));
    // The status event reports failures too; without a listener an 'error' event would throw.
    call.on('error', () => undefined);
    call.on('status', (status: StatusObject) => resolve({ acks, status }));
    for (const request of requests) call.write(request);
    call.end();
  });
}

/** Metadata carrying an API key, for raw clients. */
export function keyMetadata(apiKey: string): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${apiKey}`);
  return metadata;
}

/** Every message of a stream, oldest first. */
export async function storedMessages(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  if (state.messages === 0) return messages;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    messages.push(await jsm.streams.getMessage(stream, { seq }));
  }
  return messages;
}

/** The decoded payloads of a stream's messages. */
export async function storedBatches(jsm: JetStreamManager, stream: string): Promise<RawBatch[]> {
  return (await storedMessages(jsm, stream)).map((m) => RawBatch.decode(m.data));
}
