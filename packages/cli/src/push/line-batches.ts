import { StringDecoder } from 'node:string_decoder';

/** Cuts a line to at most `maxBytes` of UTF-8, never in the middle of a character. */
export function truncateUtf8(line: string, maxBytes: number): string {
  if (Buffer.byteLength(line) <= maxBytes) return line;
  return Buffer.from(line)
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

/**
 * The lines of a byte stream (UTF-8, `\n` or `\r\n` endings), each cut to `maxLineBytes`; `onTruncated` hears
 * of every cut line. Memory stays bounded: a line is never held beyond its limit.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  onTruncated: () => void = () => undefined,
): AsyncGenerator<string, void, undefined> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let overlong = false;
  const finish = (line: string): string => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (overlong || Buffer.byteLength(text) > maxLineBytes) onTruncated();
    overlong = false;
    return truncateUtf8(text, maxLineBytes);
  };
  for await (const chunk of chunks) {
    const parts = (partial + decoder.write(Buffer.from(chunk))).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) yield finish(line);
    // A line without an end yet keeps only what can be sent (plus one character to notice the cut).
    if (partial.length > maxLineBytes) {
      partial = partial.slice(0, maxLineBytes + 1);
      overlong = true;
    }
  }
  partial += decoder.end();
  if (partial !== '') yield finish(partial);
}

/** Limits of one batch. */
export interface BatchLimits {
  readonly maxLines: number;
  /** Of the encoded lines, estimated as their UTF-8 text plus `lineOverheadBytes` each. */
  readonly maxBytes: number;
  readonly lineOverheadBytes: number;
}

/** Groups lines into batches of at most `maxLines` lines and about `maxBytes` bytes, in order. */
export async function* batchLines(
  lines: AsyncIterable<string>,
  limits: BatchLimits,
): AsyncGenerator<string[], void, undefined> {
  let batch: string[] = [];
  let bytes = 0;
  for await (const line of lines) {
    const size = Buffer.byteLength(line) + limits.lineOverheadBytes;
    if (batch.length > 0 && (batch.length >= limits.maxLines || bytes + size > limits.maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(line);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
