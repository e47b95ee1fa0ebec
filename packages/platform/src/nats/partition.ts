import { assertSubjectToken } from './subject-token.js';

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/**
 * FNV-1a 32-bit hash of the UTF-8 bytes of `text`, as an unsigned integer.
 * Chosen because it is tiny, fast, well distributed for short keys and trivially reimplemented in any
 * language (tools and the operator must compute the same partition).
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** Upper bound on partitions: they are subject tokens and owned by workers, so keep them human-sized. */
export const MAX_PARTITIONS = 1024;

/**
 * The partition of a log source: `fnv1a32(tenant + "\0" + source) mod partitions`.
 * The NUL separator keeps (`ab`, `c`) and (`a`, `bc`) apart. Stable across processes and releases:
 * changing it would hand sources to other partition owners, so it is frozen by tests.
 */
export function partitionOf(tenant: string, source: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new RangeError(`partitions must be an integer between 1 and ${MAX_PARTITIONS}, got ${partitions}`);
  }
  assertSubjectToken('tenant', tenant);
  return fnv1a32(`${tenant}\u0000${source}`) % partitions;
}
