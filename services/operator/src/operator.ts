import type { BackoffSettings, Logger } from '@loglens/platform';
import { Informer, type InformerSource, type KubeObject } from './informer/informer.js';
import { WorkQueue } from './queue/work-queue.js';
import type { RetryLimiterSettings } from './queue/retry-limiter.js';
import type { ManagedKind, ManagedResource } from './reconcile/kinds.js';
import type { Reconciler } from './reconcile/reconciler.js';

/** Who may reconcile now; without it every instance reconciles. */
export interface Leadership {
  isLeader(): boolean;
  /** Calls `listener` with the new state whenever leadership is won or lost; returns the unsubscribe. */
  onChange(listener: (leader: boolean) => void): () => void;
}

/** Options of {@link Operator}. */
export interface OperatorOptions {
  readonly kinds: readonly ManagedKind[];
  /** Namespaces to watch; empty for every namespace. */
  readonly namespaces: readonly string[];
  /** List and watch calls of `kind` in `namespace` (`undefined`: all namespaces). */
  readonly source: (kind: ManagedKind, namespace: string | undefined) => InformerSource<ManagedResource>;
  /**
   * List and watch calls of the Secrets in `namespace`: a resource that refers to a Secret is reconciled again
   * when that Secret is created, changed or deleted. Without it, only the resync and the recheck of a missing
   * Secret notice them.
   */
  readonly secrets?: (namespace: string | undefined) => InformerSource<KubeObject>;
  readonly reconciler: Reconciler;
  readonly workers: number;
  readonly resyncPeriodMs: number;
  readonly watchSilenceTimeoutMs: number;
  readonly watchBackoff: BackoffSettings;
  readonly retry: RetryLimiterSettings;
  readonly leadership?: Leadership;
  readonly logger: Logger;
}

/** Queue key of a resource: `<Kind>/<namespace>/<name>`. */
export function queueKey(kind: ManagedKind, objectKey: string): string {
  return `${kind.kind}/${objectKey}`;
}

/**
 * Informers feed a work queue; workers reconcile one key at a time each. A Secret's informer queues the
 * resources that refer to it. Every cached object is queued again each resync period (KV is not watched, so
 * drift there is repaired on that beat). Only the leader hands keys to workers; a standby keeps its caches
 * warm and starts with a full pass when it leads.
 */
export class Operator {
  readonly #informers: { kind: ManagedKind; informer: Informer<ManagedResource> }[];
  readonly #secretInformers: Informer<KubeObject>[];
  readonly #queue: WorkQueue;
  readonly #log: Logger;
  #resync: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(private readonly options: OperatorOptions) {
    this.#log = options.logger.child({ component: 'operator' });
    const kinds = new Map(options.kinds.map((k) => [k.kind, k]));
    this.#queue = new WorkQueue({
      concurrency: options.workers,
      retry: options.retry,
      process: (key) => this.#process(kinds, key),
      onFailure: (key, error, failures, retryInMs) =>
        this.#log.warn({ key, err: error, failures, retryInMs }, 'reconcile failed; retrying'),
    });
    const namespaces = options.namespaces.length > 0 ? options.namespaces : [undefined];
    this.#informers = options.kinds.flatMap((kind) =>
      namespaces.map((namespace) => ({
        kind,
        informer: new Informer<ManagedResource>({
          name: `${kind.plural}${namespace ? ` in ${namespace}` : ''}`,
          source: options.source(kind, namespace),
          silenceTimeoutMs: options.watchSilenceTimeoutMs,
          backoff: options.watchBackoff,
          onChange: (_type, key) => this.#queue.add(queueKey(kind, key)),
          logger: this.#log,
        }),
      })),
    );
    const secrets = options.secrets;
    this.#secretInformers = secrets
      ? namespaces.map(
          (namespace) =>
            new Informer<KubeObject>({
              name: `secrets${namespace ? ` in ${namespace}` : ''}`,
              source: secrets(namespace),
              silenceTimeoutMs: options.watchSilenceTimeoutMs,
              backoff: options.watchBackoff,
              onChange: (_type, key) => this.#queueReferrers(key),
              logger: this.#log,
            }),
        )
      : [];
  }

  /** Starts the informers and resolves once each has listed once. */
  async start(): Promise<void> {
    const { leadership } = this.options;
    if (leadership && !leadership.isLeader()) this.#queue.pause();
    this.#unsubscribe = leadership?.onChange((leader) => this.#onLeadership(leader));
    for (const { informer } of this.#informers) informer.start();
    // Not awaited: Secrets only speed up what the resync and the recheck would notice anyway.
    for (const informer of this.#secretInformers) informer.start();
    await Promise.all(this.#informers.map(({ informer }) => informer.synced()));
    this.#resync = setInterval(() => this.resync(), this.options.resyncPeriodMs);
    this.#resync.unref();
    this.#log.info({ informers: this.#informers.length, workers: this.options.workers }, 'operator started');
  }

  /** Every cached resource of `kind`. */
  cached(kind: ManagedKind): ManagedResource[] {
    return this.#informers
      .filter((i) => i.kind.kind === kind.kind)
      .flatMap(({ informer }) => informer.keys().flatMap((key) => informer.get(key) ?? []));
  }

  /** Queues every cached resource. */
  resync(): void {
    for (const { kind, informer } of this.#informers) {
      for (const key of informer.keys()) this.#queue.add(queueKey(kind, key));
    }
  }

  /** Lists done by the informers (the first ones included); grows when a watch is recovered by re-listing. */
  get relists(): number {
    return this.#informers.reduce((sum, { informer }) => sum + informer.relists, 0);
  }

  /** Resolves when no key waits or runs. */
  whenIdle(): Promise<void> {
    return this.#queue.whenIdle();
  }

  /** Stops the informers and resync, and waits for running reconciles. */
  async stop(): Promise<void> {
    if (this.#resync) clearInterval(this.#resync);
    this.#unsubscribe?.();
    for (const { informer } of this.#informers) informer.stop();
    for (const informer of this.#secretInformers) informer.stop();
    await this.#queue.stop();
  }

  /** Queues every cached resource that refers to the Secret `namespace/name`. */
  #queueReferrers(secretKey: string): void {
    for (const { kind, informer } of this.#informers) {
      for (const key of informer.keys()) {
        const resource = informer.get(key);
        if (!resource) continue;
        const namespace = resource.metadata.namespace ?? '';
        const refers = kind.secretRefs(resource).some(({ ref }) => `${namespace}/${ref.name}` === secretKey);
        if (refers) this.#queue.add(queueKey(kind, key));
      }
    }
  }

  #onLeadership(leader: boolean): void {
    this.#log.info({ leader }, leader ? 'leading: reconciling' : 'standing by');
    if (!leader) return this.#queue.pause();
    this.resync();
    this.#queue.resume();
  }

  async #process(kinds: ReadonlyMap<string, ManagedKind>, key: string): Promise<number | void> {
    const [kindName = '', namespace = '', ...rest] = key.split('/');
    const kind = kinds.get(kindName);
    if (!kind) throw new Error(`unknown kind in queue key ${key}`);
    const result = await this.options.reconciler.reconcile(kind, namespace, rest.join('/'));
    if (result === undefined) this.#queue.forget(key);
    return result;
  }
}
