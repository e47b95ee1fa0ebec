import { describe, expect, it } from 'vitest';
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

  it('puts the trace id first and honours custom rules', () => {
    expect(sessionKeysOf(event([], 'trace-1'), auto)).toEqual(['trace-1']);
    const custom = compileKeyRules([{ name: 'tenant', pattern: '^tenant:[a-z]+$' }]);
    expect(sessionKeysOf(event([{ type: 'word', value: 'tenant:acme' }]), custom)).toEqual(['tenant:acme']);
  });
});
