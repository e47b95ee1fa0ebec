import type { TSchema } from '@sinclair/typebox';

/** A JSON Schema node as plain data (what a CRD's `openAPIV3Schema` holds). */
export type JsonSchema = { [key: string]: JsonValue };
/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `anyOf` of string constants (how TypeBox spells a literal union) becomes `type: string` + `enum`. */
function literalUnion(node: JsonSchema): string[] | undefined {
  const branches = node.anyOf;
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const values: string[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || typeof branch.const !== 'string') return undefined;
    values.push(branch.const);
  }
  return values;
}

// Keywords in the order people read a schema: what it is, what it means, then its constraints and children.
const KEY_ORDER = ['type', 'description', 'required', 'default', 'enum'];
const LAST = ['properties', 'additionalProperties', 'items', 'x-kubernetes-validations'];

function rank(key: string): number {
  const first = KEY_ORDER.indexOf(key);
  if (first >= 0) return first;
  const last = LAST.indexOf(key);
  return last >= 0 ? 100 + last : 50;
}

function ordered(node: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(node).sort(([a], [b]) => rank(a) - rank(b)));
}

function convert(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(convert);
  if (!isObject(node)) return node;
  const out: JsonSchema = {};
  const values = literalUnion(node);
  for (const [key, value] of Object.entries(node)) {
    if (values && key === 'anyOf') {
      out.type = 'string';
      out.enum = values;
    } else if (key === 'patternProperties' && isObject(value) && isObject(value['^(.*)$'])) {
      // TypeBox spells a string-keyed record with a catch-all pattern; CRDs only accept additionalProperties.
      out.additionalProperties = convert(value['^(.*)$']);
    } else if (key === 'properties' && isObject(value)) {
      // Property names are data, not keywords: convert the schema under each name, not the names.
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, convert(s)]));
    } else {
      out[key] = key === 'default' || key === 'enum' ? value : convert(value);
    }
  }
  return ordered(out);
}

/**
 * Turns a TypeBox schema into a structural schema the Kubernetes API server accepts: plain JSON (TypeBox's
 * symbol keys dropped), literal unions as `enum`, records as `additionalProperties`.
 */
export function toStructuralSchema(schema: TSchema): JsonSchema {
  const plain = JSON.parse(JSON.stringify(schema)) as JsonValue;
  const converted = convert(plain);
  if (!isObject(converted)) throw new TypeError('a schema must be an object');
  return converted;
}
