import type { FormatKind, LogPipelineOptions, MinerOptions, RedactionConfig } from '@loglens/logparse';
import type { LogSourceConfig } from '@loglens/resources';

/** How the lines of one raw batch are joined into records (the batch is the unit: no record spans two). */
export interface RecordFraming {
  /** `auto` joins stack traces and indented continuations; `none` keeps one line per record. */
  readonly mode: 'auto' | 'none';
  /** Regular expression source: a matching line starts a record (overrides `mode`). */
  readonly startPattern?: string;
  /** Most lines joined into one record. */
  readonly maxLines: number;
}

/** Everything the parser needs to build the pipeline of one source. */
export interface SourceSettings {
  readonly framing: RecordFraming;
  /** Parsing, redaction and mining options of `createLogPipeline` (framing is the parser's own). */
  readonly pipeline: LogPipelineOptions;
  /** Extra labels added to the attributes of every event. */
  readonly labels: Readonly<Record<string, string>>;
}

/** What a source without a LogSource document gets: format detection, auto multiline, default redaction. */
export const DEFAULT_SOURCE_SETTINGS: SourceSettings = {
  framing: { mode: 'auto', maxLines: 500 },
  pipeline: {},
  labels: {},
};

// `syslog` covers RFC 3164 and 5424, which detection tells apart; the others name one parser format.
const FORMATS: Readonly<Record<LogSourceConfig['spec']['format'], FormatKind | 'auto'>> = {
  auto: 'auto',
  json: 'json',
  logfmt: 'logfmt',
  syslog: 'auto',
  cri: 'cri',
  docker: 'docker-json',
  'access-log': 'access-log',
  'apache-error': 'apache-error',
  text: 'text-header',
  plain: 'plain',
};

/** Translates a LogSource document into parser settings. */
export function sourceSettingsOf(config: LogSourceConfig): SourceSettings {
  const { format, multiline, redaction, mining, labels } = config.spec;
  const miningOptions: MinerOptions = {
    maxTemplates: mining.maxTemplates,
    generaliseAfter: mining.generaliseAfter,
  };
  const redactionConfig: RedactionConfig | undefined = redaction && {
    ...(redaction.disable ? { disable: redaction.disable } : {}),
    ...(redaction.enable ? { enable: redaction.enable } : {}),
    ...(redaction.custom ? { custom: redaction.custom } : {}),
  };
  return {
    framing: {
      mode: multiline.mode,
      maxLines: multiline.maxLines,
      ...(multiline.startPattern === undefined ? {} : { startPattern: multiline.startPattern }),
    },
    pipeline: {
      parsing: { format: FORMATS[format] },
      mining: miningOptions,
      ...(redactionConfig ? { redaction: redactionConfig } : {}),
    },
    labels: labels ?? {},
  };
}
