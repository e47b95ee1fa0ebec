import { Option, type Command } from 'commander';
import { LogEvent, TemplateSort, type Template } from '@loglens/proto';
import { describe } from './catalog.js';
import { withConnectionOptions, type ConnectionFlags } from '../client/connection.js';
import { parseTime, wholeNumber } from '../client/filter-flags.js';
import { withQueryApi } from '../client/query-client.js';
import { templateDetails, templateJson, templateTable } from '../client/render-templates.js';

interface RangeFlags {
  readonly since?: string;
  readonly until?: string;
}

interface ListFlags extends ConnectionFlags, RangeFlags {
  readonly source?: string;
  readonly grep?: string;
  readonly sort: keyof typeof SORTS;
  readonly limit: number;
  readonly output: 'table' | 'json';
}

interface ShowFlags extends ConnectionFlags, RangeFlags {
  readonly examples: number;
  readonly output: 'table' | 'json';
}

const SORTS = {
  count: TemplateSort.TEMPLATE_SORT_COUNT_DESC,
  'last-seen': TemplateSort.TEMPLATE_SORT_LAST_SEEN_DESC,
  'first-seen': TemplateSort.TEMPLATE_SORT_FIRST_SEEN_DESC,
} as const;

function timeRange(flags: RangeFlags) {
  const now = Date.now();
  if (flags.since === undefined && flags.until === undefined) return undefined;
  return {
    start: flags.since === undefined ? undefined : parseTime(flags.since, now, '--since'),
    end: flags.until === undefined ? undefined : parseTime(flags.until, now, '--until'),
  };
}

function withCommon(command: Command): Command {
  return withConnectionOptions(
    command
      .option('--since <time>', 'count lines from this time: a duration ago (1h, 7d) or RFC 3339')
      .option('--until <time>', 'count lines before this time')
      .addOption(new Option('--output <format>', 'how to print').choices(['table', 'json']).default('table')),
  );
}

/** `loglens templates [list]` and `loglens templates show ID`. */
export function registerTemplates(program: Command): void {
  const templates = program.command('templates').description(describe('templates'));
  withCommon(
    templates
      .command('list', { isDefault: true })
      .description('templates with counts, most frequent first')
      .option('--source <ns/name>', 'only this LogSource')
      .option('--grep <text>', 'only templates containing this text')
      .addOption(new Option('--sort <order>', 'sort order').choices(Object.keys(SORTS)).default('count'))
      .option('--limit <n>', 'most templates; 0 for all', wholeNumber(0), 50),
  ).action(async (flags: ListFlags) => {
    const found: Template[] = [];
    await withQueryApi(flags, async (api) => {
      let cursor = '';
      do {
        const pageSize = flags.limit === 0 ? 1000 : Math.min(flags.limit - found.length, 1000);
        const response = await api.listTemplates({
          source: flags.source ?? '',
          text: flags.grep ?? '',
          sort: SORTS[flags.sort],
          timeRange: timeRange(flags),
          page: { pageSize, cursor },
        });
        found.push(...response.templates);
        cursor = response.page?.nextCursor ?? '';
      } while (cursor !== '' && (flags.limit === 0 || found.length < flags.limit));
    });
    if (flags.output === 'json') console.log(JSON.stringify(found.map(templateJson), null, 2));
    else for (const line of templateTable(found)) console.log(line);
  });

  withCommon(
    templates
      .command('show <id>')
      .description('one template with parameter statistics and recent examples')
      .option('--examples <n>', 'example events to show (at most 100)', wholeNumber(1), 5),
  ).action(async (id: string, flags: ShowFlags) => {
    const response = await withQueryApi(flags, (api) =>
      api.getTemplate({ templateId: id, timeRange: timeRange(flags), exampleLimit: flags.examples }),
    );
    if (flags.output === 'json') {
      const examples = response.examples.map((e) => LogEvent.toJSON(e));
      console.log(JSON.stringify({ template: templateJson(response.template!), examples }, null, 2));
    } else for (const line of templateDetails(response)) console.log(line);
  });
}
