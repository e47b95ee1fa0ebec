export type { Module, ModuleDefinition } from './module.js';
export { parseTargets, startOrder, TargetError } from './resolve-targets.js';
export { startModules, type RunnerLogger, type RunningModules } from './module-runner.js';
