import type { Command } from 'commander';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';

/** Adds every subcommand to the program. */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerMigrate(program);
}
