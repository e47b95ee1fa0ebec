import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { GROUP, VERSION } from '@loglens/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  againstCluster,
  condition,
  configDocument,
  eventually,
  getResource,
  startOperatorEnvironment,
  type OperatorEnvironment,
} from './harness.js';

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

// Dropping watches and compacting history needs the test server; a real cluster cannot be told to.
describe.skipIf(againstCluster)('operator: recovery of dropped and expired watches', () => {
  let env: OperatorEnvironment;
  let key: string;
  const ref = () => ({
    group: GROUP,
    version: VERSION,
    namespace: env.namespace,
    plural: 'logsources',
    name: 'web',
  });
  const setFormat = (format: string) =>
    env.custom.patchNamespacedCustomObject({ ...ref(), body: { spec: { format } } }, MERGE_PATCH);
  const relists = () => env.module.operator()?.relists ?? 0;

  beforeAll(async () => {
    env = await startOperatorEnvironment();
    key = `logsource.${env.namespace}.web`;
    const { name: _name, ...collection } = ref();
    await env.custom.createNamespacedCustomObject({
      ...collection,
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'LogSource',
        metadata: { name: 'web' },
        spec: { selector: { matchLabels: { app: 'web' } }, paths: ['/var/log/web/*.log'] },
      },
    });
    await eventually(async () =>
      expect(condition(await getResource(env, 'logsources', 'web'), 'Ready')?.status).toBe('True'),
    );
  });
  afterAll(() => env?.close());

  it('resumes a dropped watch without missing the change made meanwhile', async () => {
    const before = relists();
    env.server!.dropWatches();
    await setFormat('json');
    await eventually(async () =>
      expect(await configDocument(env.kv, key)).toMatchObject({ generation: 2, spec: { format: 'json' } }),
    );
    // Resumed from its resourceVersion: no list was needed.
    expect(relists()).toBe(before);
    // The status write comes last; once it is there, nothing else of this change is in flight.
    await eventually(async () =>
      expect((await getResource(env, 'logsources', 'web')).status?.observedGeneration).toBe(2),
    );
  });

  it('lists again when the watch is answered 410 Gone, and catches up', async () => {
    const before = relists();
    // A change elsewhere moves the revision past what the informer has seen; compaction then expires it.
    await env.core.createNamespacedConfigMap({
      namespace: env.namespace,
      body: { metadata: { name: 'unrelated' } },
    });
    env.server!.compactHistory();
    env.server!.dropWatches();
    await setFormat('logfmt');
    await eventually(async () =>
      expect(await configDocument(env.kv, key)).toMatchObject({ generation: 3, spec: { format: 'logfmt' } }),
    );
    expect(relists()).toBeGreaterThan(before);
    // The status write follows the KV write, so it may still be on its way.
    await eventually(async () =>
      expect((await getResource(env, 'logsources', 'web')).status?.observedGeneration).toBe(3),
    );
  });

  it('notices a deletion that happened while no watch was open', async () => {
    env.server!.compactHistory();
    env.server!.dropWatches();
    await env.custom.deleteNamespacedCustomObject(ref());
    await eventually(async () => expect(await configDocument(env.kv, key)).toBeUndefined());
  });
});

// Holding a watch open without events needs the test server too: a real API server sends what it has.
describe.skipIf(againstCluster)('operator: a silent watch', () => {
  let env: OperatorEnvironment;
  beforeAll(async () => {
    env = await startOperatorEnvironment({ LOGLENS_OPERATOR_WATCH_SILENCE_TIMEOUT: '300ms' });
  });
  afterAll(() => env?.close());

  it('is presumed stuck and replaced by a fresh list', async () => {
    const first = env.module.operator()?.relists ?? 0;
    // Nothing changes in the namespace, so the watches stay silent past the timeout.
    await eventually(() => expect(env.module.operator()?.relists ?? 0).toBeGreaterThan(first + 2));
  });
});
