import { fileURLToPath } from 'node:url';
import {
  ApiException,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startK8sApiServer, type K8sApiServer } from '../src/index.js';

const crdDirectory = fileURLToPath(new URL('../../../k8s/crds/', import.meta.url));
const group = 'loglens.io';
const version = 'v1alpha1';
const namespace = 'default';
const plural = 'logsources';

type Obj = {
  metadata: {
    name: string;
    resourceVersion: string;
    generation?: number;
    finalizers?: string[];
    deletionTimestamp?: string;
  };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
};

function logSource(name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: `${group}/${version}`,
    kind: 'LogSource',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, paths: ['/var/log/app/*.log'], ...spec },
  };
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body = typeof error.body === 'string' ? (JSON.parse(error.body) as Record<string, unknown>) : {};
    return { code: error.code, body };
  }
  throw new Error('the request succeeded');
}

interface Event {
  type: string;
  object: Obj & { kind?: string; code?: number; reason?: string };
}

/** Watches until `count` events arrived (or the stream ended) and returns them. */
async function watchEvents(kc: KubeConfig, query: Record<string, string>, count: number): Promise<Event[]> {
  const events: Event[] = [];
  let abort: AbortController | undefined;
  await new Promise<void>((resolve, reject) => {
    const path = `/apis/${group}/${version}/namespaces/${namespace}/${plural}`;
    new Watch(kc)
      .watch(
        path,
        query,
        (type, object: Event['object']) => {
          events.push({ type, object });
          if (events.length >= count) resolve();
        },
        (error: unknown) => (error ? reject(error as Error) : resolve()),
      )
      .then((controller) => (abort = controller), reject);
  });
  abort?.abort();
  return events;
}

