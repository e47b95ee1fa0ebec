import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  buildTopology,
  closeNats,
  CONFIG_BUCKET,
  connectNats,
  ensureTopology,
  silentLogger,
  type DatabaseHandle,
} from '@loglens/platform';
import { GROUP, VERSION } from '@loglens/resources';
import { natsUrl, startK8sApiServer, uniquePrefix, type K8sApiServer } from '@loglens/testing';
import type { KV, NatsConnection } from 'nats';
import { startApiRecorder, type ApiRecorder } from './api-recorder.js';
import { createOperatorModule, loadOperatorConfig, type OperatorModule } from '../src/index.js';

/** The repository root: kubectl runs there so `-f k8s/samples/` works as in the docs. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** True when the suite runs against the cluster of $KUBECONFIG (`npm run test:k8s`). */
export const againstCluster = process.env.LOGLENS_K8S_E2E === '1';

/** Output of one kubectl run. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A Kubernetes API (test server or real cluster), a namespace of its own, NATS, and a running operator. */
export interface OperatorEnvironment {
  readonly namespace: string;
  readonly kubeConfig: KubeConfig;
  readonly custom: CustomObjectsApi;
  readonly core: CoreV1Api;
  /** The test server; undefined against a real cluster. */
  readonly server: K8sApiServer | undefined;
  /** Records the operator's API calls (test server only: the operator talks to the server through it). */
  readonly recorder: ApiRecorder | undefined;
  readonly kv: KV;
  readonly module: OperatorModule;
  /** Starts one more operator replica with `identity`, on the same cluster, namespace and NATS prefix. */
  startOperator(identity: string): Promise<OperatorModule>;
  /** Runs kubectl with the environment's kubeconfig, in its namespace. */
  kubectl(...args: string[]): Promise<KubectlResult>;
  /** A file in the environment's temporary directory, written with `content`. */
  file(name: string, content: string): Promise<string>;
  close(): Promise<void>;
}

function findKubectl(): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'kubectl'))
    .find((file) => existsSync(file));
  if (!found) throw new Error('kubectl is not on PATH: run scripts/setup, which installs it');
  return found;
}

function runKubectl(binary: string, argv: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(binary, argv, { cwd: repoRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Starts the environment. Against the test server the CRDs of `k8s/crds/` are registered at start; against
 * a real cluster (`LOGLENS_K8S_E2E=1`, `KUBECONFIG` set) they are applied with kubectl and a namespace is
 * created for this run and deleted at the end. `env` holds `LOGLENS_OPERATOR_*` overrides; `database`, when given,
 * is where the operator counts the lines and templates of LogSource statuses.
 */
export async function startOperatorEnvironment(
  env: Readonly<Record<string, string>> = {},
  database?: DatabaseHandle,
): Promise<OperatorEnvironment> {
  const binary = findKubectl();
  const dir = await mkdtemp(join(tmpdir(), 'loglens-operator-'));
  const namespace = `loglens-test-${randomBytes(3).toString('hex')}`;
  let server: K8sApiServer | undefined;
  let kubeconfigPath: string;
  if (againstCluster) {
    const given = process.env.KUBECONFIG;
    if (!given) throw new Error('LOGLENS_K8S_E2E=1 needs KUBECONFIG pointing at the cluster to test against');
    kubeconfigPath = given;
  } else {
    server = await startK8sApiServer({ crdDirectory: join(repoRoot, 'k8s/crds'), namespaces: [namespace] });
    kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, server.kubeconfig(namespace));
  }
  const kubectl = (...args: string[]) =>
    runKubectl(binary, [
      '--kubeconfig',
      kubeconfigPath,
      '--cache-dir',
      join(dir, 'cache'),
      '-n',
      namespace,
      ...args,
    ]);
  if (againstCluster) {
    const crds = await kubectl('apply', '-f', 'k8s/crds/');
    if (crds.code !== 0) throw new Error(`kubectl apply -f k8s/crds/ failed: ${crds.stderr}`);
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  if (againstCluster) await core.createNamespace({ body: { metadata: { name: namespace } } });
  const recorder = server ? await startApiRecorder(server.url) : undefined;
  const operatorKubeConfig = new KubeConfig();
  if (server && recorder)
    operatorKubeConfig.loadFromString(server.kubeconfig(namespace).replace(server.url, recorder.url));
  else operatorKubeConfig.loadFromFile(kubeconfigPath);

  const prefix = uniquePrefix();
  const nc: NatsConnection = await connectNats({
    servers: natsUrl(),
    name: 'operator-test',
    logger: silentLogger(),
  });
  await ensureTopology(await nc.jetstreamManager(), buildTopology({ prefix }));
  const kv = await nc.jetstream().views.kv(`${prefix}${CONFIG_BUCKET}`, { bindOnly: true });
  const modules: OperatorModule[] = [];
  const startOperator = async (identity: string) => {
    const config = loadOperatorConfig({
      LOGLENS_OPERATOR_NAMESPACES: namespace,
      LOGLENS_OPERATOR_POD_NAMESPACE: namespace,
      LOGLENS_OPERATOR_IDENTITY: identity,
      LOGLENS_OPERATOR_RETRY_BASE_DELAY: '100ms',
      LOGLENS_OPERATOR_SECRET_RECHECK: '200ms',
      LOGLENS_OPERATOR_INSTANCE: identity,
      ...env,
    });
    const started = createOperatorModule(config, {
      connection: () => nc,
      natsPrefix: prefix,
      logger: silentLogger(),
      kubeConfig: operatorKubeConfig,
      ...(database ? { database } : {}),
    });
    await started.start();
    modules.push(started);
    return started;
  };
  const module = await startOperator('operator-test');
  return {
    namespace,
    kubeConfig,
    custom: kubeConfig.makeApiClient(CustomObjectsApi),
    core,
    server,
    recorder,
    kv,
    module,
    startOperator,
    kubectl,
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    async close() {
      for (const started of modules) await started.stop();
      if (againstCluster) await core.deleteNamespace({ name: namespace });
      await recorder?.close();
      await server?.close();
      await closeNats(nc);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns without throwing, then returns its value; rethrows its last error after 20 s. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A LogLens custom resource as the tests read it. */
export interface TestResource {
  metadata: { name: string; generation: number; finalizers?: string[]; resourceVersion: string };
  spec: Record<string, unknown>;
  status?: {
    observedGeneration?: number;
    state?: string;
    conditions?: {
      type: string;
      status: string;
      reason: string;
      message: string;
      lastTransitionTime: string;
    }[];
  };
}

/** Reads a LogSource or AlertRule with client-node. */
export async function getResource(
  environment: OperatorEnvironment,
  plural: 'logsources' | 'alertrules',
  name: string,
): Promise<TestResource> {
  const { custom, namespace } = environment;
  return (await custom.getNamespacedCustomObject({
    group: GROUP,
    version: VERSION,
    namespace,
    plural,
    name,
  })) as TestResource;
}

/** The condition of `type`, or undefined. */
export function condition(resource: TestResource, type: string) {
  return resource.status?.conditions?.find((c) => c.type === type);
}

/** The JSON document under `key` in the config bucket, or undefined when absent or deleted. */
export async function configDocument(kv: KV, key: string): Promise<unknown> {
  const entry = await kv.get(key);
  return entry && entry.operation === 'PUT' ? entry.json<unknown>() : undefined;
}
