import { randomUUID, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A small S3-compatible HTTP server (path-style, in memory): the calls an archive upload and read-back make. */
export interface S3TestServer {
  readonly endpoint: string;
  /** Stored objects by `bucket/key`. */
  readonly objects: Map<string, Buffer>;
  /** One line per request: the S3 operation it was. */
  readonly operations: string[];
  stop(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function xml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function error(response: ServerResponse, status: number, code: string, head = false): void {
  if (head) {
    response.writeHead(status);
    response.end();
  } else xml(response, status, `<Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

const etag = (data: Buffer) => `"${createHash('md5').update(data).digest('hex')}"`;

/** Starts the server on a free loopback port with the given buckets. */
export async function startS3TestServer(buckets: readonly string[]): Promise<S3TestServer> {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, Map<number, Buffer>>();
  const operations: string[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://s3.test');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const path = `${bucket}/${key}`;
    const uploadId = url.searchParams.get('uploadId');
    const method = request.method ?? 'GET';
    const body = await bodyOf(request);
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return error(response, 403, 'AccessDenied', method === 'HEAD');
    }
    if (!buckets.includes(bucket)) return error(response, 404, 'NoSuchBucket', method === 'HEAD');

    if (method === 'POST' && url.searchParams.has('uploads')) {
      operations.push('CreateMultipartUpload');
      const id = randomUUID();
      uploads.set(id, new Map());
      return xml(
        response,
        200,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (uploadId !== null) {
      const parts = uploads.get(uploadId);
      if (!parts) return error(response, 404, 'NoSuchUpload');
      if (method === 'PUT') {
        operations.push('UploadPart');
        parts.set(Number(url.searchParams.get('partNumber')), body);
        response.writeHead(200, { etag: etag(body) });
        return void response.end();
      }
      if (method === 'POST') {
        operations.push('CompleteMultipartUpload');
        const numbers = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) =>
          Number(m[1]),
        );
        const data = Buffer.concat(numbers.map((n) => parts.get(n) ?? Buffer.alloc(0)));
        objects.set(path, data);
        uploads.delete(uploadId);
        return xml(
          response,
          200,
          `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>${etag(data)}</ETag></CompleteMultipartUploadResult>`,
        );
      }
      if (method === 'DELETE') {
        operations.push('AbortMultipartUpload');
        uploads.delete(uploadId);
        response.writeHead(204);
        return void response.end();
      }
    }
    if (method === 'PUT') {
      operations.push('PutObject');
      objects.set(path, body);
      response.writeHead(200, { etag: etag(body) });
      return void response.end();
    }
    if (method === 'GET' || method === 'HEAD') {
      operations.push(method === 'GET' ? 'GetObject' : 'HeadObject');
      const data = objects.get(path);
      if (!data) return error(response, 404, 'NoSuchKey', method === 'HEAD');
      response.writeHead(200, { 'content-length': data.length, etag: etag(data) });
      return void response.end(method === 'GET' ? data : undefined);
    }
    error(response, 405, 'MethodNotAllowed');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => error(response, 500, 'InternalError'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    operations,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
