import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { StorageError } from './storage-error.js';

/**
 * One object written as an S3 multipart upload, part by part (every part but the last at least
 * 5 MiB): the upload begins with the first part and ends completed, or aborted so that the store
 * drops the parts it holds.
 */
export class MultipartUpload {
  private uploadId: string | undefined;
  private readonly parts: { ETag: string | undefined; PartNumber: number }[] = [];

  /** `name` is the object's key as errors name it; `key` its key in the bucket. */
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly name: string,
    private readonly options: {
      contentType?: string | undefined;
      metadata?: Record<string, string> | undefined;
    },
  ) {}

  /** Whether a part was written, so the upload exists in the store. */
  get started(): boolean {
    return this.uploadId !== undefined;
  }

  async addPart(body: Buffer): Promise<void> {
    const UploadId = this.uploadId ?? (await this.begin());
    const PartNumber = this.parts.length + 1;
    const { ETag } = await this.client.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId,
        PartNumber,
        Body: body,
        ContentLength: body.length,
      }),
    );
    this.parts.push({ ETag, PartNumber });
  }

  async complete(): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
    );
  }

  /** Drops the parts written so far, if any; a failure to is left to the store's own cleanup. */
  async abort(): Promise<void> {
    if (this.uploadId === undefined) return;
    await this.client
      .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId }))
      .catch(() => undefined);
  }

  private async begin(): Promise<string> {
    const created = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        ContentType: this.options.contentType ?? 'application/octet-stream',
        ...(this.options.metadata ? { Metadata: this.options.metadata } : {}),
      }),
    );
    this.uploadId = created.UploadId;
    if (!this.uploadId) {
      throw new StorageError('UNAVAILABLE', `The object store gave no upload id for ${this.name}`);
    }
    return this.uploadId;
  }
}