describe('Kubernetes API test server with @kubernetes/client-node', () => {
  let server: K8sApiServer;
  let kc: KubeConfig;
  let api: CustomObjectsApi;
  const ref = { group, version, namespace, plural };

  beforeAll(async () => {
    server = await startK8sApiServer({ crdDirectory, historyLimit: 50 });
    kc = new KubeConfig();
    kc.loadFromString(server.kubeconfig());
    api = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => server.close());

  it('creates, gets and lists with defaults applied', async () => {
    const created = (await api.createNamespacedCustomObject({ ...ref, body: logSource('a') })) as Obj;
    expect(created.metadata.generation).toBe(1);
    expect(created.spec).toMatchObject({ format: 'auto', retention: '7d', mining: { maxTemplates: 10000 } });
    const got = (await api.getNamespacedCustomObject({ ...ref, name: 'a' })) as Obj;
    expect(got.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const list = (await api.listNamespacedCustomObject(ref)) as {
      items: Obj[];
      metadata: { resourceVersion: string };
    };
    expect(list.items.map((i) => i.metadata.name)).toContain('a');
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(
      Number(created.metadata.resourceVersion),
    );
  });

  it("pages a list with limit and continue, every page at the first page's resourceVersion", async () => {
    const paged = { ...ref, namespace: 'kube-system' };
    for (const name of ['p5', 'p1', 'p3', 'p2', 'p4'])
      await api.createNamespacedCustomObject({ ...paged, body: logSource(name) });
    type Page = {
      items: Obj[];
      metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
    };
    const pages: Page[] = [];
    let token: string | undefined;
    do {
      const page = (await api.listNamespacedCustomObject({ ...paged, limit: 2, _continue: token })) as Page;
      pages.push(page);
      if (pages.length === 1) await api.createNamespacedCustomObject({ ...paged, body: logSource('p9') });
      token = page.metadata.continue;
    } while (token);
    expect(pages.map((p) => p.items.map((i) => i.metadata.name))).toEqual([
      ['p1', 'p2'],
      ['p3', 'p4'],
      ['p5', 'p9'],
    ]);
    expect(new Set(pages.map((p) => p.metadata.resourceVersion)).size).toBe(1);
    expect(pages[0]?.metadata.remainingItemCount).toBe(3);
    const { code } = await failure(
      api.listNamespacedCustomObject({ ...paged, limit: 2, _continue: 'not-a-token' }),
    );
    expect(code).toBe(400);
  });

  it('rejects an invalid spec with 422 naming the field', async () => {
    const { code, body } = await failure(
      api.createNamespacedCustomObject({ ...ref, body: logSource('bad', { format: 'nope', paths: [] }) }),
    );
    expect(code).toBe(422);
    expect(body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
    expect(body.message).toMatch(/^LogSource\.loglens\.io "bad" is invalid: \[/);
    expect(body.message).toContain('spec.format: Unsupported value: "nope": supported values: "auto"');
    expect(body.message).toContain(
      'spec.paths: Invalid value: 0: spec.paths in body should have at least 1 items',
    );
  });

  it('evaluates the exactly-one CEL rule of an AlertRule condition', async () => {
    const body = {
      apiVersion: `${group}/${version}`,
      kind: 'AlertRule',
      metadata: { name: 'two' },
      spec: {
        sourceRef: { name: 'a' },
        condition: { absence: { window: '5m' }, anomaly: {} },
        notifications: [{ email: { to: ['oncall@example.com'] } }],
      },
    };
    const { code, body: status } = await failure(
      api.createNamespacedCustomObject({ group, version, namespace, plural: 'alertrules', body }),
    );
    expect(code).toBe(422);
    expect(status.message).toBe(
      'AlertRule.loglens.io "two" is invalid: spec.condition: Invalid value: "object": exactly one of threshold, pattern, anomaly, absence must be set',
    );
  });

  it('answers 409 to an update with a stale resourceVersion', async () => {
    const created = (await api.createNamespacedCustomObject({ ...ref, body: logSource('c') })) as Obj;
    const fresh = { ...created, spec: { ...created.spec, format: 'json' } };
    await api.replaceNamespacedCustomObject({ ...ref, name: 'c', body: fresh });
    const stale = { ...created, spec: { ...created.spec, format: 'logfmt' } };
    const { code, body } = await failure(
      api.replaceNamespacedCustomObject({ ...ref, name: 'c', body: stale }),
    );
    expect(code).toBe(409);
    expect(body).toMatchObject({ reason: 'Conflict' });
  });

  it('bumps generation on spec changes only; the status subresource leaves it', async () => {
    await api.createNamespacedCustomObject({ ...ref, body: logSource('g') });
    const status = { conditions: [], matchedPods: 3, templates: 12, linesIngested: 1000 };
    const withStatus = (await api.patchNamespacedCustomObjectStatus(
      { ...ref, name: 'g', body: { status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Obj;
    expect(withStatus.metadata.generation).toBe(1);
    expect(withStatus.status).toMatchObject({ matchedPods: 3 });
    // Status sent to the main resource is ignored, as with a real status subresource.
    const patched = (await api.patchNamespacedCustomObject(
      { ...ref, name: 'g', body: { spec: { format: 'json' }, status: { matchedPods: 99 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Obj;
    expect(patched.metadata.generation).toBe(2);
    expect(patched.status).toMatchObject({ matchedPods: 3 });
  });

  it('applies JSON patches, and re-validates the result', async () => {
    await api.createNamespacedCustomObject({ ...ref, body: logSource('j') });
    const patched = (await api.patchNamespacedCustomObject(
      { ...ref, name: 'j', body: [{ op: 'add', path: '/spec/paths/-', value: '/var/log/other.log' }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    )) as Obj;
    expect(patched.spec.paths).toEqual(['/var/log/app/*.log', '/var/log/other.log']);
    const { code } = await failure(
      api.patchNamespacedCustomObject(
        { ...ref, name: 'j', body: [{ op: 'replace', path: '/spec/retention', value: 'forever' }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    );
    expect(code).toBe(422);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    const body = { ...logSource('f'), metadata: { name: 'f', finalizers: ['loglens.io/cleanup'] } };
    await api.createNamespacedCustomObject({ ...ref, body });
    const deleting = (await api.deleteNamespacedCustomObject({ ...ref, name: 'f' })) as Obj;
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    const still = (await api.getNamespacedCustomObject({ ...ref, name: 'f' })) as Obj;
    expect(still.metadata.finalizers).toEqual(['loglens.io/cleanup']);
    await api.patchNamespacedCustomObject(
      { ...ref, name: 'f', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect((await failure(api.getNamespacedCustomObject({ ...ref, name: 'f' }))).code).toBe(404);
  });

  it('watches events in order and resumes from a resourceVersion', async () => {
    const start = (await api.listNamespacedCustomObject(ref)) as { metadata: { resourceVersion: string } };
    const from = start.metadata.resourceVersion;
    await api.createNamespacedCustomObject({ ...ref, body: logSource('w') });
    await api.patchNamespacedCustomObject(
      { ...ref, name: 'w', body: { spec: { format: 'cri' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await api.deleteNamespacedCustomObject({ ...ref, name: 'w' });
    const events = await watchEvents(kc, { resourceVersion: from }, 3);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED w',
      'MODIFIED w',
      'DELETED w',
    ]);
    const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    // Resuming from the middle replays only what came after.
    const resumed = await watchEvents(kc, { resourceVersion: String(versions[0]) }, 2);
    expect(resumed.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('streams live events to an open watch', async () => {
    const start = (await api.listNamespacedCustomObject(ref)) as { metadata: { resourceVersion: string } };
    const pending = watchEvents(kc, { resourceVersion: start.metadata.resourceVersion }, 1);
    await new Promise((r) => setTimeout(r, 50));
    await api.createNamespacedCustomObject({ ...ref, body: logSource('live') });
    expect((await pending).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED live']);
  });

  it('ends open watches when asked to drop them', async () => {
    const start = (await api.listNamespacedCustomObject(ref)) as { metadata: { resourceVersion: string } };
    const pending = watchEvents(kc, { resourceVersion: start.metadata.resourceVersion }, 1);
    // Dropping again until the stream ends covers a watch that was not open yet at the first call.
    const dropping = setInterval(() => server.dropWatches(), 20);
    try {
      expect(await pending).toEqual([]);
    } finally {
      clearInterval(dropping);
    }
  });

  it('sends a 410 Expired error event for a resourceVersion older than the history', async () => {
    const before = (await api.listNamespacedCustomObject(ref)) as { metadata: { resourceVersion: string } };
    await api.createNamespacedCustomObject({ ...ref, body: logSource('x') });
    server.compactHistory();
    const [event] = await watchEvents(kc, { resourceVersion: before.metadata.resourceVersion }, 1);
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('serves the scale subresource of deployments', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'parser' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'parser' } },
          template: {
            metadata: { labels: { app: 'parser' } },
            spec: { containers: [{ name: 'p', image: 'x' }] },
          },
        },
      },
    });
    const scale = await apps.readNamespacedDeploymentScale({ name: 'parser', namespace });
    expect(scale.spec?.replicas).toBe(1);
    await apps.patchNamespacedDeploymentScale(
      { name: 'parser', namespace, body: { spec: { replicas: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const deployment = await apps.readNamespacedDeployment({ name: 'parser', namespace });
    expect(deployment.spec?.replicas).toBe(4);
    expect(deployment.metadata?.generation).toBe(2);
  });
});
