import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { UsageError } from './usage-error.js';

/**
 * Builds the `loglens` command tree for a command line (`node loglens …`): with the subcommand it names, or
 * every subcommand when it names none.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('loglens')
    .description('LogLens: templates, anomalies and alerts from your logs')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, argv);
  return program;
}

/** Runs the CLI and returns the process exit code: 0 ok, 1 failure, 2 bad usage. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await (await createProgram(argv)).parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      console.error(`loglens: ${err.message}`);
      return 2;
    }
    console.error(`loglens: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
