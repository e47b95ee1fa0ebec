import type { AnomalyEvent, EventParam } from './types.js';

/** How to find the session a line belongs to: a parameter type, a pattern on parameter values, or both. */
export interface SessionKeyRule {
  readonly name: string;
  /** Parameter types that qualify (e.g. `uuid`); any type when absent. */
  readonly paramTypes?: readonly string[];
  /** Whole-value pattern a parameter must match (e.g. `^blk_-?\d+$`); any value when absent. */
  readonly pattern?: string;
}

/**
 * The automatic default: identifier-shaped parameters. A value qualifies when the parser typed it as an id or
 * uuid, or when it is a word prefix joined to a long number or hex run (`blk_-160899`, `req-4f2a9c01`,
 * `job_200811092030_0001`). Bare numbers, addresses and paths do not: they repeat across unrelated work.
 */
export const AUTO_SESSION_RULES: readonly SessionKeyRule[] = [
  { name: 'typed-id', paramTypes: ['uuid', 'id', 'trace-id', 'request-id'] },
  { name: 'prefixed-id', pattern: '^[A-Za-z][A-Za-z0-9]{0,15}[_-]-?[0-9A-Fa-f]{6,}(?:[_-][0-9A-Fa-f]+)*$' },
];

/** Compiled rules, ready for the hot path. */
export interface CompiledKeyRules {
  readonly rules: readonly { readonly types?: ReadonlySet<string>; readonly re?: RegExp }[];
}

/** Compiles rules once. */
export function compileKeyRules(rules: readonly SessionKeyRule[]): CompiledKeyRules {
  return {
    rules: rules.map((r) => ({
      ...(r.paramTypes ? { types: new Set(r.paramTypes) } : {}),
      ...(r.pattern !== undefined ? { re: new RegExp(r.pattern) } : {}),
    })),
  };
}

/** Whether a parameter names a session under the compiled rules (the first rule that fits decides). */
export function isSessionKey(p: EventParam, compiled: CompiledKeyRules): boolean {
  for (const r of compiled.rules) {
    if (r.types && !r.types.has(p.type)) continue;
    if (r.re && !r.re.test(p.value)) continue;
    if (!r.types && !r.re) continue;
    return true;
  }
  return false;
}

/**
 * Session keys of an event: its trace id when it has one, then every parameter matching a rule (a line naming
 * two blocks belongs to both sessions). Returns undefined when none.
 */
export function sessionKeysOf(event: AnomalyEvent, compiled: CompiledKeyRules): string[] | undefined {
  let keys: string[] | undefined;
  if (event.traceId) keys = [event.traceId];
  for (const p of event.params) {
    if (!isSessionKey(p, compiled)) continue;
    if (!keys) keys = [p.value];
    else if (!keys.includes(p.value)) keys.push(p.value);
  }
  return keys;
}

/** Whether `value` already keyed this event: the trace id or an earlier key parameter (repeats are rare). */
export function keyedBefore(
  event: AnomalyEvent,
  upTo: number,
  value: string,
  compiled: CompiledKeyRules,
): boolean {
  if (event.traceId === value) return true;
  for (let i = 0; i < upTo; i++) {
    const p = event.params[i];
    if (p && p.value === value && isSessionKey(p, compiled)) return true;
  }
  return false;
}
