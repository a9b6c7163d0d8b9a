/**
 * The object storage the runtime needs: a flat key space (the whole bucket), read and written by
 * key. Executors never build S3 requests themselves; they go through this interface so that the
 * shared object store (services/common/src/storage/object-store.ts, when it lands) can replace
 * the S3 implementation below without touching them.
 */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Milliseconds since the epoch; 0 when the server did not say. */
  lastModified: number;
}

export interface ObjectListing {
  objects: ObjectInfo[];
  /** With a delimiter: the "directories" one level below the prefix, each ending with it. */
  prefixes: string[];
}

export interface RuntimeStorage {
  /** The object's bytes, or undefined when there is no such key. `maxBytes` reads only a prefix. */
  get(key: string, options?: { maxBytes?: number }): Promise<Buffer | undefined>;
  /** Streams the object into a local file; false when there is no such key. */
  download(key: string, file: string): Promise<boolean>;
  put(key: string, body: Buffer | string): Promise<void>;
  /** Streams a local file into the object. */
  upload(file: string, key: string): Promise<void>;
  stat(key: string): Promise<ObjectInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Every key under the prefix (all pages); with a delimiter, one level only. */
  list(prefix: string, options?: { delimiter?: string }): Promise<ObjectListing>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  copy(sourceKey: string, targetKey: string): Promise<void>;
}
