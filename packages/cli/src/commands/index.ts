import type { Command } from 'commander';

/** A subcommand, loaded only when it may run: most pull in services, gRPC or PostgreSQL clients. */
interface CommandEntry {
  readonly name: string;
  readonly register: () => Promise<(program: Command) => void>;
}

const COMMANDS: readonly CommandEntry[] = [
  { name: 'analyze', register: async () => (await import('./analyze.js')).registerAnalyze },
  { name: 'serve', register: async () => (await import('./serve.js')).registerServe },
  { name: 'migrate', register: async () => (await import('./migrate.js')).registerMigrate },
  { name: 'admin', register: async () => (await import('./admin.js')).registerAdmin },
  { name: 'up', register: async () => (await import('./up.js')).registerUp },
  { name: 'push', register: async () => (await import('./push.js')).registerPush },
  { name: 'logs', register: async () => (await import('./logs.js')).registerLogs },
  { name: 'tail', register: async () => (await import('./tail.js')).registerTail },
  { name: 'templates', register: async () => (await import('./templates.js')).registerTemplates },
  { name: 'volume', register: async () => (await import('./volume.js')).registerVolume },
  { name: 'export', register: async () => (await import('./export.js')).registerExport },
];

/**
 * Adds the subcommands to the program: only `invoked` when it names one (so `loglens analyze` loads the
 * parsing and detection engines and nothing else), every one otherwise (help, a typo to suggest against).
 */
export async function registerCommands(program: Command, invoked?: string): Promise<void> {
  const only = COMMANDS.find((c) => c.name === invoked);
  for (const command of only ? [only] : COMMANDS) (await command.register())(program);
}
