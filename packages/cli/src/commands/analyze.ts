import { InvalidArgumentError, Option, type Command } from 'commander';
import { describe } from './catalog.js';
import { openInput } from '../analyze/open-input.js';
import { ProgressLine } from '../analyze/progress.js';
import { renderReport, reportJson } from '../analyze/render-report.js';
import { runAnalysis } from '../analyze/run-analysis.js';

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

interface AnalyzeFlags {
  format: 'table' | 'json';
  top: number;
  anomalies: boolean;
  timeZone: string;
  redactIps: boolean;
  progress: boolean;
}

/** `loglens analyze <file|->`: templates, volume and anomalies of a log file, in-process, no servers. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(describe('analyze'))
    .argument('<file>', 'log file to read, or - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--top <n>', 'templates to show', positiveInt, 20)
    .option('--no-anomalies', 'skip anomaly detection')
    .option(
      '--time-zone <zone>',
      'zone of timestamps written without an offset (UTC, +02:00, Europe/Paris)',
      'UTC',
    )
    .option('--redact-ips', 'also redact IPv4 and IPv6 addresses', false)
    .option('--no-progress', 'no progress line on stderr (it is shown only on a terminal anyway)')
    .action(async (file: string, flags: AnalyzeFlags) => {
      const input = await openInput(file);
      const progress = new ProgressLine(
        flags.progress ? process.stderr : { write: () => true },
        input.sizeBytes,
      );
      const report = await runAnalysis(
        input,
        {
          anomalies: flags.anomalies,
          pipeline: {
            parsing: { timeZone: flags.timeZone },
            redaction: flags.redactIps ? { enable: ['ipv4', 'ipv6'] } : {},
          },
        },
        (lines, bytes) => progress.update(lines, bytes),
      );
      progress.done();
      const width = process.stdout.columns ?? 140;
      process.stdout.write(
        flags.format === 'json'
          ? `${reportJson(report, flags.top)}\n`
          : renderReport(report, flags.top, width),
      );
    });
}
