import { builtinRules, OPT_IN_RULES, type RedactionRule } from './builtin-rules.js';
import { redactionMarker } from './marker.js';

/** A rule from configuration: a regular expression whose matches are replaced. */
export interface CustomRedactionRule {
  /** Lower-case name (`[a-z][a-z0-9-]*`), used in counts and in the default marker. */
  readonly name: string;
  /** Regular-expression source. */
  readonly pattern: string;
  /** Flags besides `g` (which is always set): any of `i`, `m`, `s`, `u`. @default '' */
  readonly flags?: string;
  /** Replacement text; `$1`-style group references work. @default `<redacted:NAME>` */
  readonly replacement?: string;
}

/** Which rules run. */
export interface RedactionConfig {
  /** Built-in rules to switch off, by name. */
  readonly disable?: readonly string[];
  /** Opt-in built-in rules to switch on (`ipv4`, `ipv6`). */
  readonly enable?: readonly string[];
  /** Extra rules, run after the built-in ones. */
  readonly custom?: readonly CustomRedactionRule[];
}

/** A redaction rule that cannot be used; `rule` names it. */
export class RedactionConfigError extends Error {
  override readonly name = 'RedactionConfigError';
  constructor(
    readonly rule: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`redaction rule "${rule}": ${message}`, options);
  }
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Names of every built-in rule, in the order they run. */
export function builtinRuleNames(): string[] {
  return builtinRules().map((r) => r.name);
}

/** Validates a configuration and compiles the rules it selects; throws RedactionConfigError naming a bad rule. */
export function compileRedactionRules(config: RedactionConfig = {}): RedactionRule[] {
  const builtins = builtinRules();
  const known = new Set(builtins.map((r) => r.name));
  for (const name of [...(config.disable ?? []), ...(config.enable ?? [])]) {
    if (!known.has(name))
      throw new RedactionConfigError(name, `no such built-in rule (known: ${[...known].join(', ')})`);
  }
  const disabled = new Set(config.disable ?? []);
  const enabled = new Set(config.enable ?? []);
  const rules = builtins.filter(
    (r) => !disabled.has(r.name) && (!OPT_IN_RULES.includes(r.name) || enabled.has(r.name)),
  );
  const seen = new Set(known);
  for (const custom of config.custom ?? []) {
    rules.push(compileCustom(custom, seen));
    seen.add(custom.name);
  }
  return rules;
}

function compileCustom(custom: CustomRedactionRule, taken: ReadonlySet<string>): RedactionRule {
  const { name } = custom;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new RedactionConfigError(String(name), 'name must match [a-z][a-z0-9-]* (at most 40 characters)');
  }
  if (taken.has(name)) throw new RedactionConfigError(name, 'name is already used by another rule');
  const flags = custom.flags ?? '';
  if (!/^[imsu]*$/.test(flags))
    throw new RedactionConfigError(name, `unsupported flags "${flags}" (use i, m, s, u)`);
  let pattern: RegExp;
  try {
    pattern = new RegExp(custom.pattern, `${flags}g`);
  } catch (error) {
    throw new RedactionConfigError(name, `invalid regular expression: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const single = new RegExp(custom.pattern, flags);
  if (single.test('')) {
    throw new RedactionConfigError(name, 'pattern matches the empty string');
  }
  const replacement = custom.replacement ?? redactionMarker(name);
  return {
    name,
    candidate: 0,
    pattern,
    replace: (match) => match.replace(single, replacement),
  };
}
