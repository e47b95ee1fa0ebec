import { natsUrl, uniquePrefix } from '@loglens/testing';
import type { KV, KvEntry, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logging/index.js';
import {
  buildTopology,
  closeNats,
  configKey,
  configKeyFilter,
  connectNats,
  ensureTopology,
  parseConfigKey,
} from '../src/nats/index.js';

const MIB = 2 ** 20;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('the loglens-config bucket', () => {
  let nc: NatsConnection;
  let kv: KV;

  beforeAll(async () => {
    nc = await connectNats({ servers: natsUrl(), name: 'kv-test', logger: silentLogger() });
    const limits = { maxBytes: 8 * MIB };
    const topology = buildTopology({
      prefix: uniquePrefix(),
      streams: { raw: limits, parsed: limits, anomalies: limits, notify: limits, dlq: limits },
      kvMaxBytes: MIB,
    });
    await ensureTopology(await nc.jetstreamManager(), topology);
    kv = await nc.jetstream().views.kv(topology.kv.bucket, { bindOnly: true });
  });
  afterAll(() => closeNats(nc));

  it('lets a watcher see puts, updates and deletes of log sources', async () => {
    const key = configKey('logsource', 'shop', 'checkout');
    const seen: KvEntry[] = [];
    const watcher = await kv.watch({ key: configKeyFilter('logsource') });
    const done = (async () => {
      for await (const entry of watcher) {
        seen.push(entry);
        if (entry.operation === 'DEL') break;
      }
    })();

    await kv.put(key, encoder.encode('{"format":"auto"}'));
    await kv.put(configKey('alertrule', 'shop', 'errors'), encoder.encode('{}'));
    await kv.put(key, encoder.encode('{"format":"json"}'));
    await kv.delete(key);
    await done;
    watcher.stop();

    expect(seen.map((e) => [e.key, e.operation, decoder.decode(e.value)])).toEqual([
      ['logsource.shop.checkout', 'PUT', '{"format":"auto"}'],
      ['logsource.shop.checkout', 'PUT', '{"format":"json"}'],
      ['logsource.shop.checkout', 'DEL', ''],
    ]);
    expect(parseConfigKey(seen[0]!.key)).toEqual({ kind: 'logsource', namespace: 'shop', name: 'checkout' });

    const history = [];
    for await (const e of await kv.history({ key })) history.push(e.operation);
    expect(history).toEqual(['PUT', 'PUT', 'DEL']);
  });
});
