import {
  ExportLogsRequest,
  GetTemplateRequest,
  GetVolumeRequest,
  ListTemplatesRequest,
  QueryLogsRequest,
  QueryServiceClient,
  TailRequest,
  type DeepPartial,
  type ExportLogsResponse,
  type GetTemplateResponse,
  type GetVolumeResponse,
  type ListTemplatesResponse,
  type QueryLogsResponse,
  type TailResponse,
} from '@loglens/proto';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { describeCallError, unary } from './call-errors.js';
import { DEFAULT_SERVER, openClient, type ConnectionFlags } from './connection.js';

/** The QueryService as the CLI uses it: promises and async iterables whose errors read well. */
export interface QueryApi {
  queryLogs(request: DeepPartial<QueryLogsRequest>): Promise<QueryLogsResponse>;
  listTemplates(request: DeepPartial<ListTemplatesRequest>): Promise<ListTemplatesResponse>;
  getTemplate(request: DeepPartial<GetTemplateRequest>): Promise<GetTemplateResponse>;
  getVolume(request: DeepPartial<GetVolumeRequest>): Promise<GetVolumeResponse>;
  exportLogs(request: DeepPartial<ExportLogsRequest>): AsyncIterable<ExportLogsResponse>;
  /** The raw call, so that the command can cancel it. */
  tail(request: DeepPartial<TailRequest>): ClientReadableStream<TailResponse>;
  /** Rethrows a stream's failure as a readable error. */
  describe(error: unknown): Error;
}

async function* readStream<T>(stream: ClientReadableStream<T>, server: string): AsyncGenerator<T> {
  try {
    for await (const item of stream) yield item as T;
  } catch (error) {
    throw describeCallError(error, server);
  } finally {
    stream.cancel();
  }
}

/** Opens a QueryService client for the flags, runs `work` with it and closes it. */
export async function withQueryApi<T>(
  flags: ConnectionFlags,
  work: (api: QueryApi) => Promise<T>,
): Promise<T> {
  const client = openClient(QueryServiceClient, flags);
  const server = flags.server ?? DEFAULT_SERVER;
  const api: QueryApi = {
    queryLogs: (r) => unary(server, (cb) => client.queryLogs(QueryLogsRequest.fromPartial(r), cb)),
    listTemplates: (r) =>
      unary(server, (cb) => client.listTemplates(ListTemplatesRequest.fromPartial(r), cb)),
    getTemplate: (r) => unary(server, (cb) => client.getTemplate(GetTemplateRequest.fromPartial(r), cb)),
    getVolume: (r) => unary(server, (cb) => client.getVolume(GetVolumeRequest.fromPartial(r), cb)),
    exportLogs: (r) => readStream(client.exportLogs(ExportLogsRequest.fromPartial(r)), server),
    tail: (r) => client.tail(TailRequest.fromPartial(r)),
    describe: (error) => describeCallError(error, server),
  };
  try {
    return await work(api);
  } finally {
    client.close();
  }
}
