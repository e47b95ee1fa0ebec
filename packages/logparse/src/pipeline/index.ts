export {
  createLogPipeline,
  type LogPipeline,
  type LogPipelineOptions,
  type LogPipelineStats,
  type ProcessedRecord,
} from './log-pipeline.js';
