/** The system under test: infrastructure and LogLens service processes, each watched for peak memory. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  ensureDatabase,
  startInfrastructure,
  startProcess,
  type Infrastructure,
  type ManagedProcess,
} from '@loglens/localstack';
import {
  createDatabase,
  createPostgresApiKeyStore,
  runMigrations,
  silentLogger,
  type DatabaseHandle,
} from '@loglens/platform';

const CLI = fileURLToPath(new URL('../../packages/cli/bin/loglens.js', import.meta.url));

/** A `loglens serve` process. */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly process: ManagedProcess;
}

/** Peak resident memory of a process in bytes (VmHWM), or undefined when it is gone. */
export async function peakRss(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** Starts `loglens serve --target=<targets>` and waits until it logs that it runs. */
export async function startService(
  name: string,
  targets: string,
  env: Readonly<Record<string, string>>,
  profileDir?: string,
): Promise<ServiceProcess> {
  // A CPU profile per process, written when it stops, for finding where the time goes.
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const proc = startProcess(process.execPath, [...profile, CLI, 'serve', `--target=${targets}`], {
    env: { ...process.env, LOGLENS_LOG_LEVEL: 'info', ...env },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in 60 s:\n${proc.output()}`)),
      60_000,
    );
    const onData = (chunk: Buffer): void => {
      if (chunk.toString('utf8').includes('LogLens is running')) done();
    };
    const onExit = (): void => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start:\n${proc.output()}`));
    };
    const done = (): void => {
      clearTimeout(timer);
      proc.child.stdout?.off('data', onData);
      proc.child.off('exit', onExit);
      resolve();
    };
    proc.child.stdout?.on('data', onData);
    proc.child.once('exit', onExit);
  });
  return { name, pid: proc.child.pid, process: proc };
}

/** The infrastructure with a migrated `loglens` database and one tenant with an API key. */
export interface PreparedInfrastructure {
  readonly infrastructure: Infrastructure;
  readonly postgresUrl: string;
  readonly database: DatabaseHandle;
  readonly tenantId: string;
  readonly apiKey: string;
}

export async function prepareInfrastructure(): Promise<PreparedInfrastructure> {
  // Crash-safe PostgreSQL (fsync on), as in production: the figure must not lean on lost durability.
  const infrastructure = await startInfrastructure({ durable: true });
  const postgresUrl = await ensureDatabase(infrastructure.endpoints.postgresUrlTemplate, 'loglens');
  await runMigrations({ connectionString: postgresUrl, logger: silentLogger() });
  const database = createDatabase({
    connectionString: postgresUrl,
    logger: silentLogger(),
    pool: { max: 4 },
  });
  const store = createPostgresApiKeyStore(database.db, { logger: silentLogger() });
  const tenant = await store.createTenant('bench');
  const { key } = await store.createKey(tenant.id, 'bench');
  return { infrastructure, postgresUrl, database, tenantId: tenant.id, apiKey: key };
}
