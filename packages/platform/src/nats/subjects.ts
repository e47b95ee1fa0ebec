import { MAX_PARTITIONS } from './partition.js';
import { assertPrefix, assertSubjectToken } from './subject-token.js';

function partitionToken(partition: number): string {
  if (!Number.isInteger(partition) || partition < 0 || partition >= MAX_PARTITIONS) {
    throw new RangeError(
      `partition must be an integer between 0 and ${MAX_PARTITIONS - 1}, got ${partition}`,
    );
  }
  return String(partition);
}

/** Subject of a raw log batch: `<prefix>logs.raw.<tenant>.<partition>` (stream `LOGS_RAW`). */
export function rawSubject(tenant: string, partition: number, prefix = ''): string {
  return `${assertPrefix(prefix)}logs.raw.${assertSubjectToken('tenant', tenant)}.${partitionToken(partition)}`;
}

/** Subject of a parsed batch: `<prefix>logs.parsed.<tenant>.<partition>` (stream `LOGS_PARSED`). */
export function parsedSubject(tenant: string, partition: number, prefix = ''): string {
  return `${assertPrefix(prefix)}logs.parsed.${assertSubjectToken('tenant', tenant)}.${partitionToken(partition)}`;
}

/** Subject of an anomaly: `<prefix>anomalies.<tenant>.<partition>` (stream `ANOMALIES`). */
export function anomalySubject(tenant: string, partition: number, prefix = ''): string {
  return `${assertPrefix(prefix)}anomalies.${assertSubjectToken('tenant', tenant)}.${partitionToken(partition)}`;
}

/** Subject of a notification to deliver: `<prefix>notify.<tenant>` (work-queue stream `NOTIFY`). */
export function notifySubject(tenant: string, prefix = ''): string {
  return `${assertPrefix(prefix)}notify.${assertSubjectToken('tenant', tenant)}`;
}

/** Subject of a dead letter: `<prefix>dlq.<stage>.<tenant>` (stream `DLQ`), `stage` being e.g. `parser`. */
export function dlqSubject(stage: string, tenant: string, prefix = ''): string {
  return `${assertPrefix(prefix)}dlq.${assertSubjectToken('stage', stage)}.${assertSubjectToken('tenant', tenant)}`;
}
