import type { Command } from 'commander';
import { registerAdmin } from './admin.js';
import { registerAnalyze } from './analyze.js';
import { registerExport } from './export.js';
import { registerLogs } from './logs.js';
import { registerMigrate } from './migrate.js';
import { registerPush } from './push.js';
import { registerServe } from './serve.js';
import { registerTail } from './tail.js';
import { registerTemplates } from './templates.js';
import { registerUp } from './up.js';
import { registerVolume } from './volume.js';

/** Adds every subcommand to the program. */
export function registerCommands(program: Command): void {
  registerAnalyze(program);
  registerServe(program);
  registerMigrate(program);
  registerAdmin(program);
  registerUp(program);
  registerPush(program);
  registerLogs(program);
  registerTail(program);
  registerTemplates(program);
  registerVolume(program);
  registerExport(program);
}
