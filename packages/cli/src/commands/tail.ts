import { Option, type Command } from 'commander';
import { status, type ServiceError } from '@grpc/grpc-js';
import type { TailResponse } from '@loglens/proto';
import { describe } from './catalog.js';
import { withConnectionOptions, type ConnectionFlags } from '../client/connection.js';
import { filterFromFlags, wholeNumber, withFilterOptions, type FilterFlags } from '../client/filter-flags.js';
import { withQueryApi } from '../client/query-client.js';
import { jsonLine, tableLine } from '../client/render-events.js';

interface TailFlags extends ConnectionFlags, FilterFlags {
  readonly output: 'table' | 'jsonl';
  readonly count?: number;
}

/** `loglens tail`: follows new events matching the filter flags until Ctrl-C (or --count events). */
export function registerTail(program: Command): void {
  withConnectionOptions(
    withFilterOptions(
      program
        .command('tail')
        .description(describe('tail'))
        .option('--count <n>', 'stop after this many events', wholeNumber(1))
        .addOption(
          new Option('--output <format>', 'how to print').choices(['table', 'jsonl']).default('table'),
        ),
    ),
  ).action(async (flags: TailFlags) => {
    const filter = filterFromFlags(flags);
    await withQueryApi(flags, (api) => {
      const call = api.tail({ filter });
      let printed = 0;
      let stoppedByUs = false;
      const stop = (): void => {
        stoppedByUs = true;
        call.cancel();
      };
      process.once('SIGINT', stop);
      return new Promise<void>((resolve, reject) => {
        call.on('data', (response: TailResponse) => {
          if (response.droppedCount > 0) {
            console.error(`loglens: ${response.droppedCount} events dropped: this client read too slowly`);
          }
          for (const event of response.events) {
            if (stoppedByUs) return;
            console.log(flags.output === 'jsonl' ? jsonLine(event) : tableLine(event));
            printed++;
            if (flags.count !== undefined && printed >= flags.count) stop();
          }
        });
        call.on('error', (error: ServiceError) => {
          if (!(stoppedByUs && error.code === status.CANCELLED)) reject(api.describe(error));
        });
        call.on('status', (end: { code: status }) => {
          if (end.code === status.OK) console.error('loglens: the server ended the tail (shutting down)');
          if (end.code === status.OK || stoppedByUs) resolve();
        });
      }).finally(() => process.off('SIGINT', stop));
    });
  });
}
