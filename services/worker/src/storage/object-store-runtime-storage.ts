import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, stat as statFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { isS3NotFound, type ObjectStore, type ObjectStoreRoot } from '@brickyard/common/storage';
import type { ObjectInfo, ObjectListing, RuntimeStorage } from './runtime-storage.js';

/**
 * RuntimeStorage over the platform's object store (services/common), on bucket keys. Files move
 * between the local disk and the store as streams, so large task inputs and outputs are not
 * held in memory.
 */
export class ObjectStoreRuntimeStorage implements RuntimeStorage {
  private readonly root: ObjectStoreRoot;

  constructor(private readonly store: ObjectStore) {
    this.root = store.root('');
  }

  async get(key: string, options: { maxBytes?: number } = {}): Promise<Buffer | undefined> {
    const range = options.maxBytes === undefined ? undefined : { offset: 0, length: options.maxBytes };
    return (await this.root.get(key, range))?.bytes;
  }

  async download(key: string, file: string): Promise<boolean> {
    try {
      const object = await this.store.client.send(
        new GetObjectCommand({ Bucket: this.store.bucket, Key: this.root.bucketKey(key) }),
      );
      await mkdir(dirname(file), { recursive: true });
      const output = createWriteStream(file);
      if (object.Body === undefined) output.end();
      else await pipeline(object.Body as Readable, output);
      return true;
    } catch (error) {
      if (isS3NotFound(error)) return false;
      throw error;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.root.put(key, typeof body === 'string' ? Buffer.from(body) : body);
  }

  async upload(file: string, key: string): Promise<void> {
    const { size } = await statFile(file);
    if (size < 8 * 1024 * 1024) {
      await this.root.put(key, await readFile(file));
      return;
    }
    // A single streamed PUT (up to 5 GB).
    await this.store.client.send(
      new PutObjectCommand({
        Bucket: this.store.bucket,
        Key: this.root.bucketKey(key),
        Body: createReadStream(file),
        ContentLength: size,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    const head = await this.root.head(key);
    return head && { key, size: head.size, lastModified: head.lastModified };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.root.head(key)) !== undefined;
  }

  async list(prefix: string, options: { delimiter?: string } = {}): Promise<ObjectListing> {
    return this.root.list(prefix, options);
  }

  async delete(key: string): Promise<void> {
    await this.root.delete(key);
  }

  async copy(sourceKey: string, targetKey: string): Promise<void> {
    await this.root.copy(sourceKey, targetKey);
  }
}
