import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { MultipartUpload } from './multipart-upload.js';
import { isS3NotFound, s3Status } from './s3-errors.js';
import { StorageError } from './storage-error.js';
import { workspaceStorageRoot } from './storage-paths.js';

/** An object as a listing shows it: no user metadata. */
export interface ListedObject {
  /** Relative to the root the listing was made in. */
  key: string;
  size: number;
  /** Epoch milliseconds. */
  lastModified: number;
}

/** An object as HEAD shows it, with its user metadata (x-amz-meta-*). */
export interface StoredObject extends ListedObject {
  metadata: Record<string, string>;
}

export interface Listing {
  objects: ListedObject[];
  /** With a delimiter: the "sub-directories", each ending with the delimiter. */
  prefixes: string[];
}

export interface PutOptions {
  metadata?: Record<string, string> | undefined;
  contentType?: string | undefined;
  /** Fail with ALREADY_EXISTS when the key exists (a conditional PUT, If-None-Match: *). */
  ifNoneMatch?: boolean | undefined;
}

export interface ByteRange {
  offset: number;
  /** Bytes to read from `offset`; fewer come back at the end of the object. */
  length: number;
}

export interface ReadObject extends StoredObject {
  /** The bytes read: the whole object, or the range asked for. */
  bytes: Buffer;
}

/** An object as it streams from the store: the whole object, or the range asked for. */
export interface StreamedObject extends StoredObject {
  body: Readable;
  /** Bytes in `body`. */
  length: number;
}

/** Parts of a multipart upload must be at least 5 MiB except the last; we write 8 MiB parts. */
const PART_BYTES = 8 * 1024 * 1024;

const DELETE_BATCH = 1000;

/**
 * The object store failed us: said as 503 by the APIs, never as an internal error. The message
 * names the operation and the store's error code, not the underlying error (which stays the cause).
 */
function unavailable(operation: string, key: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const status = s3Status(error);
  if (status === 409) {
    // S3 servers over a file system (versitygw posix) refuse a file below a file, or over a directory.
    return new StorageError('NOT_A_DIRECTORY', `A file and a directory conflict at ${key}`, { cause: error });
  }
  const reason = status ? `HTTP ${status}${error instanceof Error ? ` ${error.name}` : ''}` : 'no answer';
  return new StorageError(
    'UNAVAILABLE',
    `The object store could not ${operation} ${key} (${reason}); retry shortly`,
    { cause: error },
  );
}

function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function totalSizeOf(contentRange: string | undefined, fallback: number): number {
  const total = contentRange?.match(/\/(\d+)$/)?.[1];
  return total === undefined ? fallback : Number(total);
}

/**
 * The platform's object store: one bucket of an S3-compatible server. Services work inside a
 * root (a workspace's `workspaces/<id>/`), never with raw bucket keys.
 */
export class ObjectStore {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  /** Keys below an arbitrary prefix ('' for the whole bucket; else ending with '/'). */
  root(prefix: string): ObjectStoreRoot {
    return new ObjectStoreRoot(this.client, this.bucket, prefix);
  }

  /** Keys below a workspace's storage root, 'workspaces/<id>/'. */
  forWorkspace(workspaceId: number): ObjectStoreRoot {
    return this.root(workspaceStorageRoot(workspaceId));
  }
}

/**
 * Object operations on keys relative to one prefix of the bucket. Missing objects are
 * `undefined` (or ignored, for deletes); every other failure is a StorageError.
 */
