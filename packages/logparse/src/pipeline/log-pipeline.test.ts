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

  it("learns a new source's header from the whole first chunk before parsing its first line", () => {
    // Alone, the first line reads as if "* 37" belonged to its header.
    const messages = [
      (i: number) => `${i} changes in 300 seconds. Saving...`,
      (i: number) => `Background saving started by pid ${i}`,
      () => 'DB saved on disk',
    ];
    const redis = (i: number): string =>
      `${i % 3 === 2 ? '1423:C' : '1:M'} 20 Nov 2026 09:11:${String(10 + i).padStart(2, '0')}.725 * ${messages[i % 3]!(30 + i)}`;
    const text = `${lines(20, redis)}\n`;
    const pipeline = createLogPipeline();
    const parsed = [...pipeline.push(text), ...pipeline.end()].map((r) => r.parsed.message);
    expect(parsed.slice(0, 3)).toEqual([
      '30 changes in 300 seconds. Saving...',
      'Background saving started by pid 31',
      'DB saved on disk',
    ]);
    expect(pipeline.miner.stats().templates).toBe(3);
    const records = text
      .split('\n')
      .slice(0, 20)
      .map((line, i) => ({ text: line, lineNumber: i + 1, lineCount: 1, truncated: false, invalidUtf8: 0 }));
    const batched = createLogPipeline().processRecords(records);
    expect(batched.map((r) => r.parsed.message)).toEqual(parsed);
  });

  it('mines a one-token first line with the line after it, unless that is a stack frame', () => {
    // .NET's console logger: level and category on the first line, the message on the next.
    const dotnet = [
      'info: Microsoft.AspNetCore.Hosting.Diagnostics[1]',
      '      Request starting HTTP/1.1 GET http://shop/api/items/7 - -',
      'info: Microsoft.AspNetCore.Hosting.Diagnostics[2]',
      '      Request finished HTTP/1.1 GET http://shop/api/items/7 - 200 12.5ms',
      'fail: Shop.Api.OrdersController[0]',
      '      Order 5130 could not be saved',
      'info: Microsoft.AspNetCore.Hosting.Diagnostics[1]',
      '      Request starting HTTP/1.1 GET http://shop/api/items/9 - -',
    ];
    const pipeline = createLogPipeline();
    const out = [...pipeline.push(`${dotnet.join('\n')}\n`), ...pipeline.end()];
    expect(out.map((r) => r.parsed.level)).toEqual(['info', 'info', 'error', 'info']);
    const templates = out.map((r) => pipeline.miner.resolve(r.match.clusterId)?.template);
    expect(templates[0]).toBe(
      'Microsoft.AspNetCore.Hosting.Diagnostics[<*>] Request starting HTTP/<*> GET http://<*> - -',
    );
    expect(templates[1]).toMatch(/Request finished/);
    expect(templates[3]).toBe(templates[0]);
    // A bare exception type over its frames is mined by its first line: frames vary with the call site.
    const trace = (frame: string, lineNumber: number) => ({
      text: `java.lang.NullPointerException\n\tat com.shop.${frame}(X.java:1)`,
      lineNumber,
      lineCount: 2,
      truncated: false,
      invalidUtf8: 0,
    });
    const [a, b] = createLogPipeline().processRecords([trace('A.run', 1), trace('B.call', 3)]);
    expect(a?.match.clusterId).toBe(b?.match.clusterId);
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
