/**
 * Name, usage term and description of every subcommand, kept apart from the commands themselves so that the
 * command list (`loglens --help`) is printed without loading any of them. A test checks each command against
 * its entry.
 */
export interface CommandSummary {
  readonly name: string;
  /** As commander writes it in the command list: name, `[options]` when it has any, its arguments. */
  readonly term: string;
  readonly description: string;
}

export const CATALOG: readonly CommandSummary[] = [
  {
    name: 'analyze',
    term: 'analyze [options] <file>',
    description:
      'mine templates and detect anomalies in a log file (plain or gzip, or - for stdin), no servers needed',
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description:
      'run LogLens modules in this process (configured by LOGLENS_* variables, see docs/configuration.md)',
  },
  {
    name: 'migrate',
    term: 'migrate [options]',
    description: 'apply PostgreSQL migrations (LOGLENS_POSTGRES_URL, or --database-url)',
  },
  { name: 'admin', term: 'admin', description: 'manage tenants and API keys (in PostgreSQL)' },
  {
    name: 'up',
    term: 'up [options]',
    description:
      'run LogLens on this machine: starts nats-server, PostgreSQL and VictoriaMetrics (installed by ' +
      '`npm run setup`) and every service, and prints how to point the CLI at them',
  },
  {
    name: 'push',
    term: 'push [options] <files...>',
    description: 'send log files (plain or gzip, - for stdin) to LogLens through the ingest service',
  },
  {
    name: 'logs',
    term: 'logs [options]',
    description: 'search stored log events (newest first) through the query service',
  },
  {
    name: 'tail',
    term: 'tail [options]',
    description: 'follow log events as they are parsed (--since replays recent ones first); Ctrl-C stops',
  },
  { name: 'templates', term: 'templates', description: 'list the mined templates, or show one' },
  {
    name: 'volume',
    term: 'volume [options]',
    description: 'line counts over time from the per-minute rollup (default: the last hour)',
  },
  {
    name: 'export',
    term: 'export [options]',
    description: 'export matching log events as JSON lines, CSV or text (streamed, any size)',
  },
];

/** The description of a subcommand, for its own definition. */
export function describe(name: string): string {
  const entry = CATALOG.find((c) => c.name === name);
  if (!entry) throw new Error(`no catalog entry for command ${name}`);
  return entry.description;
}
