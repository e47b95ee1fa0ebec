import { describe, expect, it } from 'vitest';
import { AnomalyEngine } from './engine.js';
import { AUTO_SESSION_RULES, compileKeyRules, sessionKeysOf } from './session-keys.js';
import type { EventParam } from './types.js';

const auto = compileKeyRules(AUTO_SESSION_RULES);
const event = (params: EventParam[], traceId?: string) => ({
  sequence: 0,
  source: 's',
  templateId: 't',
  template: 't',
  level: 'info' as const,
  params,
  ...(traceId ? { traceId } : {}),
});

describe('session keys', () => {
  it.each([
    ['block id', [{ type: 'word', value: 'blk_-1608999687919862906' }], ['blk_-1608999687919862906']],
    ['job id', [{ type: 'word', value: 'job_200811092030_0001' }], ['job_200811092030_0001']],
    ['request id', [{ type: 'word', value: 'req-4f2a9c01' }], ['req-4f2a9c01']],
    [
      'typed uuid',
      [{ type: 'uuid', value: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
      ['0f8fad5b-d9cb-469f-a165-70867728950e'],
    ],
    [
      'two blocks',
      [
        { type: 'word', value: 'blk_123456' },
        { type: 'word', value: 'blk_654321' },
      ],
      ['blk_123456', 'blk_654321'],
    ],
    [
      'numbers and addresses are not ids',
      [
        { type: 'number', value: '50010' },
        { type: 'ip-port', value: '10.0.0.1:80' },
      ],
      undefined,
    ],
    ['node names are not ids', [{ type: 'word', value: 'R02-M1-N0-C:J12-U11' }], undefined],
  ] as const)('%s', (_name, params, expected) => {
    expect(sessionKeysOf(event([...params]), auto)).toEqual(expected);
  });

  // Parsers type anything holding a digit as `id`; the value's shape decides.
  it.each([
    ['blk_-123', 'id'],
    ['req-7f3a', 'id'],
    ['job_200811092030_0001', 'id'],
    ['0f8fad5b-d9cb-469f-a165-70867728950e', 'id'],
    ['4bf92f3577b34da6a3ce929d0e0e4736', 'hex'],
    ['00f067aa0ba902b7', 'hex'],
    ['Xk3f9QpL2mZ8aB7cD1', 'word'],
  ])('%s (typed %s) is a session key', (value, type) => {
    expect(sessionKeysOf(event([{ type, value }]), auto)).toEqual([value]);
  });

  it.each([
    ['26%', 'id'],
    ['12ms', 'id'],
    ['30m', 'id'],
    ['4KB', 'id'],
    ['3.5', 'id'],
    ['404', 'id'],
    ['989812', 'id'],
    ['alice', 'word'],
    ['x3', 'id'],
    ['deadbeef01', 'hex'],
    ['20081109', 'hex'],
    ['2016-09-28', 'id'],
    ['R02-M1-N0-C:J12-U11', 'id'],
    ['utf-8', 'id'],
    ['10.0.0.1:80', 'id'],
  ])('%s (typed %s) is not a session key', (value, type) => {
    expect(sessionKeysOf(event([{ type, value }]), auto)).toBeUndefined();
  });

  it('puts the trace id first and honours custom rules', () => {
    expect(sessionKeysOf(event([], 'trace-1'), auto)).toEqual(['trace-1']);
    const custom = compileKeyRules([{ name: 'tenant', pattern: '^tenant:[a-z]+$' }]);
    expect(sessionKeysOf(event([{ type: 'word', value: 'tenant:acme' }]), custom)).toEqual(['tenant:acme']);
  });

  it('keys a line by each id of a list parameter, once each', () => {
    const list = { type: 'list', value: 'blk_101 blk_102 blk_101 12' };
    expect(sessionKeysOf(event([list, { type: 'word', value: 'blk_102' }]), auto)).toEqual([
      'blk_101',
      'blk_102',
    ]);
    // The engine puts the line in both blocks' sessions.
    const engine = new AnomalyEngine({ window: { by: 'count', size: 1000 }, sessions: { idle: 10 } });
    engine.process({ ...event([list]), sequence: 0 });
    engine.process({ ...event([{ type: 'word', value: 'blk_101' }]), sequence: 1 });
    engine.flush();
    const sessions = engine.takeResults().filter((r) => r.scope.kind === 'session');
    expect(sessions.map((r) => [r.scope.key, r.scope.events]).sort()).toEqual([
      ['blk_101', 2],
      ['blk_102', 1],
    ]);
  });
});
