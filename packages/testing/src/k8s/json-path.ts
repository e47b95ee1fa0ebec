import type { JsonObject } from './api-errors.js';

type Step = { readonly key: string } | { readonly index: number } | { readonly filter: [string, string] };

// The subset kubectl printer columns and scale paths use: `.a.b`, `[0]` and `[?(@.key=="value")]`.
const STEP = /^(?:\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\?\(@\.([A-Za-z0-9_-]+)==["']([^"']*)["']\)\])/;

function parse(path: string): Step[] {
  const steps: Step[] = [];
  let rest = path.startsWith('{') && path.endsWith('}') ? path.slice(1, -1) : path;
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) throw new Error(`unsupported JSONPath "${path}" at "${rest}"`);
    if (match[1] !== undefined) steps.push({ key: match[1] });
    else if (match[2] !== undefined) steps.push({ index: Number(match[2]) });
    else steps.push({ filter: [match[3]!, match[4]!] });
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** Every value a JSONPath (kubectl subset) selects in `root`. */
export function selectJsonPath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const step of parse(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if ('key' in step) {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const child = (value as JsonObject)[step.key];
          if (child !== undefined) next.push(child);
        }
      } else if ('index' in step) {
        if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
      } else if (Array.isArray(value)) {
        const [key, expected] = step.filter;
        for (const item of value) {
          if (typeof item === 'object' && item !== null && String((item as JsonObject)[key]) === expected)
            next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

/** Sets the value at a dot path (`.spec.replicas`), creating objects on the way. */
export function setDotPath(root: JsonObject, path: string, value: unknown): void {
  const keys = path.replace(/^\./, '').split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1]!] = value;
}
