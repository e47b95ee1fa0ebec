import { ExportFormat, Level, LogEvent } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import { ChunkBuffer, csvField, encodeEvent, rfc3339 } from './export-format.js';

const event = (): LogEvent =>
  LogEvent.fromPartial({
    source: 'ns/app',
    time: { seconds: 1_714_557_600, nanos: 120_000_000 },
    level: Level.LEVEL_INFO,
    text: 'Hello, "world"',
    templateId: 't1',
  });

describe('export encoding', () => {
  it('quotes CSV fields by RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
  it('writes RFC 3339 times with 0, 3, 6 or 9 fraction digits', () => {
    expect(rfc3339({ seconds: 0, nanos: 0 })).toBe('1970-01-01T00:00:00Z');
    expect(rfc3339({ seconds: 0, nanos: 5_000_000 })).toBe('1970-01-01T00:00:00.005Z');
    expect(rfc3339({ seconds: 0, nanos: 5_000 })).toBe('1970-01-01T00:00:00.000005Z');
    expect(rfc3339({ seconds: 0, nanos: 5 })).toBe('1970-01-01T00:00:00.000000005Z');
  });
  it('encodes one record per format', () => {
    expect(encodeEvent(ExportFormat.EXPORT_FORMAT_CSV, event())).toBe(
      '2024-05-01T10:00:00.120Z,info,ns/app,t1,,"Hello, ""world"""\r\n',
    );
    expect(encodeEvent(ExportFormat.EXPORT_FORMAT_TEXT, event())).toBe(
      '2024-05-01T10:00:00.120Z INFO Hello, "world"\n',
    );
    expect(JSON.parse(encodeEvent(ExportFormat.EXPORT_FORMAT_JSON_LINES, event()))).toMatchObject({
      level: 'LEVEL_INFO',
      text: 'Hello, "world"',
    });
  });
  it('cuts chunks on record boundaries near the chunk size', () => {
    const buffer = new ChunkBuffer(10);
    expect(buffer.push('12345\n')).toBeUndefined();
    expect(buffer.push('6789\n')?.toString()).toBe('12345\n');
    expect(buffer.flush()?.toString()).toBe('6789\n');
    expect(buffer.flush()).toBeUndefined();
  });
});
