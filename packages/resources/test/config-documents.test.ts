import { readdir, readFile } from 'node:fs/promises';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  AlertRuleSpecSchema,
  ConfigDocumentError,
  LogSourceSpecSchema,
  parseLogSourceConfig,
  toAlertRuleConfig,
  toLogSourceConfig,
  type AlertRule,
  type LogSource,
} from '../src/index.js';

const samples = new URL('../../../k8s/samples/', import.meta.url);

async function loadSamples(): Promise<{ file: string; object: { kind: string; spec: unknown } }[]> {
  const files = (await readdir(samples)).filter((f) => f.endsWith('.yaml'));
  return Promise.all(
    files.map(async (file) => ({
      file,
      object: parse(await readFile(new URL(file, samples), 'utf8')) as { kind: string; spec: unknown },
    })),
  );
}

const meta = { name: 'checkout', namespace: 'shop', uid: 'u-1', generation: 3 };

describe('samples', () => {
  it('include one LogSource and one AlertRule, valid against the spec schemas', async () => {
    const loaded = await loadSamples();
    expect(loaded.map((s) => s.object.kind).sort()).toEqual(['AlertRule', 'LogSource']);
    for (const { file, object } of loaded) {
      const schema = object.kind === 'LogSource' ? LogSourceSpecSchema : AlertRuleSpecSchema;
      const errors = [...Value.Errors(schema, object.spec)].map((e) => `${e.path}: ${e.message}`);
      expect(errors, file).toEqual([]);
    }
  });
});

describe('KV config documents', () => {
  it('apply every default of a minimal LogSource', () => {
    const resource: LogSource = {
      apiVersion: 'loglens.io/v1alpha1',
      kind: 'LogSource',
      metadata: meta,
      spec: { selector: {}, paths: ['/var/log/*.log'] },
    };
    const config = toLogSourceConfig(resource);
    expect(config).toEqual({
      apiVersion: 'loglens.io/v1alpha1',
      kind: 'LogSourceConfig',
      namespace: 'shop',
      name: 'checkout',
      uid: 'u-1',
      generation: 3,
      spec: {
        selector: {},
        paths: ['/var/log/*.log'],
        format: 'auto',
        multiline: { mode: 'auto', maxLines: 500 },
        mining: { maxTemplates: 10_000, generaliseAfter: 4 },
        retention: '7d',
      },
    });
    expect(resource.spec).toEqual({ selector: {}, paths: ['/var/log/*.log'] });
    expect(parseLogSourceConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it('apply the defaults nested in an AlertRule condition', () => {
    const resource: AlertRule = {
      apiVersion: 'loglens.io/v1alpha1',
      kind: 'AlertRule',
      metadata: meta,
      spec: {
        sourceRef: { name: 'checkout' },
        condition: { pattern: { regex: 'panic' } },
        notifications: [{ webhook: { url: 'https://hooks.example.com/x' } }],
      },
    };
    expect(toAlertRuleConfig(resource).spec).toMatchObject({
      severity: 'warning',
      for: '0s',
      repeatInterval: '4h',
      condition: { pattern: { regex: 'panic', count: 1, window: '5m' } },
    });
  });

  it('name the bad field of a document read from KV', () => {
    const bad = {
      ...toLogSourceConfig({
        apiVersion: 'loglens.io/v1alpha1',
        kind: 'LogSource',
        metadata: meta,
        spec: { selector: {}, paths: ['/a'] },
      }),
    };
    const document = { ...bad, spec: { ...bad.spec, format: 'nope' } };
    expect(() => parseLogSourceConfig(document)).toThrow(ConfigDocumentError);
    expect(() => parseLogSourceConfig(document)).toThrow(/\/spec\/format/);
  });
});
