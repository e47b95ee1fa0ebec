import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where `loglens up` keeps its data: `--data-dir`, else `$LOGLENS_DATA_DIR`, else the XDG data directory
 * (`$XDG_DATA_HOME/loglens`, by default `~/.local/share/loglens`).
 */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return resolve(option);
  if (env.LOGLENS_DATA_DIR) return resolve(env.LOGLENS_DATA_DIR);
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'loglens');
}
