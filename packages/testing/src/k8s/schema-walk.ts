import type { JsonObject } from './api-errors.js';

/** Whether a value is a plain JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a string, else `fallback`. */
export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

/** Calls `visit` for every (schema node, value, field path) pair where both exist, parents first. */
export function walkSchema(
  schema: JsonObject,
  value: unknown,
  path: string,
  visit: (schema: JsonObject, value: unknown, path: string) => void,
): void {
  visit(schema, value, path);
  if (Array.isArray(value) && isJsonObject(schema.items)) {
    const items = schema.items;
    value.forEach((item, i) => walkSchema(items, item, `${path}[${i}]`, visit));
  } else if (isJsonObject(value)) {
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = isJsonObject(properties[key])
        ? properties[key]
        : isJsonObject(schema.additionalProperties)
          ? schema.additionalProperties
          : undefined;
      if (childSchema) walkSchema(childSchema, child, path ? `${path}.${key}` : key, visit);
    }
  }
}

/**
 * Removes fields the schema does not declare (what the API server calls pruning) and returns their paths.
 * `metadata`, `apiVersion` and `kind` at the root are the server's business and left alone.
 */
export function pruneUnknownFields(schema: JsonObject, object: JsonObject): string[] {
  const unknown: string[] = [];
  walkSchema(schema, object, '', (node, value, path) => {
    if (!isJsonObject(value) || path === 'metadata' || node['x-kubernetes-preserve-unknown-fields'] === true)
      return;
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) return;
    const properties = isJsonObject(node.properties) ? node.properties : {};
    for (const key of Object.keys(value)) {
      if (path === '' && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
      if (!(key in properties)) {
        unknown.push(path ? `${path}.${key}` : key);
        delete value[key];
      }
    }
  });
  return unknown;
}
