import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { parseByteSize } from './byte-size.js';
import {
  booleanSetting,
  byteSizeSetting,
  durationSetting,
  enumSetting,
  listSetting,
  portSetting,
  urlListSetting,
  urlSetting,
  type Setting,
} from './setting.js';

const doc = { doc: 'test' };

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1_500],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    [' 30s ', 30_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 's', '10 parsecs', '-5s', '5 m', '1e3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [120_000, '2m'],
    [1_500, '1500ms'],
    [86_400_000, '1d'],
  ])('formats %d as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('parseByteSize', () => {
  it.each([
    ['512', 512],
    ['64KiB', 65_536],
    ['1MB', 1_000_000],
    ['1mib', 1_048_576],
    ['2GiB', 2_147_483_648],
    ['1.5KB', 1_500],
    ['10 MiB', 10_485_760],
  ])('%s → %d bytes', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it.each(['', 'KiB', '1XB', '-1MB', '1 2MB'])('rejects %j', (text) =>
    expect(parseByteSize(text)).toBeUndefined(),
  );
});

interface Case {
  readonly setting: Setting<unknown>;
  readonly input: string;
  readonly ok?: unknown;
  readonly error?: string;
}

const cases: readonly Case[] = [
  { setting: booleanSetting('B', doc), input: 'TRUE', ok: true },
  { setting: booleanSetting('B', doc), input: 'off', ok: false },
  { setting: booleanSetting('B', doc), input: 'maybe', error: 'expected a boolean' },
  { setting: portSetting('P', doc), input: '0', ok: 0 },
  { setting: portSetting('P', doc), input: '8080', ok: 8080 },
  { setting: portSetting('P', doc), input: '65536', error: 'expected an integer between 0 and 65535' },
  { setting: portSetting('P', doc), input: '80.5', error: 'expected an integer' },
  { setting: durationSetting('D', doc), input: '5m', ok: 300_000 },
  { setting: durationSetting('D', doc), input: '5', error: 'expected a duration like 500ms' },
  { setting: byteSizeSetting('S', doc), input: '64KiB', ok: 65_536 },
  { setting: byteSizeSetting('S', doc), input: 'lots', error: 'expected a byte size' },
  { setting: listSetting('L', doc), input: ' a, b,,c ', ok: ['a', 'b', 'c'] },
  { setting: enumSetting('E', ['debug', 'info'], doc), input: 'info', ok: 'info' },
  { setting: enumSetting('E', ['debug', 'info'], doc), input: 'loud', error: 'expected one of debug, info' },
  { setting: urlSetting('U', ['nats'], doc), input: 'nats://nats:4222', ok: 'nats://nats:4222' },
  { setting: urlSetting('U', ['nats'], doc), input: 'http://nats:4222', error: 'expected a nats:// URL' },
  { setting: urlSetting('U', ['nats'], doc), input: 'foo', error: 'expected a nats:// URL' },
  {
    setting: urlListSetting('U', ['nats', 'tls'], doc),
    input: 'nats://a:1,tls://b:2',
    ok: ['nats://a:1', 'tls://b:2'],
  },
  {
    setting: urlListSetting('U', ['nats'], doc),
    input: 'nats://a:1,b',
    error: 'expected comma-separated nats:// URLs',
  },
];

describe('settings', () => {
  it.each(cases)('$setting.env = $input', ({ setting, input, ok, error }) => {
    const result = setting.schema.safeParse(input);
    if (error === undefined) {
      expect(result.success).toBe(true);
      expect(result.data).toEqual(ok);
    } else {
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(error);
    }
  });
});
