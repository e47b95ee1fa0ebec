import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startK8sApiServer, type K8sApiServer } from '../src/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function findKubectl(): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'kubectl'))
    .find((file) => existsSync(file));
  if (!found) {
    throw new Error(
      'kubectl is not on PATH: install it (e.g. apt-get install kubectl from the Kubernetes apt repository, or the release binary)',
    );
  }
  return found;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('Kubernetes API test server with kubectl', () => {
  let server: K8sApiServer;
  let dir: string;
  let kubectl: (...args: string[]) => Promise<Result>;

  beforeAll(async () => {
    const binary = findKubectl();
    // No CRDs at start: the test applies them with kubectl, as an installation would.
    server = await startK8sApiServer();
    dir = await mkdtemp(join(tmpdir(), 'loglens-kubectl-'));
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, server.kubeconfig());
    kubectl = (...args) =>
      new Promise((resolve) => {
        const argv = ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args];
        execFile(binary, argv, { cwd: repo, timeout: 30_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        });
      });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('applies the CRDs, then the samples', async () => {
    const crds = await kubectl('apply', '-f', 'k8s/crds/');
    expect(crds.stderr).toBe('');
    expect(crds.stdout).toContain(
      'customresourcedefinition.apiextensions.k8s.io/logsources.loglens.io created',
    );
    const samples = await kubectl('apply', '-f', 'k8s/samples/');
    expect(samples).toMatchObject({ code: 0, stderr: '' });
    expect(samples.stdout).toContain('logsource.loglens.io/checkout created');
    expect(samples.stdout).toContain('alertrule.loglens.io/checkout-error-rate created');
    const again = await kubectl('apply', '-f', 'k8s/samples/');
    expect(again.stdout).toContain('logsource.loglens.io/checkout unchanged');
  });

  it('prints the printer columns', async () => {
    const sources = await kubectl('get', 'logsources');
    expect(sources.stdout.split('\n')[0]?.split(/\s+/)).toEqual([
      'NAME',
      'READY',
      'FORMAT',
      'PODS',
      'TEMPLATES',
      'LINES',
      'AGE',
    ]);
    expect(sources.stdout).toMatch(/^checkout\s+json\s+\d+s$/m);
    const rules = await kubectl('get', 'alr');
    expect(rules.stdout.split('\n')[0]).toMatch(
      /^NAME\s+READY\s+STATE\s+SEVERITY\s+SOURCE\s+LAST FIRED\s+AGE$/,
    );
    expect(rules.stdout).toMatch(/^checkout-error-rate\s+critical\s+checkout\s+\d+s$/m);
  });

  it('rejects an invalid spec at apply with the schema message', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'apiVersion: loglens.io/v1alpha1\nkind: LogSource\nmetadata: {name: bad}\nspec: {selector: {}, paths: [/x], format: nope}\n',
    );
    const result = await kubectl('apply', '-f', file);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('The LogSource "bad" is invalid: spec.format: Unsupported value: "nope"');
    expect((await kubectl('get', 'logsource', 'bad')).stderr).toContain('NotFound');
  });

  it('changes a spec through apply (merge patch) and deletes', async () => {
    const file = join(dir, 'changed.yaml');
    await writeFile(
      file,
      'apiVersion: loglens.io/v1alpha1\nkind: LogSource\nmetadata: {name: checkout}\nspec: {selector: {}, paths: [/x], format: logfmt}\n',
    );
    expect((await kubectl('apply', '-f', file)).stdout).toContain('logsource.loglens.io/checkout configured');
    const generation = await kubectl(
      'get',
      'logsource',
      'checkout',
      '-o',
      'jsonpath={.metadata.generation} {.spec.format}',
    );
    expect(generation.stdout).toBe('2 logfmt');
    const deleted = await kubectl('delete', '-f', 'k8s/samples/');
    expect(deleted).toMatchObject({ code: 0 });
    expect(deleted.stdout).toContain('logsource.loglens.io "checkout" deleted');
    expect((await kubectl('get', 'logsources')).stderr).toContain('No resources found');
  });
});
