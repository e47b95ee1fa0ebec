import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startK8sApiServer, type K8sApiServer } from '@loglens/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeSecretNameSource } from '../src/adapters/kube-secret-names.js';

describe('Secret names listed from the Kubernetes API', () => {
  let server: K8sApiServer;
  let kc: KubeConfig;

  beforeAll(async () => {
    server = await startK8sApiServer({ namespaces: ['shop', 'other'] });
    kc = new KubeConfig();
    kc.loadFromString(server.kubeconfig('shop'));
    const core = kc.makeApiClient(CoreV1Api);
    const secrets: [namespace: string, name: string][] = [
      ['shop', 's4'],
      ['shop', 's1'],
      ['other', 'o1'],
      ['shop', 's3'],
      ['shop', 's2'],
      ['shop', 's5'],
    ];
    for (const [namespace, name] of secrets)
      await core.createNamespacedSecret({
        namespace,
        body: { metadata: { name }, stringData: { token: `secret-${name}` } },
      });
  });
  afterAll(() => server?.close());

  it('reads every page, keeping names and resource versions only', async () => {
    const source = kubeSecretNameSource(kc, { namespace: 'shop', watchTimeoutSeconds: 60, pageSize: 2 });
    const { items, resourceVersion } = await source.list();
    expect(items.map((s) => s.metadata?.name)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(Number(resourceVersion)).toBeGreaterThan(0);
    expect(items.every((s) => Object.keys(s).join() === 'metadata' && s.metadata?.resourceVersion)).toBe(
      true,
    );
    expect(JSON.stringify(items)).not.toContain('secret-');
  });

  it('lists every namespace in pages', async () => {
    const source = kubeSecretNameSource(kc, { namespace: undefined, watchTimeoutSeconds: 60, pageSize: 4 });
    const { items } = await source.list();
    expect(items.map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`)).toEqual([
      'other/o1',
      'shop/s1',
      'shop/s2',
      'shop/s3',
      'shop/s4',
      'shop/s5',
    ]);
  });
});
