import type { Module, ModuleDefinition } from './module.js';
import { startOrder } from './resolve-targets.js';

/** What the runner reports as it goes; a pino logger fits. */
export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A set of started modules that stop together, in reverse start order. */
export interface RunningModules {
  readonly names: readonly string[];
  get(name: string): Module | undefined;
  stop(): Promise<void>;
}

/**
 * Builds and starts the target modules and their dependencies in dependency order. If one fails to start,
 * the ones already started are stopped again before the error is rethrown.
 */
export async function startModules<C>(
  targets: readonly string[],
  definitions: readonly ModuleDefinition<C>[],
  context: C,
  logger: RunnerLogger,
): Promise<RunningModules> {
  const started = new Map<string, Module>();
  const stopAll = async (): Promise<void> => {
    for (const [name, module] of [...started].reverse()) {
      try {
        await module.stop();
        logger.info({ module: name }, 'module stopped');
      } catch (err) {
        logger.error({ module: name, err }, 'module failed to stop');
      }
      started.delete(name);
    }
  };
  for (const def of startOrder(targets, definitions)) {
    try {
      const module = await def.create(context, started);
      await module.start();
      started.set(def.name, module);
      logger.info({ module: def.name }, 'module started');
    } catch (err) {
      logger.error({ module: def.name, err }, 'module failed to start');
      await stopAll();
      throw err;
    }
  }
  const names = [...started.keys()];
  let stopping: Promise<void> | undefined;
  return {
    names,
    get: (name) => started.get(name),
    stop: () => (stopping ??= stopAll()),
  };
}
