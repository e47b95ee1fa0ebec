import { backoffDelayMs, type BackoffSettings, type Logger } from '@loglens/platform';

/** The part of a Kubernetes object the informer reads. */
export interface KubeObject {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly resourceVersion?: string;
  };
}

/** A full list and the resourceVersion a watch resumes from. */
export interface ObjectList<T> {
  readonly items: readonly T[];
  readonly resourceVersion: string;
}

/** One watch stream: events until `done` is called once (with the error, or null when the server ended it). */
export type WatchStream = (
  resourceVersion: string,
  onEvent: (type: string, object: unknown) => void,
  done: (error: unknown) => void,
) => Promise<{ abort(): void }>;

/** What the informer needs: a list call and a watch call for the same collection. */
export interface InformerSource<T> {
  list(): Promise<ObjectList<T>>;
  watch: WatchStream;
}

/** Options of {@link Informer}. */
export interface InformerOptions<T> {
  /** Names the collection in logs, e.g. `logsources in shop`. */
  readonly name: string;
  readonly source: InformerSource<T>;
  /** A watch with no event and no bookmark for this long is presumed stuck: the informer lists again. */
  readonly silenceTimeoutMs: number;
  /** Delay between attempts after a failed list or watch. */
  readonly backoff: BackoffSettings;
  /** Told about every object added, changed or deleted (including the differences a re-list finds). */
  readonly onChange: (type: 'upsert' | 'delete', key: string, object: T) => void;
  readonly logger: Logger;
}

/** Cache key of an object: `namespace/name` (or `name` for cluster-scoped objects). */
export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

function statusCode(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { code?: unknown; statusCode?: unknown };
  const code = record.code ?? record.statusCode;
  return typeof code === 'number' ? code : undefined;
}

// A watch closed sooner than this after it opened counts as failed, so a server that closes at once is not
// hammered in a loop.
const QUICK_CLOSE_MS = 1000;

/** Why a watch ended, and what the informer does next. */
type WatchEnd = 'closed' | 'expired' | 'silent' | 'failed';

/**
 * A list+watch informer with a local cache, for the cases client-node's informer leaves to its caller: a watch
 * answered `410 Gone` (or an ERROR event with 410) lists again; a watch that fails otherwise restarts from its
 * last resourceVersion after an exponential backoff; a watch silent for longer than `silenceTimeoutMs` is
 * dropped and the collection listed again. A re-list reports the differences with the cache, so a change that
 * happened while no watch was open is never missed.
 */
export class Informer<T extends KubeObject> {
  readonly #cache = new Map<string, T>();
  #resourceVersion = '';
  #stopped = true;
  #session = 0;
  #attempt = 0;
  #abort: (() => void) | undefined;
  #silence: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #synced: Promise<void>;
  #markSynced: () => void = () => {};
  #relists = 0;
  readonly #log: Logger;

  constructor(private readonly options: InformerOptions<T>) {
    this.#log = options.logger.child({ informer: options.name });
    this.#synced = new Promise((resolve) => (this.#markSynced = resolve));
  }

  /** Lists, then watches until {@link stop}; resolves once started (not synced: see {@link synced}). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#relist();
  }

  /** Resolves after the first successful list. */
  synced(): Promise<void> {
    return this.#synced;
  }

  /** Lists done so far, the first one included. */
  get relists(): number {
    return this.#relists;
  }

  /** The cached object under `namespace/name`. */
  get(key: string): T | undefined {
    return this.#cache.get(key);
  }

