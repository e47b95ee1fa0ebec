import { describe, expect, it } from 'vitest';
import type { ModuleDefinition } from './module.js';
import { startModules } from './module-runner.js';
import { parseTargets, startOrder, TargetError } from './resolve-targets.js';

const silent = { info: () => undefined, error: () => undefined };

function recordingDefinitions(events: string[], failing = new Set<string>()): ModuleDefinition<null>[] {
  const def = (name: string, dependsOn: string[] = [], internal = false): ModuleDefinition<null> => ({
    name,
    dependsOn,
    internal,
    create: () => ({
      start: () => {
        if (failing.has(name)) return Promise.reject(new Error(`${name} broke`));
        events.push(`start ${name}`);
        return Promise.resolve();
      },
      stop: () => {
        events.push(`stop ${name}`);
        return Promise.resolve();
      },
    }),
  });
  return [def('server', [], true), def('ingest', ['server']), def('parser'), def('query', ['server'])];
}

describe('parseTargets', () => {
  const defs = recordingDefinitions([]);
  it.each([
    ['ingest', ['ingest']],
    ['ingest, query', ['ingest', 'query']],
    ['all', ['ingest', 'parser', 'query']],
    ['all,ingest', ['ingest', 'parser', 'query']],
  ])('%s', (spec, expected) => {
    expect(parseTargets(spec, defs)).toEqual(expected);
  });
  it('names the unknown target and the choices', () => {
    expect(() => parseTargets('ingest,nope', defs)).toThrow(
      'unknown target "nope": choose from all, ingest, parser, query',
    );
  });
  it('rejects an empty list', () => {
    expect(() => parseTargets(' , ', defs)).toThrow(TargetError);
  });
});

describe('startOrder', () => {
  it('puts dependencies first and each module once', () => {
    const order = startOrder(['query', 'ingest'], recordingDefinitions([])).map((d) => d.name);
    expect(order).toEqual(['server', 'query', 'ingest']);
  });
  it('reports a dependency cycle', () => {
    const a: ModuleDefinition = {
      name: 'a',
      dependsOn: ['b'],
      create: () => ({ start: async () => {}, stop: async () => {} }),
    };
    const b: ModuleDefinition = { ...a, name: 'b', dependsOn: ['a'] };
    expect(() => startOrder(['a'], [a, b])).toThrow('a -> b -> a');
  });
});

describe('startModules', () => {
  it('starts in dependency order and stops in reverse', async () => {
    const events: string[] = [];
    const running = await startModules(['ingest', 'query'], recordingDefinitions(events), null, silent);
    expect(running.names).toEqual(['server', 'ingest', 'query']);
    await running.stop();
    await running.stop(); // a second stop is harmless
    expect(events).toEqual([
      'start server',
      'start ingest',
      'start query',
      'stop query',
      'stop ingest',
      'stop server',
    ]);
  });

  it('stops what it started when a later module fails to start', async () => {
    const events: string[] = [];
    const defs = recordingDefinitions(events, new Set(['query']));
    await expect(startModules(['ingest', 'query'], defs, null, silent)).rejects.toThrow('query broke');
    expect(events).toEqual(['start server', 'start ingest', 'stop ingest', 'stop server']);
  });
});
