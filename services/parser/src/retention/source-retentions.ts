import { configKeyFilter, type Logger } from '@loglens/platform';
import { logSourceName, parseLogSourceConfig } from '@loglens/resources';
import type { NatsConnection } from 'nats';
import { parseRetention } from './retention-rules.js';

/** Gives the retention of every source that has a LogSource, keyed `<namespace>/<name>` like `log_events.source`. */
export type SourceRetentions = () => Promise<ReadonlyMap<string, number>>;

/**
 * Reads the retentions from the LogSource documents of the config bucket at each call (the job runs rarely, so
 * a fresh read beats keeping a watch open). A document that does not parse is logged and skipped: its source
 * then gets the default retention, never a shorter one than configured by mistake of ours.
 */
export function kvSourceRetentions(options: {
  readonly connection: NatsConnection;
  /** Name of the config bucket (prefixed), e.g. `<prefix>loglens-config`. */
  readonly bucket: string;
  readonly logger: Logger;
}): SourceRetentions {
  return async () => {
    const kv = await options.connection.jetstream().views.kv(options.bucket, { bindOnly: true });
    const retentions = new Map<string, number>();
    // Collected before any other request: the key iterator stops early when its reader awaits in between.
    const keys: string[] = [];
    for await (const key of await kv.keys(configKeyFilter('logsource'))) keys.push(key);
    for (const key of keys) {
      const entry = await kv.get(key);
      if (entry?.operation !== 'PUT') continue;
      try {
        const document = parseLogSourceConfig(entry.json());
        const ms = parseRetention(document.spec.retention);
        if (ms === undefined) throw new Error(`bad retention ${JSON.stringify(document.spec.retention)}`);
        const source = logSourceName(document.namespace, document.name);
        // Two documents can only name one source through a bug elsewhere; keeping data longer is the safe side.
        retentions.set(source, Math.max(ms, retentions.get(source) ?? 0));
      } catch (error) {
        options.logger.warn({ err: error, key }, 'LogSource document skipped by retention');
      }
    }
    return retentions;
  };
}
