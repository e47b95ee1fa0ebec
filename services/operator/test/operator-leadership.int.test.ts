import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { GROUP, VERSION } from '@loglens/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorModule } from '../src/index.js';
import { configDocument, eventually, startOperatorEnvironment, type OperatorEnvironment } from './harness.js';

describe('operator: two replicas', () => {
  let env: OperatorEnvironment;
  let standby: OperatorModule;
  const key = () => `logsource.${env.namespace}.api`;
  const ref = () => ({ group: GROUP, version: VERSION, namespace: env.namespace, plural: 'logsources' });

  beforeAll(async () => {
    // Short lease timings so the hand-over after a crash-like stop would also be quick; stop() releases anyway.
    env = await startOperatorEnvironment({
      LOGLENS_OPERATOR_LEASE_DURATION: '3s',
      LOGLENS_OPERATOR_RENEW_DEADLINE: '2s',
      LOGLENS_OPERATOR_RETRY_PERIOD: '200ms',
    });
    standby = await env.startOperator('operator-standby');
  });
  afterAll(() => env?.close());

  it('has one leader, which reconciles; the standby takes over when it stops', async () => {
    expect(env.module.elector?.isLeader()).toBe(true);
    expect(standby.elector?.isLeader()).toBe(false);
    await env.custom.createNamespacedCustomObject({
      ...ref(),
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'LogSource',
        metadata: { name: 'api' },
        spec: { selector: {}, paths: ['/var/log/api.log'] },
      },
    });
    await eventually(async () =>
      expect(await configDocument(env.kv, key())).toMatchObject({ generation: 1 }),
    );

    await env.module.stop();
    await eventually(() => expect(standby.elector?.isLeader()).toBe(true));
    await env.custom.patchNamespacedCustomObject(
      { ...ref(), name: 'api', body: { spec: { format: 'cri' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await eventually(async () =>
      expect(await configDocument(env.kv, key())).toMatchObject({ generation: 2, spec: { format: 'cri' } }),
    );
  });
});
