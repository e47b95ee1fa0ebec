import { CONFIG_BUCKET } from '@loglens/platform';
import type { KV, NatsConnection } from 'nats';
import type { ConfigStore } from '../reconcile/ports.js';

/** The `loglens-config` bucket (with the installation's prefix) as a {@link ConfigStore} of JSON documents. */
export function natsConfigStore(connection: () => NatsConnection, prefix: string): ConfigStore {
  let bucket: Promise<KV> | undefined;
  // The bucket is provisioned by the nats module; binding to it fails rather than creating a second one.
  const kv = (): Promise<KV> => {
    bucket ??= connection()
      .jetstream()
      .views.kv(`${prefix}${CONFIG_BUCKET}`, { bindOnly: true })
      .catch((error: unknown) => {
        bucket = undefined; // bind again on the next call instead of failing for ever
        throw error;
      });
    return bucket;
  };
  return {
    async get(key) {
      const entry = await (await kv()).get(key);
      if (!entry || entry.operation !== 'PUT') return undefined;
      return entry.json<unknown>();
    },
    async put(key, document) {
      await (await kv()).put(key, JSON.stringify(document));
    },
    async delete(key) {
      const store = await kv();
      const entry = await store.get(key);
      if (entry && entry.operation === 'PUT') await store.delete(key);
    },
  };
}
