import type { ParsedRecord } from '../types.js';
import { recordFromFields } from './structured-fields.js';
import type { TimestampParser } from './timestamp.js';

const MAX_DEPTH = 4;
const MAX_VALUE = 4096;

/** Parses a JSON object line; undefined when the text is not a JSON object. */
export function parseJsonRecord(
  text: string,
  parse: TimestampParser,
  maxAttributes: number,
): ParsedRecord | undefined {
  const value = parseObject(text);
  if (value === undefined) return undefined;
  return recordFromFields(flattenObject(value, maxAttributes * 2), 'json', parse, maxAttributes);
}

/** JSON.parse restricted to objects; undefined for anything else or invalid JSON. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (trimmed.charCodeAt(0) !== 123 || trimmed.charCodeAt(trimmed.length - 1) !== 125) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Flattens nested objects into dotted keys with string values, bounded in depth, key count and value length;
 * arrays and over-deep objects become their JSON text.
 */
export function flattenObject(
  value: Readonly<Record<string, unknown>>,
  maxKeys: number,
): Map<string, string> {
  const out = new Map<string, string>();
  walk(value, '', 0);
  return out;

  function walk(object: Readonly<Record<string, unknown>>, prefix: string, depth: number): void {
    for (const [key, child] of Object.entries(object)) {
      if (out.size >= maxKeys) return;
      const name = prefix ? `${prefix}.${key}` : key;
      if (child === null || child === undefined) continue;
      if (typeof child === 'object' && !Array.isArray(child) && depth < MAX_DEPTH) {
        walk(child as Record<string, unknown>, name, depth + 1);
      } else {
        // JSON text for arrays, deep objects, numbers and booleans alike.
        const text = typeof child === 'string' ? child : (JSON.stringify(child) ?? '');
        out.set(name, text.length > MAX_VALUE ? text.slice(0, MAX_VALUE) : text);
      }
    }
  }
}
