import { fileDescriptorSetBase64 } from './gen/descriptor-set.js';

/**
 * The serialized google.protobuf.FileDescriptorSet of the LogLens API and its imports, for server
 * reflection; a fresh copy on each call, so callers may keep or mutate it.
 */
export function fileDescriptorSet(): Uint8Array {
  return new Uint8Array(Buffer.from(fileDescriptorSetBase64, 'base64'));
}
