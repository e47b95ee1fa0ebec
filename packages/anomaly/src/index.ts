export type * from './types.js';
export { LEVELS } from './types.js';
export {
  DEFAULT_ALPHA,
  DEFAULT_THRESHOLD,
  LEVEL_WEIGHT,
  byScore,
  pValueToScore,
  severityOf,
} from './scoring.js';
export { AnomalyEngine, SNAPSHOT_VERSION, SnapshotError } from './engine.js';
export type { EngineOptions, EngineSessionOptions, EngineSnapshot } from './engine.js';
export { EpisodeGrouper, byPeak } from './episodes.js';
export type { Episode } from './episodes.js';
export { SessionModel, DEFAULT_SESSION_DETECTORS } from './session-model.js';
export type {
  SessionDetectorName,
  SessionInput,
  SessionModelOptions,
  SessionModelState,
} from './session-model.js';
export { CONFIRMED_FLOOR, FALSE_POSITIVE_WEIGHT, FeedbackBook, feedbackFor } from './feedback.js';
export type { FeedbackEntry, FeedbackVerdict } from './feedback.js';
export { AUTO_SESSION_RULES, IDENTIFIER_PATTERN, compileKeyRules, sessionKeysOf } from './session-keys.js';
export type { CompiledKeyRules, SessionKeyRule } from './session-keys.js';
export type { WindowOptions } from './window.js';
export type { RateOptions } from './detectors/rate-detector.js';
export type { IsolationForestOptions } from './detectors/isolation-forest.js';
