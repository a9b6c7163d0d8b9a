import { S3Client } from '@aws-sdk/client-s3';
import type { PlatformEnv } from '../platform-env.js';

/**
 * An S3 client for an S3-compatible server: path-style addressing, and checksums only when an
 * operation requires them (the SDK's default CRC32 trailers are not understood by every server).
 */
export function createS3Client(settings: PlatformEnv['s3']): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
