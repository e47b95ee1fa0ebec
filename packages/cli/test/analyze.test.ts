import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const example = new URL('../../../examples/checkout-service.log', import.meta.url).pathname;

/** Runs the CLI in-process and captures what it writes. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const write = process.stdout.write.bind(process.stdout);
  const error = console.error;
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    return true;
  };
  console.error = (line: string) => (stderr += `${line}\n`);
  try {
    const code = await main(['node', 'loglens', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = write;
    console.error = error;
  }
}

interface JsonReport {
  summary: {
    lines: number;
    records: number;
    templates: number;
    redactions: Record<string, number>;
    formats: Record<string, number>;
  };
  templates: { template: string; count: number; example: string; levels: Record<string, number> }[];
  timeline?: { buckets: unknown[] };
  anomalies: {
    kind: string;
    scope: { start: number; end: number };
    explanation: string;
    contributions: { template: string }[];
  }[];
  episodes: {
    kind: string;
    start: number;
    end: number;
    results: number;
    peak: { contributions: { template: string }[] };
  }[];
}

describe('loglens analyze', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loglens-analyze-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports templates, redactions, a timeline and the planted incident of the example log', async () => {
    const { code, stdout } = await run('analyze', example, '--format', 'json', '--top', '50');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.summary.lines).toBe(7767);
    expect(report.summary.formats['text-header']).toBe(report.summary.records);
    expect(report.summary.redactions.password).toBeGreaterThan(0);
    expect(report.summary.redactions['api-key']).toBeGreaterThan(0);
    expect(report.templates.reduce((s, t) => s + t.count, 0)).toBe(report.summary.records);
    const outage = report.templates.find((t) =>
      t.template.startsWith('checkout-db - Connection is not available'),
    );
    expect(outage?.levels.error).toBe(outage?.count);
    expect(outage?.example).toMatch(/⟨\d+ms⟩/);
    expect(report.timeline?.buckets.length).toBeGreaterThan(100);
    // The outage runs 10:35–10:42 UTC: an error surge there must be found and name the timeout template.
    const from = Date.parse('2026-11-20T10:35:00Z');
    const to = Date.parse('2026-11-20T10:42:00Z');
    const found = report.anomalies.filter((a) => a.scope.start >= from && a.scope.start < to);
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.some((a) =>
        a.contributions.some((c) => c.template.startsWith('checkout-db - Connection is not available')),
      ),
    ).toBe(true);
    // The surge's minutes are one episode, led by its strongest window.
    const surge = report.episodes.filter((e) => e.kind === 'error-surge' && e.start >= from && e.start < to);
    expect(surge).toHaveLength(1);
    expect(surge[0]?.results).toBeGreaterThanOrEqual(5);
    expect(surge[0]?.end).toBeGreaterThan(Date.parse('2026-11-20T10:40:00Z'));
    expect(surge[0]?.peak.contributions[0]?.template).toMatch(/^checkout-db - Connection is not available/);
    // The miner generalised the failed-POST template within the surge's first minute: it is named once.
    const posts = surge[0]?.peak.contributions.filter((c) => c.template.startsWith('POST <*> user='));
    expect(posts?.map((c) => c.template)).toEqual(['POST <*> user=<*> failed: status=<*> took=<*>']);
    // The declined-card error is news once: recurring about once a window after that, it is no surprise.
    const declined = report.episodes.filter((e) =>
      e.peak.contributions[0]?.template.startsWith('Order <*> rejected: card declined'),
    );
    expect(declined.map((e) => [e.kind, e.results])).toEqual([['new-template', 1]]);
    // A URL whose query was redacted is one value, markers included.
    expect(report.templates.map((t) => t.template)).toContain('Retrying with config url=https://<*>');
    // Nothing secret is printed.
    expect(stdout).not.toContain('hunter2');
    expect(stdout).not.toMatch(/api_key=ak_demo_[0-9a-f]/);
  });

  it('reads gzip files and standard input the same as plain files', async () => {
    const text = 'alpha 1 ok\nalpha 2 ok\nbeta failed\n';
    const plain = join(dir, 'small.log');
    const gz = join(dir, 'small.log.whatever');
    await writeFile(plain, text);
    await writeFile(gz, gzipSync(text));
    const a = JSON.parse((await run('analyze', plain, '--format', 'json')).stdout) as JsonReport;
    const b = JSON.parse((await run('analyze', gz, '--format', 'json')).stdout) as JsonReport;
    expect(b.templates).toEqual(a.templates);
    expect(a.summary.lines).toBe(3);
  });

  it('prints a readable table', async () => {
    const { code, stdout } = await run('analyze', example, '--top', '5');
    expect(code).toBe(0);
    expect(stdout).toContain('Templates (top 5 of');
    expect(stdout).toContain('Volume by level');
    expect(stdout).toContain('Anomalies');
  });

  it.each([
    ['an empty file', ''],
    ['binary garbage', Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256))],
    ['one 3 MB line', 'x'.repeat(3_000_000)],
  ])('survives %s', async (_name, content) => {
    const file = join(dir, 'odd.log');
    await writeFile(file, content);
    const { code, stdout } = await run('analyze', file, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty('summary');
  });

  it('exits 2 with a clear message for a missing file or a bad option', async () => {
    const missing = await run('analyze', join(dir, 'nope.log'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect((await run('analyze', example, '--top', '0')).code).toBe(2);
    expect((await run('analyze', example, '--format', 'xml')).code).toBe(2);
  });
});
