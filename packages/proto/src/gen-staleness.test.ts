import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Regenerates the API code into a temporary directory with the same script as `npm run proto` (which
// lints the protos first) and compares it byte for byte with the committed code.

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const committedGen = join(repoRoot, 'packages/proto/src/gen');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('generated API code', () => {
  let outRoot = '';

  beforeAll(async () => {
    outRoot = await mkdtemp(join(tmpdir(), 'loglens-proto-'));
    try {
      await run('bash', [join(repoRoot, 'scripts/proto'), outRoot], { cwd: repoRoot });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`scripts/proto failed (buf lint or generate):\n${stdout}${stderr}`, { cause: error });
    }
  }, 60_000);

  afterAll(async () => {
    if (outRoot) await rm(outRoot, { recursive: true, force: true });
  });

  it('is up to date with proto/ (otherwise: run npm run proto)', async () => {
    const freshGen = join(outRoot, 'packages/proto/src/gen');
    const [fresh, committed] = await Promise.all([listFiles(freshGen), listFiles(committedGen)]);
    expect(committed, 'generated file list differs: run npm run proto').toEqual(fresh);
    const stale: string[] = [];
    for (const file of fresh) {
      const [a, b] = await Promise.all([readFile(join(freshGen, file)), readFile(join(committedGen, file))]);
      if (!a.equals(b)) stale.push(file);
    }
    expect(stale, 'generated code is stale: run npm run proto').toEqual([]);
  });
});
