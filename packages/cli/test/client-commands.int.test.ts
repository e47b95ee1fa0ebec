import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { closeNats, connectNats, parsedSubject, silentLogger } from '@loglens/platform';
import { Level, LogEvent, ParsedBatch, timestampFromMillis } from '@loglens/proto';
import { natsUrl } from '@loglens/testing';
import type { JetStreamManager, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  rawBatches,
  run,
  seedParsed,
  startIngestServer,
  startStack,
  type ServedStack,
} from './client-harness.js';

const START_MS = Date.UTC(2024, 4, 1, 10);

describe('loglens client commands against served ingest and query modules', () => {
  let stack: ServedStack;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let dir: string;
  let server: string[];

  beforeAll(async () => {
    stack = await startStack();
    nc = await connectNats({ servers: natsUrl(), name: 'cli-client-test', logger: silentLogger() });
    jsm = await nc.jetstreamManager();
    dir = await mkdtemp(join(tmpdir(), 'loglens-cli-'));
    server = ['--server', stack.address];
    await seedParsed(stack.database, stack.tenantId, START_MS, 30);
  });

  afterAll(async () => {
    await stack?.stop();
    if (nc) await closeNats(nc);
    await rm(dir, { recursive: true, force: true });
  });

  it('push ships plain and gzip files in numbered batches, every line once and in order', async () => {
    const plain = Array.from({ length: 250 }, (_, i) => `plain line ${i} ✓`);
    const zipped = Array.from({ length: 120 }, (_, i) => `zipped line ${i}`);
    await writeFile(join(dir, 'app.log'), `${plain.join('\r\n')}\r\n`);
    await writeFile(join(dir, 'old.log.gz'), gzipSync(zipped.join('\n')));
    const args = [
      'push',
      join(dir, 'app.log'),
      join(dir, 'old.log.gz'),
      '--source',
      'shop/app',
      '--stream',
      'pod-1',
      '--batch-lines',
      '50',
      ...server,
    ];
    const pushed = await run(args, stack.key);
    expect(pushed.code).toBe(0);
    expect(pushed.err.at(-1)).toMatch(
      /^loglens: pushed 370 lines in 8 batches .*0 duplicate batches, 0 retries\)$/,
    );

    const batches = (await rawBatches(jsm, stack.prefix)).filter((b) => b.stream === 'pod-1');
    expect(batches.map((b) => b.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(
      batches.every((b) => b.tenantId === stack.tenantId && b.source === 'shop/app' && b.lines.length <= 50),
    ).toBe(true);
    expect(batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual([...plain, ...zipped]);
    expect(batches[5]!.lines[0]!.attributes).toEqual({ file: 'old.log.gz' });

    // The same files on the same stream again: acked as duplicates, stored once.
    const again = await run(args, stack.key);
    expect(again.err.at(-1)).toContain('8 duplicate batches');
    expect((await rawBatches(jsm, stack.prefix)).filter((b) => b.stream === 'pod-1')).toHaveLength(8);
  });

  it('push waits out RESOURCE_EXHAUSTED with the server delay and re-sends unacked batches', async () => {
    const limited = await startIngestServer(stack.store, nc, stack.prefix, {
      LOGLENS_INGEST_RATE_LINES: '2000',
      LOGLENS_INGEST_RATE_BURST: '300',
    });
    try {
      const lines = Array.from({ length: 1500 }, (_, i) => `limited ${i}`);
      await writeFile(join(dir, 'burst.log'), lines.join('\n'));
      const args = [
        'push',
        join(dir, 'burst.log'),
        '--source',
        'shop/app',
        '--stream',
        'burst',
        '--batch-lines',
        '100',
        '--window',
        '4',
      ];
      const pushed = await run([...args, '--server', limited.address], stack.key);
      expect(pushed.code).toBe(0);
      expect(pushed.err.some((l) => l.includes('RESOURCE_EXHAUSTED'))).toBe(true);
      const batches = (await rawBatches(jsm, stack.prefix)).filter((b) => b.stream === 'burst');
      expect(batches.map((b) => b.sequence)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(lines);
    } finally {
      await limited.stop();
    }
  });

  it('logs pages through the cursor and filters by level and text', async () => {
    const all = await run(['logs', '--limit', '25', '--output', 'jsonl', ...server], stack.key);
    expect(all.code).toBe(0);
    const events = all.out.map((l) => LogEvent.fromJSON(JSON.parse(l)));
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => `seed/${29 - i}`));

    const errors = await run(
      ['logs', '--level', 'error,fatal', '--grep', 'DECLINED', '--oldest-first', ...server],
      stack.key,
    );
    expect(errors.out).toHaveLength(3);
    expect(errors.out[0]).toBe(
      '2024-05-01T10:00:00Z ERROR shop/checkout order 0 failed: card "declined", retry',
    );
  });

  it('templates lists and shows with parameter statistics; volume counts by level', async () => {
    const list = await run(['templates', '--source', 'shop/checkout', ...server], stack.key);
    expect(list.out[0]).toMatch(/^COUNT\s+LEVEL\s+LAST SEEN\s+SOURCE\s+ID\s+TEMPLATE$/);
    expect(list.out[1]).toMatch(
      /^30\s+INFO\s+2024-05-01T10:00:29Z\s+shop\/checkout\s+tpl-order\s+order <\*> ok$/,
    );

    const show = await run(['templates', 'show', 'tpl-order', '--examples', '2', ...server], stack.key);
    expect(show.out).toContain(
      '  <*>#0  number, 30 distinct: 29 (1), 28 (1), 27 (1), 26 (1), 25 (1), 24 (1), 23 (1), 22 (1), 21 (1), 20 (1)',
    );
    expect(show.out.filter((l) => l.startsWith('  2024-'))).toHaveLength(2);

    const volume = await run(
      [
        'volume',
        '--by',
        'level',
        '--since',
        '2024-05-01T10:00:00Z',
        '--until',
        '2024-05-01T10:03:00Z',
        ...server,
      ],
      stack.key,
    );
    expect(volume.out).toEqual([
      'TIME\tINFO\tERROR',
      '2024-05-01T10:00:00Z\t27\t3',
      '2024-05-01T10:01:00Z\t0\t0',
      '2024-05-01T10:02:00Z\t0\t0',
    ]);
  });

  it('export writes CSV to a file', async () => {
    const out = join(dir, 'errors.csv');
    const exported = await run(
      ['export', '--format', 'csv', '--level', 'error', '--out', out, '--oldest-first', ...server],
      stack.key,
    );
    expect(exported.code).toBe(0);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'time,level,source,template_id,trace_id,text',
      '2024-05-01T10:00:00Z,error,shop/checkout,tpl-order,,"order 0 failed: card ""declined"", retry"',
    ]);
  });

  it('tail prints events published after it started, then stops after --count', async () => {
    let published = false;
    const event = (id: string, level: Level): LogEvent =>
      LogEvent.fromPartial({
        id,
        source: 'shop/checkout',
        level,
        text: `live ${id}`,
        time: timestampFromMillis(START_MS + 60_000),
      });
    const tail = run(
      [
        'tail',
        '--level',
        'error',
        '--since',
        '2024-05-01T10:00:15Z',
        '--count',
        '2',
        '--output',
        'jsonl',
        ...server,
      ],
      stack.key,
      () => {
        if (published) return;
        published = true;
        const batch = ParsedBatch.encode({
          tenantId: stack.tenantId,
          source: 'shop/checkout',
          rawBatchId: 'x',
          events: [event('live/0', Level.LEVEL_INFO), event('live/1', Level.LEVEL_ERROR)],
          generalisations: [],
        }).finish();
        nc.publish(parsedSubject(stack.tenantId, 1, stack.prefix), batch);
      },
    );
    // The replay of seed/20 comes after the subscription is live; its line triggers the publish.
    const { code, out } = await tail;
    expect(code).toBe(0);
    expect(out.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['seed/20', 'live/1']);
  });

  it('reports a bad key, an unknown template and a missing key in one line', async () => {
    const badKey = await run(['logs', ...server], 'llk_0000000000000000_nope');
    expect(badKey).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/^loglens: the server refused the API key/)],
    });
    const unknown = await run(['templates', 'show', 'nope', ...server], stack.key);
    expect(unknown.err).toEqual(['loglens: not found: template "nope" not found']);
    const noKey = await run(['logs', ...server], '');
    expect(noKey).toMatchObject({ code: 2, err: [expect.stringContaining('set LOGLENS_API_KEY')] });
  });
});
