import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A server binary the harness needs is not installed. */
export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';
  constructor(
    readonly binary: string,
    readonly installHint: string,
  ) {
    super(`${binary} not found on PATH: run \`npm run setup\` (or ${installHint})`);
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds an executable on PATH or in the extra directories given, or throws MissingBinaryError. */
export function findBinary(name: string, installHint: string, extraDirs: readonly string[] = []): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  throw new MissingBinaryError(name, installHint);
}

/** PostgreSQL's server binaries live in a versioned directory on Debian, newest first. */
export function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  try {
    return readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join(root, v, 'bin'));
  } catch {
    return [];
  }
}
