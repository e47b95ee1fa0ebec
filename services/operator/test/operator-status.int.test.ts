import {
  createDatabase,
  createPostgresApiKeyStore,
  runMigrations,
  silentLogger,
  type DatabaseHandle,
} from '@loglens/platform';
import { createTestDatabase, type TestDatabase } from '@loglens/testing';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoredFigures } from '../src/adapters/postgres-source-stats.js';
import { grants, readRbacRules } from './rbac-rules.js';
import {
  againstCluster,
  eventually,
  getResource,
  repoRoot,
  startOperatorEnvironment,
  type OperatorEnvironment,
} from './harness.js';

/** A pod manifest with `labels` (the pause image, so that it also runs on a real cluster). */
function pod(name: string, labels: Record<string, string>): string {
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labelLines}
spec:
  containers:
    - name: app
      image: registry.k8s.io/pause:3.9
`;
}

interface Figures {
  matchedPods?: number;
  linesIngested?: number;
  templates?: number;
  lastIngestTime?: string;
}

describe('operator: LogSource status figures', () => {
  let db: TestDatabase;
  let database: DatabaseHandle;
  let env: OperatorEnvironment;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations({ connectionString: db.connectionString, logger: silentLogger() });
    database = createDatabase({ connectionString: db.connectionString, logger: silentLogger() });
    env = await startOperatorEnvironment({ LOGLENS_OPERATOR_STATUS_INTERVAL: '200ms' }, database);
    const tenant = await createPostgresApiKeyStore(database.db).createTenant('acme');
    const source = `${env.namespace}/checkout`;
    // Two templates in use and one generalised into the second (its lines are counted in its successor).
    await database.pool.query(
      `insert into templates (tenant_id, source, id, template, first_seen, last_seen, count, superseded_by)
       values ($1, $2, 'a', 'paid <*>', '2026-12-04T09:00Z', '2026-12-04T10:00Z', 5, null),
              ($1, $2, 'b', 'declined <*>', '2026-12-04T09:00Z', '2026-12-04T10:30Z', 7, null),
              ($1, $2, 'c', 'declined card', '2026-12-04T09:00Z', '2026-12-04T09:10Z', 3, 'b'),
              ($1, 'other/source', 'd', 'elsewhere', '2026-12-04T11:00Z', '2026-12-04T11:00Z', 99, null)`,
      [tenant.id, source],
    );
  });

  afterAll(async () => {
    await env?.close();
    await database?.close();
    await db?.drop();
  });

  it('shows the pods its selector matches and the lines and templates stored, and follows changes', async () => {
    for (const [name, labels] of [
      ['checkout-1', { 'app.kubernetes.io/name': 'checkout' }],
      ['checkout-2', { 'app.kubernetes.io/name': 'checkout', tier: 'web' }],
      ['payments-1', { 'app.kubernetes.io/name': 'payments' }],
    ] as const) {
      const applied = await env.kubectl('apply', '-f', await env.file(`${name}.yaml`, pod(name, labels)));
      expect(applied).toMatchObject({ code: 0, stderr: '' });
    }
    expect(await env.kubectl('apply', '-f', 'k8s/samples/logsource-checkout.yaml')).toMatchObject({
      code: 0,
    });

    await eventually(async () => {
      const status = (await getResource(env, 'logsources', 'checkout')).status as Figures;
      expect(status).toMatchObject({
        matchedPods: 2,
        linesIngested: 12,
        templates: 2,
        lastIngestTime: '2026-12-04T10:30:00.000Z',
      });
    });
    const table = await env.kubectl('get', 'logsources', 'checkout');
    expect(table.stdout).toMatch(/checkout\s+True\s+json\s+2\s+2\s+12\s/);

    const third = await env.file(
      'checkout-3.yaml',
      pod('checkout-3', { 'app.kubernetes.io/name': 'checkout' }),
    );
    expect(await env.kubectl('apply', '-f', third)).toMatchObject({ code: 0 });
    await eventually(async () => {
      const status = (await getResource(env, 'logsources', 'checkout')).status as Figures;
      expect(status.matchedPods).toBe(3);
    });
  });

  it('counts a source over every tenant, or over the tenants it is told to', async () => {
    const other = await createPostgresApiKeyStore(database.db).createTenant('globex');
    const source = `${env.namespace}/checkout`;
    await database.pool.query(
      `insert into templates (tenant_id, source, id, template, first_seen, last_seen, count, superseded_by)
       values ($1, $2, 'e', 'paid <*>', '2026-12-04T09:00Z', '2026-12-04T12:00Z', 100, null)`,
      [other.id, source],
    );
    const every = await postgresStoredFigures(database).figuresOf([source]);
    expect(every.get(source)).toMatchObject({ lines: 112, templates: 3 });
    const acme = await postgresStoredFigures(database, ['acme']).figuresOf([source]);
    expect(acme.get(source)).toEqual({
      lines: 12,
      templates: 2,
      lastLineTime: new Date('2026-12-04T10:30:00Z'),
    });
  });

  // The calls are recorded by the test server's proxy; against a cluster its own RBAC is the check.
  it.skipIf(againstCluster)('counts pods only as k8s/operator/rbac.yaml allows', async () => {
    const rules = await readRbacRules(join(repoRoot, 'k8s/operator/rbac.yaml'));
    const calls = env.recorder!.calls();
    expect(calls.some((c) => c.resource === 'pods' && c.verb === 'list')).toBe(true);
    expect(calls.filter((c) => !grants(rules, c))).toEqual([]);
  });
});
