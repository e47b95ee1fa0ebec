import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArchiveTarget } from './archive-target.js';

/** Archives as files in a directory (created when missing); a file appears only once it is complete. */
export function createDirectoryTarget(directory: string): ArchiveTarget {
  const root = resolve(directory);
  return {
    location: `file://${root}`,
    async write(name, body) {
      await mkdir(root, { recursive: true });
      const partial = join(root, `.${name}.partial`);
      try {
        const file = createWriteStream(partial, { flush: true });
        await pipeline(body, file);
        // Rename is atomic: a reader never sees half an archive under its real name.
        await rename(partial, join(root, name));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    read: (name) => Promise.resolve(createReadStream(join(root, name))),
    async exists(name) {
      try {
        await access(join(root, name));
        return true;
      } catch {
        return false;
      }
    },
  };
}
