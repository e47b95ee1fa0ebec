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
 * Whole-value shape of an identifier, whatever type a parser gave it: a word prefix joined to a hex or decimal
 * run of 3+ characters holding a digit (`blk_-1608`, `req-7f3a`, `job_200811092030_0001`); a UUID; or a run of
 * 16+ letters and digits holding both (trace and span ids, base-62 request ids). Plain and decimal numbers,
 * numbers with a unit (`26%`, `12ms`, `4KB`), words, addresses, paths and node names are not identifiers: they
 * repeat across unrelated work, so treating them as session keys glues unrelated lines together.
 */
export const IDENTIFIER_PATTERN =
  '^(?:[A-Za-z][A-Za-z0-9]{0,15}[_-]-?(?=[0-9A-Fa-f]*[0-9])[0-9A-Fa-f]{3,}(?:[_-][0-9A-Za-z]+)*' +
  '|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}' +
  '|(?=[0-9A-Za-z]*[0-9])(?=[0-9A-Za-z]*[A-Za-z])[0-9A-Za-z]{16,})$';

/**
 * The automatic default: parameters typed as UUIDs or trace/request ids, and id-, hex- or word-typed parameters
 * whose value has the shape of an identifier (`IDENTIFIER_PATTERN`). A parser's `id` type alone is not enough:
 * it means "has a digit", which `26%` and `x3` also have.
 */
export const AUTO_SESSION_RULES: readonly SessionKeyRule[] = [
  { name: 'typed-id', paramTypes: ['uuid', 'trace-id', 'request-id'] },
  { name: 'identifier', paramTypes: ['id', 'hex', 'word'], pattern: IDENTIFIER_PATTERN },
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
 * The items of a list parameter (`blk_1 blk_2 blk_3`, a run of values whose length varies), each as an `id`
 * parameter so the rules judge it as they would a value of its own.
 */
export function listItems(p: EventParam): EventParam[] {
  return p.value
    .split(/\s+/)
    .filter((v) => v.length > 0)
    .map((value) => ({ type: 'id', value }));
}

/**
 * Session keys of an event: its trace id when it has one, then every parameter matching a rule, and every
 * item of a list parameter that does (a line naming two blocks belongs to both sessions). Undefined when none.
 */
export function sessionKeysOf(event: AnomalyEvent, compiled: CompiledKeyRules): string[] | undefined {
  let keys: string[] | undefined;
  if (event.traceId) keys = [event.traceId];
  for (const param of event.params) {
    for (const p of param.type === 'list' ? listItems(param) : [param]) {
      if (!isSessionKey(p, compiled)) continue;
      if (!keys) keys = [p.value];
      else if (!keys.includes(p.value)) keys.push(p.value);
    }
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
