export { createTemplateMiner, DEFAULT_MINER_OPTIONS, resolveMinerOptions } from './template-miner.js';
export { restoreTemplateMiner } from './restore-miner.js';
export { MinerSnapshotError, SNAPSHOT_VERSION } from './miner-snapshot.js';
export { templateMatches } from './template-matches.js';
export { templateId } from './template-id.js';
export { classifyValue } from './classify-value.js';
export type {
  ClusterSnapshot,
  MatchResult,
  MinerOptions,
  MinerSnapshot,
  MinerStats,
  ResolvedMinerOptions,
  TemplateChange,
  TemplateInfo,
  TemplateMiner,
} from './miner-types.js';
