import { Option, type Command } from 'commander';
import { ExportFormat, Order } from '@loglens/proto';
import { describe } from './catalog.js';
import { withConnectionOptions, type ConnectionFlags } from '../client/connection.js';
import { filterFromFlags, wholeNumber, withFilterOptions, type FilterFlags } from '../client/filter-flags.js';
import { withQueryApi } from '../client/query-client.js';
import { writeChunks } from '../client/write-output.js';

interface ExportFlags extends ConnectionFlags, FilterFlags {
  readonly format: 'jsonl' | 'csv' | 'text';
  readonly out?: string;
  readonly limit: number;
  readonly oldestFirst?: boolean;
}

const FORMATS = {
  jsonl: ExportFormat.EXPORT_FORMAT_JSON_LINES,
  csv: ExportFormat.EXPORT_FORMAT_CSV,
  text: ExportFormat.EXPORT_FORMAT_TEXT,
} as const;

/** `loglens export`: every matching event as JSON lines, CSV or text, streamed to stdout or a file. */
export function registerExport(program: Command): void {
  withConnectionOptions(
    withFilterOptions(
      program
        .command('export')
        .description(describe('export'))
        .addOption(
          new Option('--format <format>', 'file format').choices(Object.keys(FORMATS)).default('jsonl'),
        )
        .option('--out <file>', 'write to this file instead of standard output')
        .option('--limit <n>', 'most events; 0 for all', wholeNumber(0), 0)
        .option('--oldest-first', 'oldest events first (default: newest first)'),
    ),
  ).action(async (flags: ExportFlags) => {
    const request = {
      filter: filterFromFlags(flags),
      format: FORMATS[flags.format],
      order: flags.oldestFirst === true ? Order.ORDER_OLDEST_FIRST : Order.ORDER_NEWEST_FIRST,
      limit: flags.limit,
    };
    await withQueryApi(flags, async (api) => {
      const chunks = (async function* () {
        for await (const { chunk } of api.exportLogs(request)) yield chunk;
      })();
      const bytes = await writeChunks(chunks, flags.out);
      if (flags.out !== undefined) console.error(`loglens: wrote ${bytes} bytes to ${flags.out}`);
    });
  });
}
