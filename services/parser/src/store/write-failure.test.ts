import { describe, expect, it } from 'vitest';
import { classifyWriteFailure } from './write-failure.js';

describe('classifyWriteFailure', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'transient',
    ],
    ['dropped connection', new Error('Connection terminated unexpectedly'), 'transient'],
    ['admin shutdown', Object.assign(new Error('terminating connection'), { code: '57P01' }), 'transient'],
    ['deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' }), 'transient'],
    ['too many connections', Object.assign(new Error('too many'), { code: '53300' }), 'transient'],
    ['invalid text', Object.assign(new Error('invalid input syntax'), { code: '22P02' }), 'deterministic'],
    ['unique violation', Object.assign(new Error('duplicate key'), { code: '23505' }), 'deterministic'],
    ['missing partition', Object.assign(new Error('no partition'), { code: '23514' }), 'deterministic'],
  ])('%s', (_, error, expected) => {
    expect(classifyWriteFailure(error)).toBe(expected);
  });
});
