import { RateLimitedError, UnavailableError, ValidationError } from '@loglens/platform';
import { NatsError } from 'nats';
import { describe, expect, it } from 'vitest';
import { toPublishError } from './publish-error.js';

function natsError(
  code: string,
  apiError?: { code: number; description: string; err_code?: number },
): NatsError {
  const error = new NatsError('nats failure', code);
  if (apiError) error.api_error = apiError;
  return error;
}

describe('toPublishError', () => {
  it.each([
    ['no responders', natsError('503'), UnavailableError],
    ['a timeout', natsError('TIMEOUT'), UnavailableError],
    ['a closed connection', natsError('CONNECTION_CLOSED'), UnavailableError],
    ['a draining connection', natsError('CONNECTION_DRAINING'), UnavailableError],
    ['a disconnect', natsError('DISCONNECT'), UnavailableError],
    [
      'JetStream temporarily unavailable',
      natsError('503', {
        code: 503,
        description: 'JetStream system temporarily unavailable',
        err_code: 10008,
      }),
      UnavailableError,
    ],
    [
      'maximum bytes exceeded',
      natsError('BAD API', { code: 400, description: 'maximum bytes exceeded', err_code: 10054 }),
      RateLimitedError,
    ],
    [
      'maximum messages exceeded',
      natsError('BAD API', { code: 400, description: 'maximum messages exceeded', err_code: 10054 }),
      RateLimitedError,
    ],
    [
      'insufficient resources',
      natsError('BAD API', { code: 503, description: 'insufficient resources', err_code: 10023 }),
      RateLimitedError,
    ],
    ['a payload over the server limit', natsError('MAX_PAYLOAD_EXCEEDED'), ValidationError],
  ])('maps %s', (_name, error, expected) => {
    const mapped = toPublishError(error);
    expect(mapped).toBeInstanceOf(expected);
    expect((mapped as Error).cause).toBe(error);
  });

  it('tells clients when to retry', () => {
    expect(toPublishError(natsError('TIMEOUT'))).toMatchObject({ retryAfterMs: 1_000 });
    expect(
      toPublishError(natsError('BAD API', { code: 400, description: 'maximum bytes exceeded' })),
    ).toMatchObject({ retryAfterMs: 1_000 });
  });

  it('keeps domain errors and unknown failures as they are', () => {
    const domain = new UnavailableError('down');
    const unknown = new Error('bug');
    const other = natsError('BAD_SUBJECT');
    expect(toPublishError(domain)).toBe(domain);
    expect(toPublishError(unknown)).toBe(unknown);
    expect(toPublishError(other)).toBe(other);
  });
});
