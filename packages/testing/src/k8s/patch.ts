import { ApiError, type JsonObject } from './api-errors.js';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies an RFC 7386 JSON merge patch (null deletes, objects merge, anything else replaces). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface Operation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw invalidPatch(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function invalidPatch(message: string): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: ${message}`,
  );
}

function parentOf(root: JsonObject, tokens: string[]): [JsonObject | unknown[], string] {
  let node: unknown = root;
  for (const token of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw invalidPatch(`missing path: /${tokens.join('/')}`);
  }
  if (!Array.isArray(node) && !isObject(node)) throw invalidPatch(`not a container: /${tokens.join('/')}`);
  return [node, tokens[tokens.length - 1]!];
}

function read(root: JsonObject, path: string): unknown {
  let node: unknown = root;
  for (const token of pointer(path)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw invalidPatch(`missing path: ${path}`);
  }
  return node;
}

function remove(root: JsonObject, path: string): unknown {
  const [parent, key] = parentOf(root, pointer(path));
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!(index < parent.length)) throw invalidPatch(`missing path: ${path}`);
    return parent.splice(index, 1)[0];
  }
  if (!(key in parent)) throw invalidPatch(`missing path: ${path}`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function add(root: JsonObject, path: string, value: unknown): void {
  const [parent, key] = parentOf(root, pointer(path));
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index > parent.length) throw invalidPatch(`bad index: ${path}`);
    parent.splice(index, 0, structuredClone(value));
  } else parent[key] = structuredClone(value);
}

/** Applies an RFC 6902 JSON patch (add, remove, replace, move, copy, test) to a copy of `target`. */
export function jsonPatch(target: JsonObject, operations: unknown): JsonObject {
  if (!Array.isArray(operations)) throw invalidPatch('a JSON patch is an array of operations');
  const root = structuredClone(target);
  for (const operation of operations as Operation[]) {
    switch (operation.op) {
      case 'add':
        add(root, operation.path, operation.value);
        break;
      case 'remove':
        remove(root, operation.path);
        break;
      case 'replace':
        remove(root, operation.path);
        add(root, operation.path, operation.value);
        break;
      case 'move':
        add(root, operation.path, remove(root, operation.from ?? ''));
        break;
      case 'copy':
        add(root, operation.path, read(root, operation.from ?? ''));
        break;
      case 'test':
        if (JSON.stringify(read(root, operation.path)) !== JSON.stringify(operation.value))
          throw invalidPatch(`testing value ${operation.path} failed`);
        break;
      default:
        throw invalidPatch(`unexpected kind of operation: ${String(operation.op)}`);
    }
  }
  return root;
}
