// Retention of `log_events`: archive day partitions as gzipped JSON lines, verify, drop; shorter retentions first.
export {
  ArchiveUrlError,
  parseArchiveUrl,
  type ArchiveLocation,
  type ArchiveTarget,
} from './archive-target.js';
export { ArchiveVerificationError, archiveDay, countArchivedRows, type DayArchive } from './archive-day.js';
export { loadRetentionConfig, retentionSettings, type RetentionConfig } from './config.js';
export { createArchiveTarget } from './create-archive-target.js';
export { createDirectoryTarget } from './directory-target.js';
export {
  createRetentionJob,
  type RetentionJob,
  type RetentionJobOptions,
  type RetentionReport,
} from './retention-job.js';
export {
  archiveName,
  parseRetention,
  planRetention,
  retentionOf,
  type RetentionPlan,
} from './retention-rules.js';
export { createS3Target, type S3TargetOptions } from './s3-target.js';
export { kvSourceRetentions, type SourceRetentions } from './source-retentions.js';
