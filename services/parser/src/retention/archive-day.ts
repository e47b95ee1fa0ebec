import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { partitionName, type Day } from '@loglens/platform';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ArchiveTarget } from './archive-target.js';
import { archiveName } from './retention-rules.js';

/** One day written to the archive. */
export interface DayArchive {
  readonly day: Day;
  readonly name: string;
  readonly rows: number;
  /** Compressed size. */
  readonly bytes: number;
}

/** The archive read back does not hold the rows that were written. */
export class ArchiveVerificationError extends Error {
  override readonly name = 'ArchiveVerificationError';
}

const NEWLINE = 0x0a;
// Copies of the same day happen only when rows arrive after a day was archived; a few are plenty.
const MAX_COPIES = 100;

/**
 * Turns COPY text output of one JSON column into JSON lines. JSON text holds no raw control characters, so the
 * only escape COPY adds is a doubled backslash; undoing it line by line gives the JSON back exactly.
 */
class JsonLinesFromCopy extends Transform {
  rows = 0;
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.rest + this.decoder.write(chunk);
    const end = text.lastIndexOf('\n');
    this.rest = text.slice(end + 1);
    if (end >= 0) {
      const lines = text.slice(0, end + 1);
      this.rows += lines.split('\n').length - 1;
      this.push(lines.replaceAll('\\\\', '\\'));
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    const last = this.rest + this.decoder.end();
    if (last !== '') done(new Error('COPY output did not end with a newline'));
    else done();
  }
}

/** Counts the bytes that pass. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

async function freeName(target: ArchiveTarget, day: Day): Promise<string> {
  for (let copy = 0; copy < MAX_COPIES; copy++) {
    const name = archiveName(day, copy);
    if (!(await target.exists(name))) return name;
  }
  throw new Error(`${MAX_COPIES} archives of ${day} exist already`);
}

/** Counts the lines of a gzipped archive as stored. */
export async function countArchivedRows(target: ArchiveTarget, name: string): Promise<number> {
  let rows = 0;
  await pipeline(
    await target.read(name),
    createGunzip(),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const byte of chunk) if (byte === NEWLINE) rows++;
        done();
      },
    }),
  );
  return rows;
}

/**
 * Streams every row of a day's partition, as `row_to_json` lines ordered by `(ts, id)`, through gzip into the
 * target, then reads the archive back and checks its row count. Memory stays bounded: COPY, gzip and the
 * target are piped with back-pressure. Uses a connection of its own, closed on failure: a COPY cut short
 * leaves the connection in the middle of the protocol.
 */
export async function archiveDay(pool: Pool, day: Day, target: ArchiveTarget): Promise<DayArchive> {
  const name = await freeName(target, day);
  // The name comes from a validated day, never from input, so quoting it is enough.
  const table = `"${partitionName(day)}"`;
  const lines = new JsonLinesFromCopy();
  const counter = new ByteCounter();
  const client = await pool.connect();
  try {
    await client.query('begin');
    // A big day takes longer than the pool's statement timeout; this transaction only reads.
    await client.query('set local statement_timeout = 0');
    const rows = client.query(
      copyTo(`copy (select row_to_json(e)::text from ${table} e order by ts, id) to stdout`),
    );
    const written = target.write(name, counter).catch((error: unknown) => {
      counter.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    await Promise.all([pipeline(rows, lines, createGzip(), counter), written]);
    await client.query('commit');
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  const readBack = await countArchivedRows(target, name);
  if (readBack !== lines.rows) {
    throw new ArchiveVerificationError(
      `archive ${name} at ${target.location} holds ${readBack} rows, ${lines.rows} were written`,
    );
  }
  return { day, name, rows: lines.rows, bytes: counter.bytes };
}