export class ObjectStoreRoot {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    readonly prefix: string,
  ) {
    if (prefix !== '' && !prefix.endsWith('/')) throw new Error(`A root prefix ends with '/': ${prefix}`);
  }

  /** The bucket key of a key of this root. */
  bucketKey(key: string): string {
    if (key.startsWith('/') || key.split('/').some((segment) => segment === '..')) {
      throw new StorageError('INVALID_PATH', `Not a relative object key: ${key}`);
    }
    return this.prefix + key;
  }

  private relative(bucketKey: string): string {
    return bucketKey.slice(this.prefix.length);
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.bucketKey(key),
          Body: body,
          ContentLength: body.byteLength,
          ContentType: options.contentType ?? 'application/octet-stream',
          ...(options.metadata ? { Metadata: options.metadata } : {}),
          ...(options.ifNoneMatch ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (error) {
      if (options.ifNoneMatch && s3Status(error) === 412) {
        throw new StorageError('ALREADY_EXISTS', `${key} already exists`, { cause: error });
      }
      throw unavailable('write', key, error);
    }
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.bucketKey(key) }),
      );
      return {
        key,
        size: head.ContentLength ?? 0,
        lastModified: head.LastModified?.getTime() ?? 0,
        metadata: head.Metadata ?? {},
      };
    } catch (error) {
      if (isS3NotFound(error)) return undefined;
      throw unavailable('look up', key, error);
    }
  }

  /**
   * The object's bytes, or a range of them; a range that starts at or past the end reads nothing.
   * `size` is always the size of the whole object.
   */
  async get(key: string, range?: ByteRange): Promise<ReadObject | undefined> {
    if (range && range.length <= 0) {
      const head = await this.head(key);
      return head && { ...head, bytes: Buffer.alloc(0) };
    }
    const rangeHeader = range ? `bytes=${range.offset}-${range.offset + range.length - 1}` : undefined;
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.bucketKey(key),
          ...(rangeHeader ? { Range: rangeHeader } : {}),
        }),
      );
      const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      return {
        key,
        bytes,
        size: totalSizeOf(object.ContentRange, bytes.length),
        lastModified: object.LastModified?.getTime() ?? 0,
        metadata: object.Metadata ?? {},
      };
    } catch (error) {
      if (isS3NotFound(error)) return undefined;
      if (s3Status(error) === 416) {
        // Past the end (or an empty object): nothing to read, if the object exists at all.
        const head = await this.head(key);
        return head && { ...head, bytes: Buffer.alloc(0) };
      }
      throw unavailable('read', key, error);
    }
  }

  /**
   * The object's bytes as they arrive from the store, or a range of them, which must lie within
   * the object (see `head`); `size` is always the size of the whole object.
   */
  async getStream(key: string, range?: ByteRange): Promise<StreamedObject | undefined> {
    const rangeHeader = range ? `bytes=${range.offset}-${range.offset + range.length - 1}` : undefined;
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.bucketKey(key),
          ...(rangeHeader ? { Range: rangeHeader } : {}),
        }),
      );
      if (!(object.Body instanceof Readable)) {
        throw new StorageError('UNAVAILABLE', `The object store sent no body for ${key}`);
      }
      const length = object.ContentLength ?? 0;
      return {
        key,
        body: object.Body,
        length,
        size: totalSizeOf(object.ContentRange, length),
        lastModified: object.LastModified?.getTime() ?? 0,
        metadata: object.Metadata ?? {},
      };
    } catch (error) {
      if (isS3NotFound(error)) return undefined;
      throw unavailable('read', key, error);
    }
  }

  /** One page of a listing. */
  async listPage(
    prefix: string,
    options: { delimiter?: string; maxKeys?: number; continuationToken?: string | undefined } = {},
  ): Promise<Listing & { nextToken: string | undefined }> {
    try {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.bucketKey(prefix),
          ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
          ...(options.maxKeys ? { MaxKeys: options.maxKeys } : {}),
          ...(options.continuationToken ? { ContinuationToken: options.continuationToken } : {}),
        }),
      );
      const objects: ListedObject[] = [];
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        objects.push({
          key: this.relative(object.Key),
          size: object.Size ?? 0,
          lastModified: object.LastModified?.getTime() ?? 0,
        });
      }
      const prefixes = (page.CommonPrefixes ?? []).flatMap((common) =>
        common.Prefix === undefined ? [] : [this.relative(common.Prefix)],
      );
      return { objects, prefixes, nextToken: page.IsTruncated ? page.NextContinuationToken : undefined };
    } catch (error) {
      throw unavailable('list', prefix, error);
    }
  }

  /** Everything below a prefix: with delimiter '/', one directory level (files and sub-prefixes). */
  async list(prefix: string, options: { delimiter?: string } = {}): Promise<Listing> {
    const listing: Listing = { objects: [], prefixes: [] };
    let token: string | undefined;
    do {
      const page = await this.listPage(prefix, { ...options, continuationToken: token });
      listing.objects.push(...page.objects);
      listing.prefixes.push(...page.prefixes);
      token = page.nextToken;
    } while (token);
    return listing;
  }

  /** Every object below a prefix, page by page, without holding them all. */
  async *iterate(prefix: string): AsyncGenerator<ListedObject[]> {
    let token: string | undefined;
    do {
      const page = await this.listPage(prefix, { continuationToken: token });
      if (page.objects.length > 0) yield page.objects;
      token = page.nextToken;
    } while (token);
  }

  /** True when at least one object has a key starting with the prefix. */
  async hasAny(prefix: string): Promise<boolean> {
    const page = await this.listPage(prefix, { maxKeys: 1 });
    return page.objects.length > 0 || page.prefixes.length > 0;
  }

  /** Deletes one object; a missing one is not an error. */
  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.bucketKey(key) }));
    } catch (error) {
      if (!isS3NotFound(error)) throw unavailable('delete', key, error);
    }
  }

  /** Deletes objects in batches of 1000; missing ones are not an error. */
  async deleteMany(keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const first = batch[0] ?? '';
      let failed: string | undefined;
      try {
        const result = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((key) => ({ Key: this.bucketKey(key) })), Quiet: true },
          }),
        );
        const errors = (result.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (errors.length > 0) failed = `${errors[0]?.Key ?? first}: ${errors[0]?.Code ?? 'error'}`;
      } catch (error) {
        throw unavailable('delete', first, error);
      }
      if (failed) throw new StorageError('UNAVAILABLE', `The object store failed to delete ${failed}`);
    }
  }

  /** Copies an object within the bucket; with `metadata`, the copy gets that metadata instead. */
  async copy(from: string, to: string, options: { metadata?: Record<string, string> } = {}): Promise<void> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.bucketKey(to),
          CopySource: copySource(this.bucket, this.bucketKey(from)),
          ...(options.metadata ? { MetadataDirective: 'REPLACE', Metadata: options.metadata } : {}),
        }),
      );
    } catch (error) {
      if (isS3NotFound(error))
        throw new StorageError('NOT_FOUND', `${from} does not exist`, { cause: error });
      throw unavailable('copy', from, error);
    }
  }

  /**
   * Writes the concatenation of objects, in order, as one object (see `putStream`). Returns the
   * bytes written.
   */
  async concatenate(sources: readonly string[], target: string, options: PutOptions = {}): Promise<number> {
    return this.putStream(target, this.contentsOf(sources), options);
  }

  private async *contentsOf(keys: readonly string[]): AsyncGenerator<Uint8Array> {
    for (const key of keys) {
      const object = await this.get(key);
      if (!object) throw new StorageError('NOT_FOUND', `${key} disappeared while being concatenated`);
      yield object.bytes;
    }
  }

  /**
   * Writes an object from a stream of chunks. Small results are one PUT (conditional with
   * `ifNoneMatch`); larger ones a multipart upload of 8 MiB parts, so memory stays bounded by one
   * part, aborted on any failure. Errors of the source itself are thrown as they are. Returns
   * the bytes written.
   */
  async putStream(key: string, source: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<number> {
    const upload = new MultipartUpload(this.client, this.bucket, this.bucketKey(key), key, options);
    const pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let total = 0;
    const store = async (write: () => Promise<void>) => {
      try {
        await write();
      } catch (error) {
        throw unavailable('write', key, error);
      }
    };
    const flushPart = async () => {
      await store(() => upload.addPart(Buffer.concat(pending)));
      pending.length = 0;
      pendingBytes = 0;
    };
    try {
      for await (const chunk of source) {
        pending.push(chunk);
        pendingBytes += chunk.byteLength;
        total += chunk.byteLength;
        if (pendingBytes >= PART_BYTES) await flushPart();
      }
      if (!upload.started) {
        await this.put(key, Buffer.concat(pending), options);
        return total;
      }
      if (pendingBytes > 0) await flushPart();
      await store(() => upload.complete());
      return total;
    } catch (error) {
      await upload.abort();
      throw error;
    }
  }
}
