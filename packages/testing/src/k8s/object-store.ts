import { expired, type JsonObject } from './api-errors.js';

/** A change to a stored object, as a watch reports it. */
export interface StoreEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** `group/plural` of the object. */
  readonly resource: string;
  readonly namespace: string;
  readonly object: JsonObject;
  readonly revision: number;
}

function metadataOf(object: JsonObject): JsonObject {
  return (object.metadata ?? {}) as JsonObject;
}

function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * In-memory objects of every resource, one revision counter for all (as etcd has), and a bounded history of
 * changes that watches resume from. Objects are copied in and out so callers never share state with it.
 */
export class ObjectStore {
  #revision = 1;
  /** Revision of the newest change dropped from the history; resuming before it is `410 Gone`. */
  #compacted = 0;
  readonly #objects = new Map<string, Map<string, JsonObject>>();
  readonly #history: StoreEvent[] = [];
  readonly #listeners = new Set<(event: StoreEvent) => void>();

  constructor(private readonly historyLimit: number) {}

  /** The newest revision. */
  get revision(): number {
    return this.#revision;
  }

  /** Revision at or before which history is no longer kept. */
  get compactedRevision(): number {
    return this.#compacted;
  }

  #bucket(resource: string): Map<string, JsonObject> {
    let bucket = this.#objects.get(resource);
    if (!bucket) this.#objects.set(resource, (bucket = new Map<string, JsonObject>()));
    return bucket;
  }

  /** A copy of one object, or undefined. */
  get(resource: string, namespace: string, name: string): JsonObject | undefined {
    const object = this.#objects.get(resource)?.get(objectKey(namespace, name));
    return object && structuredClone(object);
  }

  /** Copies of the objects of a resource, in one namespace or all (`undefined`), sorted by namespace/name. */
  list(resource: string, namespace: string | undefined): JsonObject[] {
    const bucket = this.#objects.get(resource) ?? new Map<string, JsonObject>();
    return [...bucket.entries()]
      .filter(([key]) => namespace === undefined || key.startsWith(`${namespace}/`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, object]) => structuredClone(object));
  }

  /** Stores an object under a new revision (written to its `metadata.resourceVersion`) and returns a copy. */
  put(resource: string, namespace: string, object: JsonObject, type: 'ADDED' | 'MODIFIED'): JsonObject {
    const stored = structuredClone(object);
    const revision = ++this.#revision;
    stored.metadata = { ...metadataOf(stored), resourceVersion: String(revision) };
    this.#bucket(resource).set(objectKey(namespace, String(metadataOf(stored).name)), stored);
    this.#record({ type, resource, namespace, object: stored, revision });
    return structuredClone(stored);
  }

  /** Removes an object; the DELETED event carries it with a new revision. */
  remove(resource: string, namespace: string, object: JsonObject): JsonObject {
    const removed = structuredClone(object);
    const revision = ++this.#revision;
    removed.metadata = { ...metadataOf(removed), resourceVersion: String(revision) };
    this.#objects.get(resource)?.delete(objectKey(namespace, String(metadataOf(removed).name)));
    this.#record({ type: 'DELETED', resource, namespace, object: removed, revision });
    return structuredClone(removed);
  }

  /** Forgets every object of a resource (its CRD was deleted), without events. */
  drop(resource: string): void {
    this.#objects.delete(resource);
  }

  #record(event: StoreEvent): void {
    this.#history.push(event);
    while (this.#history.length > this.historyLimit) this.#compacted = this.#history.shift()!.revision;
    for (const listener of this.#listeners) listener(event);
  }

  /** Changes of a resource after `revision`; `410 Gone` when history no longer reaches back that far. */
  changesSince(resource: string, revision: number, requested: string): StoreEvent[] {
    if (revision < this.#compacted) throw expired(requested, this.#compacted + 1);
    return this.#history
      .filter((e) => e.resource === resource && e.revision > revision)
      .map((e) => ({ ...e, object: structuredClone(e.object) }));
  }

  /** Calls `listener` for every later change; returns the function that stops it. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Drops history up to the current revision, so any older resourceVersion is expired (for tests). */
  compact(): void {
    this.#history.length = 0;
    this.#compacted = this.#revision;
  }
}
