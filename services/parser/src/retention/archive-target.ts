import type { Readable } from 'node:stream';

/** Where archives go: a directory or an S3-compatible bucket. Names are flat (`log_events-YYYYMMDD.jsonl.gz`). */
export interface ArchiveTarget {
  /** Where the target points, for logs and reports (never with credentials). */
  readonly location: string;
  /** Stores `body` under `name`, consuming it; resolves once the object is complete and durable. */
  write(name: string, body: Readable): Promise<void>;
  /** Reads an archive back, for verification. */
  read(name: string): Promise<Readable>;
  /** True when an archive of that name exists already. */
  exists(name: string): Promise<boolean>;
}

/** An archive URL that names no supported target, or one missing its bucket. */
export class ArchiveUrlError extends Error {
  override readonly name = 'ArchiveUrlError';
}

/** A parsed archive URL: a local directory, or a bucket with a key prefix. */
export type ArchiveLocation =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string };

/**
 * Parses `file:///srv/archive`, a plain path (`./archive`, `/srv/archive`) or `s3://bucket/some/prefix`.
 * Throws {@link ArchiveUrlError} for other schemes and for an `s3://` URL without a bucket.
 */
export function parseArchiveUrl(url: string): ArchiveLocation {
  const text = url.trim();
  if (text === '') throw new ArchiveUrlError('the archive URL is empty');
  if (text.startsWith('s3://')) {
    const rest = text.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    if (bucket === '') throw new ArchiveUrlError(`no bucket in ${JSON.stringify(url)}`);
    const prefix = slash === -1 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
    return { kind: 's3', bucket, prefix: prefix === '' ? '' : `${prefix}/` };
  }
  if (text.startsWith('file://')) {
    return { kind: 'directory', path: decodeURIComponent(new URL(text).pathname) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new ArchiveUrlError(`unsupported archive URL ${JSON.stringify(url)}: use file://, s3:// or a path`);
  }
  return { kind: 'directory', path: text };
}
