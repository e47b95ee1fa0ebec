import { describe, expect, it } from 'vitest';
import type { Level } from '../types.js';
import { messageStart } from './message-start.js';

describe('messageStart', () => {
  it.each<[string, string, Level, string, Level]>([
    [
      'a colon closing the header is dropped',
      'HDR: Preparing to rebalance',
      'info',
      'Preparing to rebalance',
      'info',
    ],
    [
      'a bracketed level names it',
      'HDR [ERROR] reconcile failed',
      'unknown',
      '[ERROR] reconcile failed',
      'error',
    ],
    [
      'a level and a colon name it',
      'HDR error: Received disconnect',
      'unknown',
      'error: Received disconnect',
      'error',
    ],
    ['a level in capitals names it', 'HDR WARNING overcommit', 'unknown', 'WARNING overcommit', 'warn'],
    ['a plain word does not', 'HDR error reading body', 'unknown', 'error reading body', 'unknown'],
    [
      'capitals that are no level do not',
      'HDR PAM 2 more failures',
      'unknown',
      'PAM 2 more failures',
      'unknown',
    ],
    ['a lone word is the message, not a level', 'HDR ERROR', 'unknown', 'ERROR', 'unknown'],
    ['the header level wins', 'HDR [ERROR] x', 'info', '[ERROR] x', 'info'],
    [
      'a request line gives its status',
      'HDR "GET /api HTTP/1.1" 503 UF 0',
      'unknown',
      '"GET /api HTTP/1.1" 503 UF 0',
      'error',
    ],
    [
      'a client error is a warning',
      'HDR "POST /x?a=1 HTTP/2" 404 -',
      'unknown',
      '"POST /x?a=1 HTTP/2" 404 -',
      'warn',
    ],
    ['a success is information', 'HDR "GET / HTTP/1.0" 200 12', 'unknown', '"GET / HTTP/1.0" 200 12', 'info'],
    [
      'a quote that opens no request line gives nothing',
      'HDR "hello" 503',
      'unknown',
      '"hello" 503',
      'unknown',
    ],
  ])('%s', (_name, text, level, message, expected) => {
    // The header matcher hands over the first non-blank after the header (`HDR`), or the colon that closes it.
    const found = messageStart(text, text[3] === ':' ? 3 : 4, level);
    expect([text.slice(found.start), found.level]).toEqual([message, expected]);
  });
});
