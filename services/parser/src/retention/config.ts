import {
  booleanSetting,
  byteSizeSetting,
  customSetting,
  durationSetting,
  integerSetting,
  loadConfig,
  optional,
  secretSetting,
  stringSetting,
  urlSetting,
  type ConfigOf,
  type Environment,
} from '@loglens/platform';
import { parseArchiveUrl, type ArchiveLocation } from './archive-target.js';

function archiveLocation(text: string): ArchiveLocation | undefined {
  try {
    return parseArchiveUrl(text);
  } catch {
    return undefined;
  }
}

/** Settings of the retention job, read from `LOGLENS_RETENTION_*` variables (or the config file). */
export const retentionSettings = {
  /** Time between two runs. @default 1h */
  retentionInterval: durationSetting('LOGLENS_RETENTION_INTERVAL', {
    default: '1h',
    doc: 'How often the retention job runs (one replica at a time; the others skip the run).',
  }),
  /** Retention of sources without a LogSource. @default 7d */
  retentionDefault: durationSetting('LOGLENS_RETENTION_DEFAULT', {
    default: '7d',
    doc: 'How long events of a source without a LogSource (or without a retention) are kept.',
  }),
  /** Where dropped days are archived; unset keeps partitions instead of dropping them. */
  retentionArchiveUrl: optional(
    customSetting(
      'LOGLENS_RETENTION_ARCHIVE_URL',
      'a file:// or s3://bucket/prefix URL, or a directory',
      archiveLocation,
      {
        doc: 'Where day partitions are archived before they are dropped; unset, partitions are never dropped.',
      },
    ),
  ),
  /** Rows per delete statement for sources with a shorter retention. @default 5000 */
  retentionDeleteBatch: integerSetting('LOGLENS_RETENTION_DELETE_BATCH', {
    default: '5000',
    min: 1,
    max: 100_000,
    doc: 'Rows deleted per statement when removing the expired rows of a source with a shorter retention.',
  }),
  /** S3-compatible endpoint; AWS when unset. */
  retentionS3Endpoint: optional(
    urlSetting('LOGLENS_RETENTION_S3_ENDPOINT', ['http', 'https'], {
      doc: 'Endpoint of an S3-compatible server (MinIO, Ceph); AWS S3 when unset.',
    }),
  ),
  retentionS3Region: stringSetting('LOGLENS_RETENTION_S3_REGION', {
    default: 'us-east-1',
    doc: 'Region of the archive bucket.',
  }),
  retentionS3AccessKeyId: optional(
    secretSetting('LOGLENS_RETENTION_S3_ACCESS_KEY_ID', {
      doc: 'Access key id; unset, the AWS SDK default credential chain is used (environment, profile, IRSA).',
    }),
  ),
  retentionS3SecretAccessKey: optional(
    secretSetting('LOGLENS_RETENTION_S3_SECRET_ACCESS_KEY', { doc: 'Secret access key, with the id above.' }),
  ),
  retentionS3PartSize: byteSizeSetting('LOGLENS_RETENTION_S3_PART_SIZE', {
    default: '8MiB',
    doc: "Size of one multipart upload part (at least 5MiB, S3's minimum); about two parts are held in memory.",
  }),
  retentionS3ForcePathStyle: booleanSetting('LOGLENS_RETENTION_S3_FORCE_PATH_STYLE', {
    default: 'false',
    doc: 'Address the bucket in the path (http://host/bucket/key), as most S3-compatible servers need.',
  }),
};

/** The validated settings of the retention job. */
export type RetentionConfig = ConfigOf<typeof retentionSettings>;

/** Loads and validates {@link retentionSettings}; throws a `ConfigError` naming every bad variable. */
export function loadRetentionConfig(env: Environment = process.env): RetentionConfig {
  return loadConfig(retentionSettings, env);
}
