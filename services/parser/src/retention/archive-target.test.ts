import { describe, expect, it } from 'vitest';
import { ArchiveUrlError, parseArchiveUrl } from './archive-target.js';

describe('parseArchiveUrl', () => {
  it.each([
    ['s3://logs', { kind: 's3', bucket: 'logs', prefix: '' }],
    ['s3://logs/', { kind: 's3', bucket: 'logs', prefix: '' }],
    ['s3://logs/loglens/prod/', { kind: 's3', bucket: 'logs', prefix: 'loglens/prod/' }],
    ['file:///srv/archive', { kind: 'directory', path: '/srv/archive' }],
    ['file:///srv/my%20archive', { kind: 'directory', path: '/srv/my archive' }],
    ['./archive', { kind: 'directory', path: './archive' }],
  ])('reads %s', (url, location) => expect(parseArchiveUrl(url)).toEqual(location));

  it.each(['', 's3://', 's3:///prefix', 'https://example.test/archive', 'gs://bucket'])(
    'rejects %j',
    (url) => {
      expect(() => parseArchiveUrl(url)).toThrow(ArchiveUrlError);
    },
  );
});
