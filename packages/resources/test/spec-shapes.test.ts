import type { TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  AlertRuleSpecSchema,
  LogSourceSpecSchema,
  ResolvedAlertRuleSpecSchema,
  ResolvedLogSourceSpecSchema,
} from '../src/index.js';

interface ObjectNode {
  properties?: Record<string, ObjectNode>;
  required?: string[];
  default?: unknown;
}

/** Fields that are optional in the spec but required once resolved; each must carry a default. */
function compare(spec: ObjectNode, resolved: ObjectNode, path: string, problems: string[]): string[] {
  const specKeys = Object.keys(spec.properties ?? {});
  const resolvedKeys = Object.keys(resolved.properties ?? {});
  if (specKeys.join() !== resolvedKeys.join()) problems.push(`${path}: fields differ`);
  for (const key of specKeys) {
    const inSpec = spec.required?.includes(key) ?? false;
    const inResolved = resolved.required?.includes(key) ?? false;
    const child = spec.properties?.[key] ?? {};
    if (inSpec && !inResolved) problems.push(`${path}.${key}: required in spec only`);
    if (!inSpec && inResolved && child.default === undefined) problems.push(`${path}.${key}: no default`);
    if (inSpec === inResolved && !inSpec && child.default !== undefined)
      problems.push(`${path}.${key}: default but optional once resolved`);
    compare(child, resolved.properties?.[key] ?? {}, `${path}.${key}`, problems);
  }
  return problems;
}

describe.each([
  ['LogSource', LogSourceSpecSchema, ResolvedLogSourceSpecSchema],
  ['AlertRule', AlertRuleSpecSchema, ResolvedAlertRuleSpecSchema],
] as [string, TSchema, TSchema][])('%s spec and resolved spec', (_kind, spec, resolved) => {
  it('list the same fields and differ only in defaulted ones being required', () => {
    expect(compare(spec as ObjectNode, resolved as ObjectNode, 'spec', [])).toEqual([]);
  });
});
