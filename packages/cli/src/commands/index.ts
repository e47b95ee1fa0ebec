import type { Command } from 'commander';
import { registerAdmin } from './admin.js';
import { registerAnalyze } from './analyze.js';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';
import { registerUp } from './up.js';

/** Adds every subcommand to the program. */
export function registerCommands(program: Command): void {
  registerAnalyze(program);
  registerServe(program);
  registerMigrate(program);
  registerAdmin(program);
  registerUp(program);
}
