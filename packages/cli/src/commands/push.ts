import { hostname } from 'node:os';
import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { status } from '@grpc/grpc-js';
import { parseByteSize } from '@loglens/platform/client';
import { IngestServiceClient, timestampFromMillis, type LogLine } from '@loglens/proto';
import { describe } from './catalog.js';
import { openInput } from '../analyze/open-input.js';
import { ProgressLine } from '../analyze/progress.js';
import { describeCallError } from '../client/call-errors.js';
import {
  DEFAULT_SERVER,
  openClient,
  withConnectionOptions,
  type ConnectionFlags,
} from '../client/connection.js';
import { wholeNumber } from '../client/filter-flags.js';
import { batchLines, readLines } from '../push/line-batches.js';
import { PushWindow } from '../push/push-window.js';

interface PushFlags extends ConnectionFlags {
  readonly source: string;
  readonly stream?: string;
  readonly batchLines: number;
  readonly batchBytes: number;
  readonly window: number;
  readonly maxRetries: number;
  readonly maxLineBytes: number;
}

function byteSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined || bytes < 1024)
    throw new InvalidArgumentError('expected a size like 512KiB or 1MiB (at least 1KiB)');
  return bytes;
}

// Bytes a line costs on the wire besides its text: time, attributes ({file}), field tags.
const LINE_OVERHEAD_BYTES = 48;

/** `loglens push FILE...`: ships log files (or stdin) to the ingest service in numbered, acked batches. */
export function registerPush(program: Command): void {
  withConnectionOptions(
    program
      .command('push')
      .description(describe('push'))
      .argument('<files...>', 'log files, or - for standard input')
      .requiredOption('--source <ns/name>', 'the LogSource the lines belong to, as <namespace>/<name>')
      .option(
        '--stream <name>',
        'stream name; re-pushing with the same stream stores nothing twice (default: unique per run)',
      )
      .option('--batch-lines <n>', 'most lines per batch', wholeNumber(1), 1000)
      .option('--batch-bytes <size>', 'most bytes per batch, about', byteSize, 1024 * 1024)
      .option('--window <n>', 'most batches sent and not yet acknowledged', wholeNumber(1), 8)
      .option('--max-retries <n>', 'failed attempts in a row before giving up', wholeNumber(0), 10)
      .option(
        '--max-line-bytes <size>',
        'cut longer lines to this size (the server refuses longer ones)',
        byteSize,
        64 * 1024,
      ),
  ).action(async (files: string[], flags: PushFlags) => {
    const server = flags.server ?? DEFAULT_SERVER;
    const stream = flags.stream ?? `cli/${hostname()}/${process.pid}-${Date.now()}`;
    const client = openClient(IngestServiceClient, flags);
    const totals = { lines: 0, batches: 0, acked: 0, duplicates: 0, retries: 0, truncated: 0 };
    const window = new PushWindow({
      open: () => client.push(),
      window: flags.window,
      maxAttempts: flags.maxRetries,
      onAck: (ack) => {
        totals.acked += ack.acceptedCount;
        if (ack.duplicate) totals.duplicates++;
      },
      onRetry: (code, delayMs, attempt) => {
        totals.retries++;
        console.error(`loglens: ${status[code]} from ${server}; retry ${attempt} in ${delayMs} ms`);
      },
    });
    try {
      for (const file of files) {
        const input = await openInput(file);
        const name = file === '-' ? 'stdin' : basename(file);
        const progress = new ProgressLine(process.stderr, input.sizeBytes);
        const lines = readLines(input.chunks, flags.maxLineBytes, () => totals.truncated++);
        const limits = {
          maxLines: flags.batchLines,
          maxBytes: flags.batchBytes,
          lineOverheadBytes: LINE_OVERHEAD_BYTES + name.length,
        };
        for await (const texts of batchLines(lines, limits)) {
          const time = timestampFromMillis(Date.now());
          const batchLinesOut: LogLine[] = texts.map((text) => ({
            text,
            time,
            attributes: { file: name },
            levelHint: 0,
            sourceHint: '',
          }));
          await window.send({
            source: flags.source,
            stream,
            sequence: ++totals.batches,
            lines: batchLinesOut,
          });
          totals.lines += texts.length;
          progress.update(totals.acked, input.bytesRead());
        }
        progress.done();
      }
      await window.close();
    } catch (error) {
      throw describeCallError(error, server);
    } finally {
      client.close();
    }
    const extras = [
      `${totals.duplicates} duplicate batches`,
      `${totals.retries} retries`,
      ...(totals.truncated > 0 ? [`${totals.truncated} lines cut to ${flags.maxLineBytes} bytes`] : []),
    ];
    console.error(
      `loglens: pushed ${totals.acked} lines in ${totals.batches} batches to ${server} (source ${flags.source}, stream ${stream}; ${extras.join(', ')})`,
    );
  });
}
