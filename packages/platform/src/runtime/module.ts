/** A running part of a LogLens process (a service, a shared server, a worker). */
export interface Module {
  start(): Promise<void>;
  /** Stops accepting work, finishes what is in flight and releases resources. */
  stop(): Promise<void>;
}

/**
 * How to build one module of `loglens serve --target=...`. `create` receives the modules it depends on
 * already built, so a service can register itself on the shared gRPC server, for example.
 */
export interface ModuleDefinition<TContext = unknown> {
  readonly name: string;
  /** Modules that must start before this one and stop after it. */
  readonly dependsOn?: readonly string[];
  /** True for modules started only as a dependency, never named by `all`. */
  readonly internal?: boolean;
  create(context: TContext, started: ReadonlyMap<string, Module>): Promise<Module> | Module;
}
