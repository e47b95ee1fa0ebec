import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes text or bytes, waiting for 'drain' when the destination is slower than the source. */
export async function writeWithBackPressure(destination: Writable, data: string | Uint8Array): Promise<void> {
  if (!destination.write(data)) await once(destination, 'drain');
}

/** Writes every chunk to `path` (or standard output when undefined), honouring back-pressure. */
export async function writeChunks(
  chunks: AsyncIterable<Uint8Array>,
  path: string | undefined,
): Promise<number> {
  const destination = path === undefined ? process.stdout : createWriteStream(path);
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      await writeWithBackPressure(destination, chunk);
    }
  } finally {
    if (destination !== process.stdout) {
      destination.end();
      await once(destination, 'close');
    }
  }
  return bytes;
}
