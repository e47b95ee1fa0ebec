import type { ArchiveTarget } from './archive-target.js';
import type { RetentionConfig } from './config.js';
import { createDirectoryTarget } from './directory-target.js';
import { createS3Target } from './s3-target.js';

/** The archive target the settings name, or undefined when `LOGLENS_RETENTION_ARCHIVE_URL` is unset. */
export function createArchiveTarget(config: RetentionConfig): ArchiveTarget | undefined {
  const location = config.retentionArchiveUrl;
  if (!location) return undefined;
  if (location.kind === 'directory') return createDirectoryTarget(location.path);
  return createS3Target({
    bucket: location.bucket,
    prefix: location.prefix,
    region: config.retentionS3Region,
    forcePathStyle: config.retentionS3ForcePathStyle,
    partSizeBytes: config.retentionS3PartSize,
    ...(config.retentionS3Endpoint ? { endpoint: config.retentionS3Endpoint } : {}),
    ...(config.retentionS3AccessKeyId ? { accessKeyId: config.retentionS3AccessKeyId } : {}),
    ...(config.retentionS3SecretAccessKey ? { secretAccessKey: config.retentionS3SecretAccessKey } : {}),
  });
}
