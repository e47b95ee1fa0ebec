import type { TestProject } from 'vitest/node';
import { startInfrastructure } from '@loglens/localstack';

/** Vitest global setup of the integration project: the real servers start once per run. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infra = await startInfrastructure();
  project.provide('loglensInfrastructure', infra.endpoints);
  return () => infra.stop();
}
