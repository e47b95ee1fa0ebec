export { closeNats, connectNats, type NatsConnectOptions } from './connect.js';
export {
  CONFIG_KINDS,
  configKey,
  configKeyFilter,
  parseConfigKey,
  type ConfigKeyParts,
  type ConfigKind,
} from './config-keys.js';
export { ensureTopology } from './ensure-topology.js';
export {
  SCHEMA_VERSION_HEADER,
  TENANT_HEADER,
  contextFromHeaders,
  headersFromContext,
} from './message-headers.js';
export { MAX_PARTITIONS, fnv1a32, partitionOf } from './partition.js';
export {
  ProvisionError,
  type ProvisionAction,
  type ProvisionOutcome,
  type ProvisionReport,
} from './provision-report.js';
export { natsSettings, partitionsSetting, topologyFromSettings, type NatsSettings } from './settings.js';
export { SubjectTokenError, assertSubjectToken, isSubjectToken } from './subject-token.js';
export { anomalySubject, dlqSubject, notifySubject, parsedSubject, rawSubject } from './subjects.js';
export {
  CONFIG_BUCKET,
  DEFAULT_CONSUMER_POLICIES,
  DEFAULT_PARTITIONS,
  DEFAULT_STREAM_LIMITS,
  buildTopology,
  type ConsumerPolicy,
  type ConsumerRole,
  type ConsumerSpec,
  type KvSpec,
  type PartitionedConsumerRole,
  type PartitionedConsumers,
  type SharedConsumerRole,
  type StreamLimits,
  type StreamRole,
  type StreamSpec,
  type Topology,
  type TopologyOptions,
} from './topology.js';
