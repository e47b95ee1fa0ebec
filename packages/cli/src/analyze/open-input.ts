import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../usage-error.js';

/** A stream of raw bytes to analyze, with its size when known (for progress). */
export interface AnalyzeInput {
  readonly name: string;
  readonly sizeBytes?: number;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Bytes read from the source so far (compressed bytes for a gzip file), for progress. */
  bytesRead(): number;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * Yields the bytes of `source`, gunzipping on the fly when the content starts with the gzip magic bytes
 * (whatever the file is called). Memory stays bounded: nothing is read ahead beyond the stream buffers.
 */
async function* decompressIfGzip(source: AsyncIterable<Buffer>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    yield head;
    yield* rest;
    return;
  }
  const gunzip = createGunzip();
  const feed = (async () => {
    try {
      if (!gunzip.write(head)) await new Promise((r) => gunzip.once('drain', r));
      for await (const chunk of rest) {
        if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
      }
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  })();
  yield* gunzip as AsyncIterable<Buffer>;
  await feed;
}

/** Opens a file path, or standard input for `-`, as an AnalyzeInput. */
export async function openInput(path: string, stdin: Readable = process.stdin): Promise<AnalyzeInput> {
  if (path === '-') {
    let read = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of stdin as AsyncIterable<Buffer>) {
        read += chunk.length;
        yield chunk;
      }
    }
    return { name: 'stdin', chunks: decompressIfGzip(counted()), bytesRead: () => read };
  }
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      err.code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${err.message}`,
    );
  });
  if (info.isDirectory())
    throw new UsageError(`${path} is a directory: give a log file, or - for standard input`);
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  return {
    name: path,
    sizeBytes: info.size,
    chunks: decompressIfGzip(stream as AsyncIterable<Buffer>),
    bytesRead: () => stream.bytesRead,
  };
}
