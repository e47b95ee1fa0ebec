import { createLogPipeline } from '@loglens/logparse';
import { configKeyFilter, parseConfigKey, type Logger } from '@loglens/platform';
import { logSourceName, parseLogSourceConfig } from '@loglens/resources';
import type { KvEntry, NatsConnection } from 'nats';
import { DEFAULT_SOURCE_SETTINGS, sourceSettingsOf, type SourceSettings } from '../parse/source-settings.js';

/** The settings of every source that has a LogSource document, kept current from the config bucket. */
export interface SourceConfigs {
  /** Settings of `<namespace>/<name>`; the defaults when it has no (valid) document. */
  settingsOf(source: string): SourceSettings;
  stop(): Promise<void>;
}

/** Options of {@link watchSourceConfigs}. */
export interface WatchSourceConfigsOptions {
  readonly connection: NatsConnection;
  /** Name of the config bucket (prefixed). */
  readonly bucket: string;
  readonly logger: Logger;
  /** Called after the settings of a source changed (a document written, replaced or deleted). */
  readonly onChange: (source: string) => void;
  /** Longest wait for the bucket's current documents before starting without them. @default 5000 */
  readonly initialLoadTimeoutMs?: number;
}

/** Parses a document into settings; throws when the document or an option in it (a regex) is unusable. */
function settingsFromEntry(entry: KvEntry): SourceSettings {
  const settings = sourceSettingsOf(parseLogSourceConfig(entry.json()));
  // Building once validates the regular expressions and redaction rules before any batch meets them.
  createLogPipeline(settings.pipeline);
  if (settings.framing.startPattern !== undefined) new RegExp(settings.framing.startPattern);
  return settings;
}

/**
 * Watches `logsource.>` in the config bucket and resolves once the current documents are loaded. A document
 * that does not parse is logged and ignored: the source keeps its previous settings.
 */
export async function watchSourceConfigs(options: WatchSourceConfigsOptions): Promise<SourceConfigs> {
  const log = options.logger;
  const settings = new Map<string, SourceSettings>();
  const kv = await options.connection.jetstream().views.kv(options.bucket, { bindOnly: true });
  let initialized!: () => void;
  const loaded = new Promise<void>((resolve) => (initialized = resolve));
  const watch = await kv.watch({ key: configKeyFilter('logsource'), initializedFn: () => initialized() });

  const apply = (entry: KvEntry): void => {
    const key = parseConfigKey(entry.key);
    if (!key) return;
    const source = logSourceName(key.namespace, key.name);
    if (entry.operation === 'PUT') {
      try {
        settings.set(source, settingsFromEntry(entry));
      } catch (error) {
        log.error(
          { err: error, key: entry.key, revision: entry.revision },
          'invalid LogSource document ignored',
        );
        return;
      }
    } else settings.delete(source);
    log.info({ source, operation: entry.operation, revision: entry.revision }, 'LogSource settings changed');
    options.onChange(source);
  };

  const done = (async () => {
    for await (const entry of watch) apply(entry);
  })().catch((error: unknown) => log.error({ err: error }, 'LogSource watch ended'));

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn('LogSource documents not loaded in time; starting with what arrived');
      resolve();
    }, options.initialLoadTimeoutMs ?? 5000);
  });
  await Promise.race([loaded, timeout]);
  clearTimeout(timer);

  return {
    settingsOf: (source) => settings.get(source) ?? DEFAULT_SOURCE_SETTINGS,
    async stop() {
      watch.stop();
      await done;
    },
  };
}
