import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  NatsError,
  RetentionPolicy,
  StorageType,
  nanos,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import {
  diffFields,
  ProvisionError,
  type ProvisionAction,
  type ProvisionReport,
} from './provision-report.js';
import type { ConsumerSpec, KvSpec, StreamSpec, Topology } from './topology.js';

// JetStream API error codes for "stream not found" and "consumer not found".
const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

function isNotFound(error: unknown, errCode: number): boolean {
  return error instanceof NatsError && (error.api_error?.err_code === errCode || error.code === '404');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const RETENTION: Readonly<Record<StreamSpec['retention'], RetentionPolicy>> = {
  limits: RetentionPolicy.Limits,
  workqueue: RetentionPolicy.Workqueue,
  interest: RetentionPolicy.Interest,
};

/** The stream fields we own; anything else (server defaults, later tuning) is left as the server has it. */
function streamFields(spec: StreamSpec): Partial<StreamConfig> {
  return {
    subjects: [...spec.subjects],
    retention: RETENTION[spec.retention],
    storage: StorageType.File,
    max_age: nanos(spec.maxAgeMs),
    max_bytes: spec.maxBytes,
    num_replicas: spec.replicas,
    discard: spec.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    ...(spec.duplicateWindowMs === undefined ? {} : { duplicate_window: nanos(spec.duplicateWindowMs) }),
  };
}

/** The consumer fields we own and may change after creation. */
function consumerFields(spec: ConsumerSpec): Partial<ConsumerConfig> {
  return {
    filter_subject: spec.filterSubject,
    // With a backoff the server replaces ack_wait by its first step; declaring that avoids a perpetual diff.
    ack_wait: nanos(spec.backoffMs[0] ?? spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    backoff: spec.backoffMs.map(nanos),
    max_ack_pending: spec.maxAckPending,
  };
}

/** Reads an object's info; `undefined` when it does not exist, a {@link ProvisionError} on any other failure. */
async function find<T>(object: string, notFoundCode: number, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error, notFoundCode)) return undefined;
    throw new ProvisionError(object, reason(error), { cause: error });
  }
}

/** Runs an update, wrapping its failure (e.g. a field the server cannot change) in a {@link ProvisionError}. */
async function apply(object: string, action: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new ProvisionError(object, `cannot ${action}: ${reason(error)}`, { cause: error });
  }
}

/**
 * Creates an absent object. Another replica may have created it since we looked (several processes provision
 * at start), so a failed create is retried once as a fresh comparison before it counts as a failure.
 */
async function create(
  object: string,
  run: () => Promise<unknown>,
  again: (() => Promise<ProvisionAction>) | undefined,
): Promise<ProvisionAction | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (again) return again();
    throw new ProvisionError(object, `cannot create: ${reason(error)}`, { cause: error });
  }
}

async function ensureStream(jsm: JetStreamManager, spec: StreamSpec, retry = true): Promise<ProvisionAction> {
  const object = `stream ${spec.name}`;
  const desired = streamFields(spec);
  const info = await find(object, STREAM_NOT_FOUND, () => jsm.streams.info(spec.name));
  if (info) {
    const changes = diffFields(desired, info.config as unknown as Record<string, unknown>);
    if (changes.length === 0) return { kind: 'stream', name: spec.name, outcome: 'unchanged', changes };
    await apply(object, 'update', () => jsm.streams.update(spec.name, { ...info.config, ...desired }));
    return { kind: 'stream', name: spec.name, outcome: 'updated', changes };
  }
  const raced = await create(
    object,
    () => jsm.streams.add({ name: spec.name, ...desired }),
    retry ? () => ensureStream(jsm, spec, false) : undefined,
  );
  return raced ?? { kind: 'stream', name: spec.name, outcome: 'created', changes: [] };
}

async function ensureConsumer(
  jsm: JetStreamManager,
  spec: ConsumerSpec,
  retry = true,
): Promise<ProvisionAction> {
  const name = `${spec.stream}/${spec.name}`;
  const object = `consumer ${name}`;
  const desired = consumerFields(spec);
  const info = await find(object, CONSUMER_NOT_FOUND, () => jsm.consumers.info(spec.stream, spec.name));
  if (info) {
    const changes = diffFields(desired, info.config as unknown as Record<string, unknown>);
    if (changes.length === 0) return { kind: 'consumer', name, outcome: 'unchanged', changes };
    await apply(object, 'update', () => jsm.consumers.update(spec.stream, spec.name, desired));
    return { kind: 'consumer', name, outcome: 'updated', changes };
  }
  const config = {
    ...desired,
    durable_name: spec.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  };
  const raced = await create(
    object,
    () => jsm.consumers.add(spec.stream, config),
    retry ? () => ensureConsumer(jsm, spec, false) : undefined,
  );
  return raced ?? { kind: 'consumer', name, outcome: 'created', changes: [] };
}

async function ensureKv(jsm: JetStreamManager, spec: KvSpec, retry = true): Promise<ProvisionAction> {
  // A KV bucket is a stream named KV_<bucket>; its KV-specific settings are left to the client library.
  const stream = `KV_${spec.bucket}`;
  const object = `bucket ${spec.bucket}`;
  const desired: Partial<StreamConfig> = {
    max_msgs_per_subject: spec.history,
    max_bytes: spec.maxBytes,
    num_replicas: spec.replicas,
  };
  const info = await find(object, STREAM_NOT_FOUND, () => jsm.streams.info(stream));
  if (info) {
    const changes = diffFields(desired, info.config as unknown as Record<string, unknown>);
    if (changes.length === 0) return { kind: 'kv', name: spec.bucket, outcome: 'unchanged', changes };
    await apply(object, 'update', () => jsm.streams.update(stream, { ...info.config, ...desired }));
    return { kind: 'kv', name: spec.bucket, outcome: 'updated', changes };
  }
  const kvOptions = {
    history: spec.history,
    max_bytes: spec.maxBytes,
    replicas: spec.replicas,
    storage: StorageType.File,
  };
  const raced = await create(
    object,
    () => jsm.jetstream().views.kv(spec.bucket, kvOptions),
    retry ? () => ensureKv(jsm, spec, false) : undefined,
  );
  return raced ?? { kind: 'kv', name: spec.bucket, outcome: 'created', changes: [] };
}

/**
 * Makes the server match the topology: creates what is absent, updates what differs, leaves the rest alone,
 * so running it twice is a no-op, and replicas provisioning at once do not trip over each other. Objects are
 * handled one by one (streams before their consumers); the first failure stops it with a {@link ProvisionError}
 * naming the object (e.g. a change JetStream refuses, such as the retention of an existing stream).
 */
export async function ensureTopology(jsm: JetStreamManager, topology: Topology): Promise<ProvisionReport> {
  const actions: ProvisionAction[] = [];
  for (const stream of Object.values(topology.streams)) actions.push(await ensureStream(jsm, stream));
  const partitioned = Object.values(topology.partitionedConsumers).flatMap((c) => c.byPartition);
  for (const consumer of [...partitioned, ...Object.values(topology.consumers)]) {
    actions.push(await ensureConsumer(jsm, consumer));
  }
  actions.push(await ensureKv(jsm, topology.kv));
  return { actions, changed: actions.some((a) => a.outcome !== 'unchanged') };
}
