import { ValidationError } from '@loglens/platform';
import { describe, expect, it } from 'vitest';
import { cursorScope, decodeCursor, encodeCursor, pageSize } from './cursor.js';

describe('cursor codec', () => {
  const scope = cursorScope('QueryLogs', { filter: { startUs: 5n }, newestFirst: true });
  it('round-trips keys within the same scope', () => {
    expect(decodeCursor(encodeCursor(scope, ['123', 'a/b']), scope, 2)).toEqual(['123', 'a/b']);
    expect(decodeCursor('', scope, 2)).toBeUndefined();
  });
  it('refuses another scope, a wrong arity and garbage with a ValidationError', () => {
    const otherScope = cursorScope('QueryLogs', { filter: {}, newestFirst: true });
    for (const bad of [
      encodeCursor(otherScope, ['1', 'a']),
      encodeCursor(scope, ['1']),
      'x!y',
      Buffer.from('{').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad, scope, 2)).toThrow(ValidationError);
    }
  });
  it('defaults and caps the page size', () => {
    expect([pageSize(0, 100, 1000), pageSize(7, 100, 1000), pageSize(5000, 100, 1000)]).toEqual([
      100, 7, 1000,
    ]);
  });
});
