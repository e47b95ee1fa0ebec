import { parse as parseYaml } from 'yaml';
import { badRequest } from './api-errors.js';
import { isJsonObject } from './schema-walk.js';

/** Drops strategic-merge-patch directives (`$patch`, `$setElementOrder/...`), keeping the merge part. */
export function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('$'))
      .map(([key, v]) => [key, stripDirectives(v)]),
  );
}

/** Parses a request body as JSON (or YAML, which kubectl never sends but people with curl do). */
export function parseBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    try {
      return parseYaml(raw) as unknown;
    } catch (error) {
      throw badRequest(`the body of the request could not be decoded: ${(error as Error).message}`);
    }
  }
}
