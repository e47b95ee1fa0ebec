// The public entry of the LogLens API code. The generated modules each declare their own helper types
// (MessageFns, DeepPartial, protobufPackage, ...), so they are re-exported by name, not with `export *`.

export {
  type DeepPartial,
  Level,
  levelFromJSON,
  levelToJSON,
  LogBatch,
  LogEvent,
  LogLine,
  type MessageFns,
  PageRequest,
  PageResponse,
  ParamStats,
  Template,
  TimeRange,
  ValueCount,
} from './gen/loglens/v1/common.js';
export { ParsedBatch, RawBatch, TemplateGeneralisation } from './gen/loglens/v1/bus.js';
export {
  IngestServiceClient,
  type IngestServiceServer,
  IngestServiceService,
  PushAck,
  PushBatchRequest,
  PushBatchResponse,
  PushRequest,
} from './gen/loglens/v1/ingest.js';
export {
  ExportFormat,
  exportFormatFromJSON,
  exportFormatToJSON,
  ExportLogsRequest,
  ExportLogsResponse,
  GetTemplateRequest,
  GetTemplateResponse,
  GetVolumeRequest,
  GetVolumeResponse,
  ListTemplatesRequest,
  ListTemplatesResponse,
  LogFilter,
  Order,
  orderFromJSON,
  orderToJSON,
  QueryLogsRequest,
  QueryLogsResponse,
  QueryServiceClient,
  type QueryServiceServer,
  QueryServiceService,
  TailRequest,
  TailResponse,
  TemplateSort,
  templateSortFromJSON,
  templateSortToJSON,
  VolumeGroupBy,
  volumeGroupByFromJSON,
  volumeGroupByToJSON,
  VolumePoint,
  VolumeSeries,
} from './gen/loglens/v1/query.js';
export { Duration } from './gen/google/protobuf/duration.js';
export { Timestamp } from './gen/google/protobuf/timestamp.js';
export { durationFromMillis, durationToMillis } from './duration.js';
export { fileDescriptorSet } from './descriptor-set.js';
export {
  timestampFromDate,
  timestampFromMillis,
  timestampFromNanos,
  timestampToDate,
  timestampToMillis,
  timestampToNanos,
} from './timestamp.js';
export { levelFromName, levelName, type LevelName } from './level-names.js';
