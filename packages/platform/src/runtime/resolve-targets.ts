import type { ModuleDefinition } from './module.js';

/** A target list names a module that does not exist, or the modules depend on each other in a circle. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** Splits `a,b,c` and expands `all` into every public module. */
export function parseTargets(spec: string, definitions: readonly ModuleDefinition<never>[]): string[] {
  const names = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new TargetError('no target given: name modules, or "all"');
  const known = new Set(definitions.map((d) => d.name));
  const expanded = names.flatMap((n) =>
    n === 'all' ? definitions.filter((d) => !d.internal).map((d) => d.name) : [n],
  );
  const unknown = expanded.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const choices = ['all', ...definitions.filter((d) => !d.internal).map((d) => d.name)].join(', ');
    throw new TargetError(
      `unknown target ${unknown.map((u) => `"${u}"`).join(', ')}: choose from ${choices}`,
    );
  }
  return [...new Set(expanded)];
}

/** Orders the targets and everything they depend on so that each module comes after its dependencies. */
export function startOrder<C>(
  targets: readonly string[],
  definitions: readonly ModuleDefinition<C>[],
): ModuleDefinition<C>[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const ordered: ModuleDefinition<C>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: readonly string[]): void => {
    const def = byName.get(name);
    if (!def) throw new TargetError(`module "${path.at(-1)}" depends on unknown module "${name}"`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new TargetError(`modules depend on each other in a circle: ${[...path, name].join(' -> ')}`);
    }
    state.set(name, 'visiting');
    for (const dep of def.dependsOn ?? []) visit(dep, [...path, name]);
    state.set(name, 'done');
    ordered.push(def);
  };
  for (const t of targets) visit(t, []);
  return ordered;
}
