import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import type { ArchiveTarget } from './archive-target.js';

/** How to reach an S3-compatible service; unset credentials fall back to the SDK's default chain. */
export interface S3TargetOptions {
  readonly bucket: string;
  /** Key prefix, empty or ending in `/`. */
  readonly prefix: string;
  /** Endpoint of an S3-compatible server (MinIO, Ceph, …); AWS when unset. */
  readonly endpoint?: string;
  readonly region: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`, which most S3-compatible servers need. */
  readonly forcePathStyle: boolean;
  /** Bytes per multipart part (at least 5 MiB); memory held is about twice this. @default 8 MiB */
  readonly partSizeBytes?: number;
}

const MIB = 2 ** 20;

/**
 * Archives as objects of an S3-compatible bucket. Uploads stream through `@aws-sdk/lib-storage` in parts, so
 * at most two parts are in memory whatever the size of the day.
 */
export function createS3Target(options: S3TargetOptions): ArchiveTarget {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
    // Only what S3 requires: many S3-compatible servers reject the newer default checksum trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const key = (name: string) => `${options.prefix}${name}`;
  return {
    location: `s3://${options.bucket}/${options.prefix}`,
    async write(name, body) {
      const upload = new Upload({
        client,
        params: { Bucket: options.bucket, Key: key(name), Body: body, ContentType: 'application/gzip' },
        partSize: Math.max(5 * MIB, options.partSizeBytes ?? 8 * MIB),
        queueSize: 1,
        // A failed multipart upload is aborted, so no orphan parts are left to pay for.
        leavePartsOnError: false,
      });
      await upload.done();
    },
    async read(name) {
      const object = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key(name) }));
      if (!(object.Body instanceof Readable)) throw new Error(`no readable body for ${key(name)}`);
      return object.Body;
    },
    async exists(name) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key(name) }));
        return true;
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
        throw error;
      }
    },
  };
}
