import type { Server } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer, loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protoPath as healthProtoPath } from 'grpc-health-check';

/** The name under which the standard health service registers. */
export const HEALTH_SERVICE_NAME = 'grpc.health.v1.Health';

/**
 * Adds grpc.reflection (v1 and v1alpha) describing `serviceNames`, with their types taken from a
 * serialized FileDescriptorSet, plus the health service so that tools list everything the server serves.
 */
export function addReflection(
  server: Server,
  fileDescriptorSet: Uint8Array,
  serviceNames: readonly string[],
): void {
  const api = loadFileDescriptorSetFromBuffer(Buffer.from(fileDescriptorSet));
  const health = loadSync(healthProtoPath);
  const definitions: PackageDefinition = { ...health, ...api };
  const reflection = new ReflectionService(definitions, { services: [...serviceNames, HEALTH_SERVICE_NAME] });
  reflection.addToServer(server);
}
