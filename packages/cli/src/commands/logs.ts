import { Option, type Command } from 'commander';
import { Order, type LogEvent } from '@loglens/proto';
import { describe } from './catalog.js';
import { withConnectionOptions, type ConnectionFlags } from '../client/connection.js';
import { filterFromFlags, wholeNumber, withFilterOptions, type FilterFlags } from '../client/filter-flags.js';
import { withQueryApi } from '../client/query-client.js';
import { jsonLine, tableLine, type EventOutput } from '../client/render-events.js';

interface LogsFlags extends ConnectionFlags, FilterFlags {
  readonly limit: number;
  readonly output: EventOutput;
  readonly oldestFirst?: boolean;
}

/** `loglens logs`: stored events matching the filter flags, newest first, page after page up to --limit. */
export function registerLogs(program: Command): void {
  withConnectionOptions(
    withFilterOptions(
      program
        .command('logs')
        .description(describe('logs'))
        .option('--limit <n>', 'most events to print; 0 for all', wholeNumber(0), 100)
        .option('--oldest-first', 'oldest events first')
        .addOption(
          new Option('--output <format>', 'how to print')
            .choices(['table', 'json', 'jsonl'])
            .default('table'),
        ),
    ),
  ).action(async (flags: LogsFlags) => {
    const filter = filterFromFlags(flags);
    const order = flags.oldestFirst === true ? Order.ORDER_OLDEST_FIRST : Order.ORDER_NEWEST_FIRST;
    const collected: LogEvent[] = [];
    await withQueryApi(flags, async (api) => {
      let cursor = '';
      let remaining = flags.limit === 0 ? Infinity : flags.limit;
      do {
        const pageSize = Math.min(remaining, 1000);
        const { events, page } = await api.queryLogs({ filter, order, page: { pageSize, cursor } });
        for (const event of events) {
          if (flags.output === 'json') collected.push(event);
          else console.log(flags.output === 'jsonl' ? jsonLine(event) : tableLine(event));
        }
        remaining -= events.length;
        cursor = page?.nextCursor ?? '';
      } while (cursor !== '' && remaining > 0);
    });
    if (flags.output === 'json') console.log(`[${collected.map(jsonLine).join(',\n')}]`);
  });
}
