import { configKey, type Logger } from '@loglens/platform';
import { ConfigDocumentError, type Condition } from '@loglens/resources';
import { canonicalJson } from './canonical-json.js';
import {
  degradedConditions,
  DEGRADED,
  healthyConditions,
  initConditions,
  sameConditions,
} from './conditions.js';
import type { ManagedKind, ManagedResource } from './kinds.js';
import type { ConfigStore, EventRecorder, ResourceApi, SecretReader } from './ports.js';
import { checkSecretRefs, type SpecIssue } from './validate.js';

/** Finalizer that keeps a resource until its KV document is deleted. */
export const CONFIG_FINALIZER = 'loglens.io/config-cleanup';

/** Event reasons besides the spec issue reasons (which are the reasons of Warning events). */
export const EVENT_REASONS = {
  configWritten: 'ConfigWritten',
  configDeleted: 'ConfigDeleted',
} as const;

/** What the reconciler works with. */
export interface ReconcilerDeps {
  readonly resources: ResourceApi;
  readonly config: ConfigStore;
  readonly secrets: SecretReader;
  readonly events: EventRecorder;
  readonly logger: Logger;
  /** Check again this long after a reconcile that found a missing Secret (a fallback to the Secret watch). */
  readonly secretRecheckMs: number;
  /** RFC 3339 time for conditions. @default now */
  readonly now?: () => string;
}

/** Milliseconds after which the object should be reconciled again, or nothing. */
export type ReconcileResult = number | undefined;

/**
 * Brings one resource's KV document and status in line with its spec, in the order fetch → finalizer or
 * deletion → init conditions → semantic validation → compile → write KV (only when changed) → status + Events.
 * An invalid spec leaves the KV document as it was, so the last valid config keeps serving.
 */
export class Reconciler {
  readonly #now: () => string;

  constructor(private readonly deps: ReconcilerDeps) {
    this.#now = deps.now ?? (() => new Date().toISOString());
  }

  /** Reconciles `namespace/name` of `kind`; throws on transient failures (the queue retries). */
  async reconcile(kind: ManagedKind, namespace: string, name: string): Promise<ReconcileResult> {
    const key = configKey(kind.configKind, namespace, name);
    const fetched = await this.deps.resources.get(kind, namespace, name);
    if (!fetched) {
      // Gone without our finalizer (removed by hand, or created while no operator ran): clean up anyway.
      await this.deps.config.delete(key);
      return undefined;
    }
    const finalizers = fetched.metadata.finalizers ?? [];
    if (fetched.metadata.deletionTimestamp) {
      if (!finalizers.includes(CONFIG_FINALIZER)) return undefined;
      await this.deps.config.delete(key);
      await this.#event(fetched, 'Normal', EVENT_REASONS.configDeleted, `deleted config ${key}`);
      await this.deps.resources.setFinalizers(
        kind,
        fetched,
        finalizers.filter((f) => f !== CONFIG_FINALIZER),
      );
      return undefined;
    }
    const resource = finalizers.includes(CONFIG_FINALIZER)
      ? fetched
      : await this.deps.resources.setFinalizers(kind, fetched, [...finalizers, CONFIG_FINALIZER]);

    const generation = resource.metadata.generation ?? 0;
    const previous: readonly Condition[] = resource.status?.conditions ?? [];
    const conditions = initConditions(previous, generation, this.#now());
    const issues = await this.#validate(kind, resource);
    if (issues.length > 0) {
      await this.#degrade(kind, resource, previous, conditions, issues);
      return issues.some((i) => i.reason.startsWith('Secret')) ? this.deps.secretRecheckMs : undefined;
    }
    let document: unknown;
    try {
      document = kind.compile(resource);
    } catch (error) {
      if (!(error instanceof ConfigDocumentError)) throw error;
      const issue: SpecIssue = { reason: 'InvalidConfig', path: error.path, message: error.message };
      await this.#degrade(kind, resource, previous, conditions, [issue]);
      return undefined;
    }
    const written = await this.#writeConfig(key, document);
    if (written) {
      await this.#event(
        resource,
        'Normal',
        EVENT_REASONS.configWritten,
        `wrote config ${key} (generation ${generation})`,
      );
    }
    const message = `config ${key} serves generation ${generation}`;
    await this.#writeStatus(
      kind,
      resource,
      previous,
      healthyConditions(conditions, generation, message, this.#now()),
    );
    return undefined;
  }

  async #validate(kind: ManagedKind, resource: ManagedResource): Promise<SpecIssue[]> {
    const local = kind.validate(resource);
    const namespace = resource.metadata.namespace ?? '';
    const secrets = await checkSecretRefs(namespace, kind.secretRefs(resource), (ns, name) =>
      this.deps.secrets.secretKeys(ns, name),
    );
    return [...local, ...secrets];
  }

  async #writeConfig(key: string, document: unknown): Promise<boolean> {
    const current = await this.deps.config.get(key);
    if (current !== undefined && canonicalJson(current) === canonicalJson(document)) return false;
    await this.deps.config.put(key, document);
    return true;
  }

  async #degrade(
    kind: ManagedKind,
    resource: ManagedResource,
    previous: readonly Condition[],
    conditions: readonly Condition[],
    issues: readonly SpecIssue[],
  ): Promise<void> {
    const [first] = issues;
    if (!first) return;
    const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    const message = `${detail}; the last valid config, if any, keeps serving`;
    const generation = resource.metadata.generation ?? 0;
    const next = degradedConditions(conditions, generation, first.reason, message, this.#now());
    const before = previous.find((c) => c.type === DEGRADED);
    // One Warning per distinct problem, not one per resync.
    const isNews = before?.status !== 'True' || before.reason !== first.reason || before.message !== message;
    if (isNews) await this.#event(resource, 'Warning', first.reason, detail);
    this.deps.logger.info(
      {
        kind: kind.kind,
        namespace: resource.metadata.namespace,
        name: resource.metadata.name,
        reason: first.reason,
      },
      `invalid spec: ${detail}`,
    );
    await this.#writeStatus(kind, resource, previous, next);
  }

  async #writeStatus(
    kind: ManagedKind,
    resource: ManagedResource,
    previous: readonly Condition[],
    conditions: Condition[],
  ): Promise<void> {
    const generation = resource.metadata.generation ?? 0;
    const initial = kind.initialStatus(resource);
    const unchanged =
      sameConditions(previous, conditions) &&
      resource.status?.observedGeneration === generation &&
      Object.keys(initial).length === 0;
    if (unchanged) return;
    const { namespace = '', name } = resource.metadata;
    await this.deps.resources.patchStatus(kind, namespace, name, {
      ...initial,
      observedGeneration: generation,
      conditions,
    });
  }

  // Events are best effort: a lost Event must not fail (and so repeat) the reconcile.
  async #event(
    resource: ManagedResource,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void> {
    try {
      await this.deps.events.record(resource, type, reason, message);
    } catch (error) {
      this.deps.logger.warn({ err: error, reason }, 'could not record a Kubernetes Event');
    }
  }
}