  /** Keys of every cached object. */
  keys(): string[] {
    return [...this.#cache.keys()];
  }

  /** Ends the watch and every timer. */
  stop(): void {
    this.#stopped = true;
    this.#session++;
    this.#endWatch();
    if (this.#retry) clearTimeout(this.#retry);
  }

  async #relist(): Promise<void> {
    const session = ++this.#session;
    this.#endWatch();
    let list: ObjectList<T>;
    try {
      list = await this.options.source.list();
    } catch (error) {
      if (session === this.#session) this.#retryLater('list', error, () => void this.#relist());
      return;
    }
    if (session !== this.#session || this.#stopped) return;
    this.#relists++;
    this.#replace(list.items);
    this.#resourceVersion = list.resourceVersion;
    this.#markSynced();
    await this.#watch();
  }

  // Reports what the list shows that the cache did not have, then swaps the cache.
  #replace(items: readonly T[]): void {
    const fresh = new Map(items.map((item) => [objectKey(item), item]));
    for (const [key, old] of this.#cache) {
      if (!fresh.has(key)) {
        this.#cache.delete(key);
        this.options.onChange('delete', key, old);
      }
    }
    for (const [key, item] of fresh) {
      const old = this.#cache.get(key);
      this.#cache.set(key, item);
      if (old?.metadata?.resourceVersion !== item.metadata?.resourceVersion) {
        this.options.onChange('upsert', key, item);
      }
    }
  }

  async #watch(): Promise<void> {
    const session = this.#session;
    const startedAt = Date.now();
    let ended: WatchEnd | undefined;
    const finish = (end: WatchEnd, error?: unknown) => {
      if (ended || session !== this.#session || this.#stopped) return;
      // A stream the server ends at once, again and again, is a failure, not a routine timeout.
      ended = end === 'closed' && Date.now() - startedAt < QUICK_CLOSE_MS ? 'failed' : end;
      this.#endWatch();
      this.#afterWatch(ended, error);
    };
    const onEvent = (type: string, object: unknown) => {
      if (ended || session !== this.#session) return;
      this.#armSilence(() => finish('silent'));
      if (type === 'ERROR') {
        const code = statusCode(object);
        finish(code === 410 ? 'expired' : 'failed', object);
        return;
      }
      this.#attempt = 0;
      this.#apply(type, object as T);
    };
    this.#armSilence(() => finish('silent'));
    try {
      const handle = await this.options.source.watch(this.#resourceVersion, onEvent, (error) =>
        finish(error ? (statusCode(error) === 410 ? 'expired' : 'failed') : 'closed', error),
      );
      if (ended || session !== this.#session) handle.abort();
      else this.#abort = () => handle.abort();
    } catch (error) {
      finish(statusCode(error) === 410 ? 'expired' : 'failed', error);
    }
  }

  #apply(type: string, object: T): void {
    const version = object.metadata?.resourceVersion;
    if (version) this.#resourceVersion = version;
    if (type === 'BOOKMARK') return;
    const key = objectKey(object);
    if (type === 'DELETED') {
      this.#cache.delete(key);
      this.options.onChange('delete', key, object);
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      this.#cache.set(key, object);
      this.options.onChange('upsert', key, object);
    }
  }

  #afterWatch(end: WatchEnd, error: unknown): void {
    if (end === 'closed') {
      // The server ends watches routinely (timeoutSeconds); resume where the stream stopped.
      void this.#watch();
    } else if (end === 'expired' || end === 'silent') {
      this.#log.info({ reason: end }, 'watch history lost; listing again');
      void this.#relist();
    } else {
      this.#retryLater('watch', error, () => void this.#watch());
    }
  }

  #retryLater(what: string, error: unknown, again: () => void): void {
    const delayMs = backoffDelayMs(++this.#attempt, this.options.backoff);
    this.#log.warn({ err: error, attempt: this.#attempt, delayMs }, `${what} failed; retrying`);
    this.#retry = setTimeout(() => {
      if (!this.#stopped) again();
    }, delayMs);
  }

  #armSilence(onSilence: () => void): void {
    if (this.#silence) clearTimeout(this.#silence);
    this.#silence = setTimeout(onSilence, this.options.silenceTimeoutMs);
    this.#silence.unref();
  }

  #endWatch(): void {
    if (this.#silence) clearTimeout(this.#silence);
    this.#silence = undefined;
    const abort = this.#abort;
    this.#abort = undefined;
    abort?.();
  }
}
