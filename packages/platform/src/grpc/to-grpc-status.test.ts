import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  ConflictError,
  DeadlineExceededError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '../errors/index.js';
import { decodeStatusDetails, encodeStatusDetails, STATUS_DETAILS_TRAILER } from './status-details.js';
import { INTERNAL_ERROR_MESSAGE, RETRY_AFTER_TRAILER, toGrpcStatus } from './to-grpc-status.js';

describe('toGrpcStatus', () => {
  it.each([
    [new ValidationError('bad filter'), status.INVALID_ARGUMENT],
    [new NotFoundError('template t1 not found'), status.NOT_FOUND],
    [new ConflictError('silence exists'), status.ALREADY_EXISTS],
    [new RateLimitedError('slow down'), status.RESOURCE_EXHAUSTED],
    [new UnavailableError('store unavailable'), status.UNAVAILABLE],
    [new UnauthenticatedError('invalid API key'), status.UNAUTHENTICATED],
    [new PermissionDeniedError('not yours'), status.PERMISSION_DENIED],
    [new DeadlineExceededError('too slow'), status.DEADLINE_EXCEEDED],
    [new CancelledError('gone'), status.CANCELLED],
  ])('maps %o', (error, code) => {
    const result = toGrpcStatus(error);
    expect(result.code).toBe(code);
    expect(result.details).toBe(error.message);
    expect(result.expected).toBe(true);
  });

  it.each([
    new Error('connect ECONNREFUSED 10.0.0.7:5432'),
    new TypeError('cannot read properties of undefined'),
    'a string',
    undefined,
    { code: status.NOT_FOUND, details: 'looks like a gRPC error' },
  ])('hides the details of unknown error %o behind INTERNAL', (error) => {
    const result = toGrpcStatus(error);
    expect(result).toMatchObject({ code: status.INTERNAL, details: INTERNAL_ERROR_MESSAGE, expected: false });
    expect(result.metadata.getMap()).toEqual({});
  });

  it('never sends the cause', () => {
    const result = toGrpcStatus(
      new UnavailableError('store unavailable', { cause: new Error('password=hunter2') }),
    );
    expect(JSON.stringify(result.metadata.toJSON())).not.toContain('hunter2');
    expect(result.details).not.toContain('hunter2');
  });

  it('sends field violations as google.rpc.BadRequest', () => {
    const violations = [
      { field: 'filter.time_range.start', description: 'must be before end' },
      { field: 'page.page_size', description: 'must be at most 1000' },
    ];
    const result = toGrpcStatus(new ValidationError('invalid request', violations));
    const [bytes] = result.metadata.get(STATUS_DETAILS_TRAILER);
    expect(bytes).toBeInstanceOf(Buffer);
    expect(decodeStatusDetails(bytes as Buffer)).toEqual({
      code: status.INVALID_ARGUMENT,
      message: 'invalid request',
      fieldViolations: violations,
      retryDelayMs: undefined,
    });
  });

  it('sends the retry delay as a trailer and as google.rpc.RetryInfo', () => {
    const result = toGrpcStatus(new RateLimitedError('over quota', { retryAfterMs: 1500 }));
    expect(result.metadata.get(RETRY_AFTER_TRAILER)).toEqual(['1500']);
    const [bytes] = result.metadata.get(STATUS_DETAILS_TRAILER);
    expect(decodeStatusDetails(bytes as Buffer).retryDelayMs).toBe(1500);
  });

  it('omits details when there are none to give', () => {
    expect(toGrpcStatus(new NotFoundError('nope')).metadata.getMap()).toEqual({});
  });
});

describe('status details', () => {
  it('round-trips', () => {
    const details = {
      code: status.RESOURCE_EXHAUSTED,
      message: 'über quota',
      fieldViolations: [{ field: 'a', description: 'b' }],
      retryDelayMs: 61_250,
    };
    expect(decodeStatusDetails(encodeStatusDetails(details))).toEqual(details);
  });
});

describe('domain errors', () => {
  it('carry name, code and cause', () => {
    const cause = new Error('root');
    const error = new UnavailableError('down', { cause, retryAfterMs: 10 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UnavailableError');
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.cause).toBe(cause);
    expect(error.retryAfterMs).toBe(10);
    expect(new NotFoundError('x')).not.toHaveProperty('cause');
  });
});
