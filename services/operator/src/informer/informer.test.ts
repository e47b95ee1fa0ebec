import { silentLogger } from '@loglens/platform';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Informer, type InformerSource, type KubeObject } from './informer.js';

function obj(name: string, resourceVersion: string): KubeObject {
  return { metadata: { name, namespace: 'ns', resourceVersion } };
}

/** A collection the test controls: what a list returns, and the open watch's callbacks. */
function fakeSource() {
  const state = {
    items: [] as KubeObject[],
    resourceVersion: '1',
    lists: 0,
    watches: [] as string[],
    emit: (_type: string, _object: unknown) => {},
    end: (_error: unknown) => {},
    failNextWatch: false,
  };
  const source: InformerSource<KubeObject> = {
    list: () => {
      state.lists++;
      return Promise.resolve({ items: [...state.items], resourceVersion: state.resourceVersion });
    },
    watch: (resourceVersion, onEvent, done) => {
      state.watches.push(resourceVersion);
      if (state.failNextWatch) {
        state.failNextWatch = false;
        return Promise.reject(Object.assign(new Error('connection refused'), { statusCode: 503 }));
      }
      state.emit = onEvent;
      state.end = done;
      return Promise.resolve({ abort: () => {} });
    },
  };
  return { state, source };
}

describe('Informer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function start(source: InformerSource<KubeObject>) {
    const changes: string[] = [];
    const informer = new Informer({
      name: 'test',
      source,
      silenceTimeoutMs: 60_000,
      backoff: { baseMs: 1_000, maxMs: 8_000 },
      onChange: (type, key) => changes.push(`${type} ${key}`),
      logger: silentLogger(),
    });
    informer.start();
    return { informer, changes };
  }

  it('lists, then applies watch events to its cache', async () => {
    const { state, source } = fakeSource();
    state.items = [obj('a', '1')];
    const { informer, changes } = start(source);
    await informer.synced();
    await vi.advanceTimersByTimeAsync(0);
    state.emit('ADDED', obj('b', '2'));
    state.emit('MODIFIED', obj('a', '3'));
    state.emit('BOOKMARK', { metadata: { resourceVersion: '4' } });
    state.emit('DELETED', obj('b', '5'));
    expect(changes).toEqual(['upsert ns/a', 'upsert ns/b', 'upsert ns/a', 'delete ns/b']);
    expect(informer.keys()).toEqual(['ns/a']);
    expect(informer.get('ns/a')?.metadata?.resourceVersion).toBe('3');
    informer.stop();
  });

  it('lists again on 410 Gone and reports what changed meanwhile', async () => {
    const { state, source } = fakeSource();
    state.items = [obj('a', '1'), obj('b', '1')];
    const { informer, changes } = start(source);
    await informer.synced();
    await vi.advanceTimersByTimeAsync(0);
    changes.length = 0;
    state.items = [obj('a', '7'), obj('c', '8')];
    state.resourceVersion = '9';
    state.emit('ERROR', { kind: 'Status', code: 410, reason: 'Expired' });
    await vi.advanceTimersByTimeAsync(0);
    expect(state.lists).toBe(2);
    expect(changes.sort()).toEqual(['delete ns/b', 'upsert ns/a', 'upsert ns/c']);
    expect(state.watches.at(-1)).toBe('9');
    informer.stop();
  });

  it('retries a failed watch with backoff from the same resourceVersion', async () => {
    const { state, source } = fakeSource();
    const { informer } = start(source);
    await informer.synced();
    await vi.advanceTimersByTimeAsync(0);
    state.emit('ADDED', obj('a', '5'));
    state.failNextWatch = true;
    state.end(Object.assign(new Error('reset'), { statusCode: 500 }));
    await vi.advanceTimersByTimeAsync(1_000); // first retry: between 500 and 1000 ms
    await vi.advanceTimersByTimeAsync(2_000); // second retry: between 1000 and 2000 ms
    expect(state.watches).toEqual(['1', '5', '5']);
    expect(state.lists).toBe(1);
    informer.stop();
  });

  it('drops a silent watch and lists again', async () => {
    const { state, source } = fakeSource();
    const { informer } = start(source);
    await informer.synced();
    await vi.advanceTimersByTimeAsync(30_000);
    state.emit('BOOKMARK', { metadata: { resourceVersion: '2' } });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(state.lists).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.lists).toBe(2);
    expect(informer.relists).toBe(2);
    informer.stop();
  });
});
