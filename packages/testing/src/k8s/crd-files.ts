import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from './api-errors.js';

/** Every CustomResourceDefinition in the `.yaml`/`.yml` files of a directory. */
export async function readCrdDirectory(directory: string): Promise<JsonObject[]> {
  const files = (await readdir(directory)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const crds: JsonObject[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await readFile(join(directory, file), 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
      const value: unknown = document.toJSON();
      if (
        typeof value === 'object' &&
        value !== null &&
        (value as JsonObject).kind === 'CustomResourceDefinition'
      )
        crds.push(value as JsonObject);
    }
  }
  return crds;
}
