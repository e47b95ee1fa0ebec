import { execFile } from 'node:child_process';
import { access, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findBinary, postgresBinDirs } from './binaries.js';
import { freePort } from './free-port.js';
import { startProcess, waitUntil } from './process.js';

const run = promisify(execFile);

/** A running PostgreSQL cluster that trusts loopback connections as `postgres`. */
export interface PostgresServer {
  readonly host: string;
  /** Process id of the server (PostgreSQL: its postmaster). */
  readonly pid: number | undefined;
  readonly port: number;
  readonly user: string;
  /** Connection string for a database of this cluster. */
  connectionString(database: string): string;
  stop(): Promise<void>;
}

// PostgreSQL refuses to run as root, so as root the cluster runs as `nobody`.
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

function asUnprivileged(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  const setpriv = findBinary('setpriv', 'apt-get install util-linux');
  return [
    setpriv,
    [`--reuid=${UNPRIVILEGED.uid}`, `--regid=${UNPRIVILEGED.gid}`, '--clear-groups', command, ...args],
  ];
}

/** How to run the cluster. */
export interface PostgresServerOptions {
  /** Loopback port; a free one by default. */
  readonly port?: number;
  /**
   * Keep PostgreSQL's crash safety (fsync, full page writes). Off by default: a test cluster lives for one run
   * and is faster without it.
   */
  readonly durable?: boolean;
  /**
   * Run in its own process group, so a Ctrl-C in the terminal reaches only the parent, which stops the
   * services before the servers under them.
   */
  readonly detached?: boolean;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

const FAST_UNSAFE = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/**
 * Starts a PostgreSQL cluster in `dir/postgres` on loopback, creating it with initdb the first time; it trusts
 * loopback connections as `postgres`.
 */
export async function startPostgres(
  dir: string,
  options: PostgresServerOptions = {},
): Promise<PostgresServer> {
  const hint = 'apt-get install postgresql';
  const initdb = findBinary('initdb', hint, postgresBinDirs());
  const postgres = findBinary('postgres', hint, postgresBinDirs());
  const dataDir = join(dir, 'postgres');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) await chown(dataDir, UNPRIVILEGED.uid, UNPRIVILEGED.gid);

  const [initCmd, initArgs] = asUnprivileged(initdb, [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  if (!(await exists(join(dataDir, 'PG_VERSION')))) await run(initCmd, initArgs, { cwd: dir });

  const port = options.port ?? (await freePort());
  const [cmd, args] = asUnprivileged(postgres, [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    ...(options.durable ? [] : FAST_UNSAFE.flatMap((setting) => ['-c', setting])),
  ]);
  const proc = startProcess(cmd, args, { cwd: dir, detached: options.detached });
  const connectionString = (database: string): string =>
    `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  await waitUntil('postgres', proc, async () => {
    const client = new pg.Client({ connectionString: connectionString('postgres') });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  // SIGINT is PostgreSQL's "fast" shutdown: it ends sessions and stops cleanly.
  return {
    host: '127.0.0.1',
    pid: proc.child.pid,
    port,
    user: 'postgres',
    connectionString,
    stop: () => proc.stop('SIGINT'),
  };
}
