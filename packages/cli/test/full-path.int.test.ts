/**
 * The whole data path through the served modules: `loglens push` → ingest → JetStream → parser → PostgreSQL
 * → query, read back with `loglens logs`, `templates`, `volume`, `export` and `tail`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startStack, type ServedStack } from './client-harness.js';

/** Lines of three formats, one record each, stamped around `baseMs`. */
function appLines(count: number, baseMs: number, tag: string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const ts = new Date(baseMs + i * 10).toISOString();
    const user = `u${1000 + ((i * 7919) % 9000)}`;
    switch (i % 3) {
      case 0:
        return `${ts} INFO order ${1000 + i} created for user ${user} (${tag})`;
      case 1:
        return `${ts} ERROR payment for order ${1000 + i} failed after ${i % 90} ms (${tag})`;
      default:
        return `${ts} WARN cache miss for key user:${i} (${tag})`;
    }
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('push → ingest → parser → query', () => {
  let stack: ServedStack;
  let dir: string;
  let server: string[];
  const base = Date.now() - 60_000;
  const lines = appLines(600, base, 'first');

  beforeAll(async () => {
    stack = await startStack('ingest,parser,query');
    dir = await mkdtemp(join(tmpdir(), 'loglens-full-path-'));
    server = ['--server', stack.address];
    await writeFile(join(dir, 'app.log'), `${lines.join('\n')}\n`);
    const pushed = await run(
      ['push', join(dir, 'app.log'), '--source', 'shop/app', '--batch-lines', '100', ...server],
      stack.key,
    );
    expect(pushed.code).toBe(0);
  });

  afterAll(async () => {
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const allEvents = async (): Promise<{ id: string; text: string; level: string; templateId: string }[]> => {
    const { code, out } = await run(
      ['logs', '--source', 'shop/app', '--limit', '0', '--output', 'jsonl', ...server],
      stack.key,
    );
    expect(code).toBe(0);
    return out.map((l) => JSON.parse(l) as { id: string; text: string; level: string; templateId: string });
  };

  it('stores every pushed line once, with levels and templates, newest first', async () => {
    const events = await waitFor('all lines queryable', async () => {
      const found = await allEvents();
      return found.length >= lines.length ? found : undefined;
    });
    expect(events).toHaveLength(lines.length);
    expect(new Set(events.map((e) => e.id)).size).toBe(lines.length);
    expect(events.map((e) => e.text).sort()).toEqual(
      lines.map((l) => l.slice(l.indexOf(' ') + 1).replace(/^(INFO|ERROR|WARN) /, '')).sort(),
    );
    expect(events.filter((e) => e.level.toLowerCase().includes('error'))).toHaveLength(200);
  });

  it('lists the three templates with counts that add up, and volume by level', async () => {
    const listed = await run(['templates', '--source', 'shop/app', '--output', 'json', ...server], stack.key);
    expect(listed.code).toBe(0);
    const templates = JSON.parse(listed.out.join('\n')) as { text: string; count: string | number }[];
    expect(templates.map((t) => t.text).sort()).toEqual([
      'cache miss for key user:<*> (first)',
      'order <*> created for user <*> (first)',
      'payment for order <*> failed after <*> ms (first)',
    ]);
    expect(templates.reduce((n, t) => n + Number(t.count), 0)).toBe(lines.length);
  });

  it('exports every line as JSON lines', async () => {
    const out = join(dir, 'export.jsonl');
    const exported = await run(
      ['export', '--source', 'shop/app', '--format', 'jsonl', '--out', out, ...server],
      stack.key,
    );
    expect(exported.code).toBe(0);
    const rows = (await readFile(out, 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(lines.length);
  });

  it('tails lines pushed after it started', async () => {
    const startMs = Date.now();
    const later = appLines(30, startMs, 'later');
    await writeFile(join(dir, 'later.log'), `${later.join('\n')}\n`);
    // --since replays what is already stored from that time, so the push may land before or after the
    // subscription without a line being missed.
    const since = new Date(startMs - 1000).toISOString();
    const tail = run(
      [
        'tail',
        '--source',
        'shop/app',
        '--since',
        since,
        '--grep',
        '(later)',
        '--count',
        '30',
        '--output',
        'jsonl',
        ...server,
      ],
      stack.key,
    );
    const pushed = await run(['push', join(dir, 'later.log'), '--source', 'shop/app', ...server], stack.key);
    expect(pushed.code).toBe(0);
    const { code, out } = await tail;
    expect(code).toBe(0);
    expect(new Set(out.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(30);
  });
});
