import { RateLimitedError, UnavailableError, ValidationError } from '@loglens/platform';
import { describe, expect, it } from 'vitest';
import { fromStore, storeError } from './store-errors.js';

const withCode = (code: string, message = 'failed'): Error => Object.assign(new Error(message), { code });

describe('storeError', () => {
  it('maps an unreachable or restarting PostgreSQL to UNAVAILABLE', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('08006'),
      withCode('57P01'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(storeError(error)).toBeInstanceOf(UnavailableError);
    }
  });

  it('maps a statement timeout to RESOURCE_EXHAUSTED and leaves other errors alone', () => {
    expect(storeError(withCode('57014'))).toBeInstanceOf(RateLimitedError);
    const validation = new ValidationError('bad');
    expect(storeError(validation)).toBe(validation);
    const bug = withCode('42P01');
    expect(storeError(bug)).toBe(bug);
  });

  it('translates the failure of a store call', async () => {
    await expect(fromStore(Promise.reject(withCode('ECONNREFUSED')))).rejects.toThrow(
      'the log store is unavailable',
    );
  });
});
