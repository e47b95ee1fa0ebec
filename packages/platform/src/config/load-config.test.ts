import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { describeConfig, loadConfig } from './load-config.js';
import {
  durationSetting,
  listSetting,
  optional,
  portSetting,
  secretSetting,
  stringSetting,
  urlSetting,
} from './setting.js';

const spec = {
  natsUrl: urlSetting('LOGLENS_NATS_URL', ['nats', 'tls'], {
    default: 'nats://127.0.0.1:4222',
    doc: 'NATS URL',
  }),
  ackWait: durationSetting('LOGLENS_ACK_WAIT', { default: '30s', doc: 'ack wait' }),
  port: portSetting('LOGLENS_PORT', { default: '9464', doc: 'port' }),
  tenants: listSetting('LOGLENS_TENANTS', { default: '', doc: 'tenants' }),
  region: optional(stringSetting('LOGLENS_REGION', { doc: 'region' })),
};

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    expect(loadConfig(spec, {})).toEqual({
      natsUrl: 'nats://127.0.0.1:4222',
      ackWait: 30_000,
      port: 9464,
      tenants: [],
      region: undefined,
    });
  });

  it('reads and converts environment variables, treating empty ones as unset', () => {
    const config = loadConfig(spec, {
      LOGLENS_NATS_URL: 'tls://nats:4222',
      LOGLENS_ACK_WAIT: '500ms',
      LOGLENS_PORT: '',
    });
    expect(config.natsUrl).toBe('tls://nats:4222');
    expect(config.ackWait).toBe(500);
    expect(config.port).toBe(9464);
  });

  it('reports every bad variable at once, naming it and the value found', () => {
    const error = configError(() =>
      loadConfig(spec, { LOGLENS_NATS_URL: 'foo', LOGLENS_ACK_WAIT: '10', LOGLENS_PORT: '99999' }),
    );
    expect(error.issues).toEqual([
      { variable: 'LOGLENS_NATS_URL', message: 'expected a nats:// or tls:// URL, got "foo"' },
      {
        variable: 'LOGLENS_ACK_WAIT',
        message: 'expected a duration like 500ms, 10s, 5m, 2h or 7d, got "10"',
      },
      { variable: 'LOGLENS_PORT', message: 'expected an integer between 0 and 65535, got "99999"' },
    ]);
    expect(error.message).toContain('LOGLENS_NATS_URL: expected a nats:// or tls:// URL, got "foo"');
  });

  it('names a missing required variable', () => {
    const error = configError(() =>
      loadConfig({ key: secretSetting('LOGLENS_API_KEY', { doc: 'key' }) }, {}),
    );
    expect(error.issues).toEqual([
      { variable: 'LOGLENS_API_KEY', message: 'is required: expected a non-empty string' },
    ]);
  });

  it('never echoes a secret value', () => {
    const spec2 = {
      key: secretSetting('LOGLENS_API_KEY', { doc: 'key' }),
      n: portSetting('N', { doc: 'n' }),
    };
    const error = configError(() => loadConfig(spec2, { LOGLENS_API_KEY: 'hunter2', N: 'x' }));
    expect(error.message).not.toContain('hunter2');
  });

  it('reads a YAML file below the environment and above defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    const file = join(dir, 'loglens.yaml');
    writeFileSync(file, 'ackWait: 5m\nport: 8080\ntenants: [a, b]\nnatsUrl: nats://file:4222\n');
    const config = loadConfig(spec, { LOGLENS_CONFIG_FILE: file, LOGLENS_NATS_URL: 'nats://env:4222' });
    expect(config).toMatchObject({
      natsUrl: 'nats://env:4222',
      ackWait: 300_000,
      port: 8080,
      tenants: ['a', 'b'],
    });
  });

  it('names the file key of a bad file value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    const file = join(dir, 'loglens.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty', ackWait: { nested: true } }));
    const error = configError(() => loadConfig(spec, {}, { file }));
    expect(error.issues.map((i) => i.variable)).toEqual([
      `LOGLENS_ACK_WAIT (key "ackWait" of ${file})`,
      `LOGLENS_PORT (key "port" of ${file})`,
    ]);
  });

  it('reports an unreadable file', () => {
    const error = configError(() => loadConfig(spec, { LOGLENS_CONFIG_FILE: '/nonexistent/loglens.yaml' }));
    expect(error.issues[0]?.variable).toBe('LOGLENS_CONFIG_FILE');
  });

  it('describes its settings for documentation', () => {
    expect(describeConfig(spec)[0]).toEqual({
      field: 'natsUrl',
      env: 'LOGLENS_NATS_URL',
      default: 'nats://127.0.0.1:4222',
      required: false,
      expected: 'a nats:// or tls:// URL',
      doc: 'NATS URL',
    });
  });
});
