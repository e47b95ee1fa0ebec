import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { componentLogger, createLogger } from './create-logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the level name, logger name and component', () => {
    const out = capture();
    const root = createLogger({ name: 'ingest', level: 'debug', destination: out.stream });
    componentLogger(root, 'nats').debug({ subject: 'logs.raw.a.1' }, 'published');
    expect(out.lines()[0]).toMatchObject({
      level: 'debug',
      name: 'ingest',
      component: 'nats',
      subject: 'logs.raw.a.1',
      msg: 'published',
    });
  });

  it('redacts secrets at several depths', () => {
    const out = capture();
    const log = createLogger({ name: 't', destination: out.stream, redact: ['custom.field'] });
    log.info({
      apiKey: 'k1',
      tenant: { apiKey: 'k2', name: 'acme' },
      req: { headers: { authorization: 'Bearer x' } },
      db: { password: 'p' },
      custom: { field: 'c' },
    });
    const text = JSON.stringify(out.lines()[0]);
    for (const secret of ['k1', 'k2', 'Bearer x', '"p"', '"c"']) expect(text).not.toContain(secret);
    expect(out.lines()[0]).toMatchObject({ tenant: { apiKey: '[redacted]', name: 'acme' } });
  });

  it('honours the level', () => {
    const out = capture();
    const log = createLogger({ name: 't', level: 'warn', destination: out.stream });
    log.info('hidden');
    log.warn('shown');
    expect(out.lines().map((l) => l.msg)).toEqual(['shown']);
  });
});
