import { Help, type Command } from 'commander';
import { CATALOG } from './catalog.js';

type Register = (program: Command) => void;

/** Each subcommand's module, loaded only when it may run: most pull in services, gRPC or PostgreSQL clients. */
const LOADERS: Readonly<Record<string, () => Promise<Register>>> = {
  analyze: async () => (await import('./analyze.js')).registerAnalyze,
  serve: async () => (await import('./serve.js')).registerServe,
  migrate: async () => (await import('./migrate.js')).registerMigrate,
  admin: async () => (await import('./admin.js')).registerAdmin,
  up: async () => (await import('./up.js')).registerUp,
  push: async () => (await import('./push.js')).registerPush,
  logs: async () => (await import('./logs.js')).registerLogs,
  tail: async () => (await import('./tail.js')).registerTail,
  templates: async () => (await import('./templates.js')).registerTemplates,
  volume: async () => (await import('./volume.js')).registerVolume,
  export: async () => (await import('./export.js')).registerExport,
};

/** Registers the real definition of a subcommand. */
export async function registerCommand(program: Command, name: string): Promise<void> {
  const load = LOADERS[name];
  if (!load) throw new Error(`unknown command ${name}`);
  (await load())(program);
}

/**
 * Adds the subcommands to the program. The one a command line runs (`loglens analyze …`, or `loglens help
 * analyze`) is loaded and registered for real, so `loglens analyze` loads the parsing and detection engines and
 * nothing else. Otherwise (the command list, or a typo to suggest against) every subcommand is registered
 * from the catalog only, by name and description, and loads nothing.
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const [first, second] = argv.slice(2);
  const invoked = first === 'help' ? second : first;
  if (invoked !== undefined && LOADERS[invoked]) return registerCommand(program, invoked);
  for (const { name, description } of CATALOG) program.command(name).description(description);
  const terms = new Map(CATALOG.map((c) => [c.name, c.term]));
  const standard = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? standard.subcommandTerm(cmd) });
}
