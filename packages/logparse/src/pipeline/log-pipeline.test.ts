import { describe, expect, it } from 'vitest';
import { createLogPipeline } from './log-pipeline.js';

const lines = (n: number, f: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n');

describe('createLogPipeline', () => {
  it('frames, parses headers, redacts and mines in one pass', () => {
    const pipeline = createLogPipeline();
    const text =
      lines(
        20,
        (i) =>
          `2024-05-01 10:00:${String(i).padStart(2, '0')} INFO api: user ${i} logged in password=s3cr${i}`,
      ) + '\n';
    const out = [...pipeline.push(text), ...pipeline.end()];
    expect(out).toHaveLength(20);
    const last = out.at(-1)!;
    expect(last.parsed).toMatchObject({ level: 'info', component: 'api', format: 'text-header' });
    expect(last.parsed.timestamp).toBe(Date.parse('2024-05-01T10:00:19Z'));
    expect(last.parsed.message).not.toContain('s3cr');
    expect(pipeline.miner.resolve(last.match.clusterId)?.template).toBe('user <*> logged in password=<*>');
    expect(pipeline.stats().redactions.password).toBe(20);
    expect(pipeline.stats().formats['text-header']).toBe(20);
  });

  it('mines a record with a stack trace by its first line and keeps the trace in the message', () => {
    const pipeline = createLogPipeline();
    const record = (i: number, frame: string): string =>
      `2024-05-01 10:00:0${i} ERROR api: request ${i} failed\njava.lang.IllegalStateException: boom\n\tat com.example.${frame}(X.java:${i})`;
    const out = [...pipeline.push(`${record(1, 'A.run')}\n${record(2, 'B.call')}\n`), ...pipeline.end()];
    expect(out).toHaveLength(2);
    expect(out[0]!.match.clusterId).toBe(out[1]!.match.clusterId);
    expect(out[1]!.parsed.message).toContain('B.call');
    expect(out[1]!.record.lineCount).toBe(3);
  });

  it('returns the same records whether fed in one chunk or byte by byte', () => {
    const text = lines(30, (i) => `{"level":"warn","msg":"disk ${i}% full","ts":"2024-05-01T10:00:00Z"}`);
    const whole = createLogPipeline();
    const a = [...whole.push(text), ...whole.end()];
    const split = createLogPipeline();
    const bytes = new TextEncoder().encode(text);
    const b = [...Array.from(bytes, (x) => split.push(new Uint8Array([x]))).flat(), ...split.end()];
    expect(b.map((r) => [r.parsed.message, r.match.templateId])).toEqual(
      a.map((r) => [r.parsed.message, r.match.templateId]),
    );
  });
});
