/** What provisioning did to one object. */
export type ProvisionOutcome = 'created' | 'updated' | 'unchanged';

/** One line of a provisioning report. */
export interface ProvisionAction {
  readonly kind: 'stream' | 'consumer' | 'kv';
  /** Stream name, `stream/consumer`, or bucket name. */
  readonly name: string;
  readonly outcome: ProvisionOutcome;
  /** Fields that differed, as `field: old → new`; empty unless updated. */
  readonly changes: readonly string[];
}

/** Everything {@link ensureTopology} did; `changed` is false when the server already matched. */
export interface ProvisionReport {
  readonly actions: readonly ProvisionAction[];
  readonly changed: boolean;
}

/** Provisioning failed for one object; `cause` is the server's error. */
export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
  readonly code = 'NATS_PROVISION_FAILED';

  constructor(
    readonly object: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${object}: ${message}`, options);
  }
}

/** Lists the fields of `desired` whose value differs in `actual`, as `field: old → new`. */
export function diffFields(
  desired: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
): string[] {
  return Object.entries(desired)
    .filter(([key, value]) => JSON.stringify(normalize(value)) !== JSON.stringify(normalize(actual[key])))
    .map(([key, value]) => `${key}: ${JSON.stringify(actual[key] ?? null)} → ${JSON.stringify(value)}`);
}

// The server omits empty lists (e.g. no backoff) where we hold `[]`.
function normalize(value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? undefined : value;
}
