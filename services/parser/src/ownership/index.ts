// Partition ownership for parser replicas: who mines which partitions, agreed through NATS KV.
export { assignPartitions, partitionsOf, rendezvousWeight } from './assignment.js';
export type { OwnershipChange, OwnershipListener } from './change-queue.js';
export { OWNERSHIP_BUCKET, memberKey, ownerKey } from './ownership-bucket.js';
export {
  OwnershipConfigError,
  createPartitionOwnership,
  type PartitionOwnership,
  type PartitionOwnershipOptions,
} from './partition-ownership.js';
