import type { ObjectStoreRoot, StoredObject } from './object-store.js';
import { StorageError } from './storage-error.js';
import {
  ancestorsOf,
  directoryPrefixOf,
  isRoot,
  isSameOrInside,
  objectKeyOf,
  parentPath,
  pathOfKey,
} from './storage-paths.js';

/** A file or directory of a tree. */
export interface TreeEntry {
  /** Canonical path: '/a/b'. */
  path: string;
  isDirectory: boolean;
  /** Bytes; 0 for directories. */
  size: number;
  /** Epoch milliseconds; 0 when the store knows none (directories without a marker). */
  modifiedAt: number;
  /** The object's user metadata; empty for directories, and for files of a listing without metadata. */
  metadata: Record<string, string>;
}

export interface FileTreeOptions {
  /** Directories that exist without anything in them (a user's home folder). The root always does. */
  builtInDirectories?: ReadonlySet<string> | undefined;
  /** Metadata for the marker of a directory that mkdirs creates. */
  directoryMetadata?: ((path: string) => Record<string, string>) | undefined;
}

/**
 * Bytes, objects of the same root to concatenate (the blocks of a streamed upload), or a stream
 * of chunks (a request body), read only once the write is known to be allowed.
 */
export type WriteSource = Uint8Array | { parts: readonly string[] } | { stream: AsyncIterable<Uint8Array> };

export interface WriteOptions {
  overwrite: boolean;
  /** Create missing parent directories (DBFS) instead of failing with PARENT_NOT_FOUND (workspace). */
  createParents: boolean;
  /** The new object's metadata, given the file it replaces (if any). */
  metadata?: ((existing: TreeEntry | undefined) => Record<string, string>) | undefined;
  contentType?: string | undefined;
}

export interface DirectoryListing {
  entry: TreeEntry;
  /** Undefined when the path is a file. */
  children: TreeEntry[] | undefined;
}

const HEAD_CONCURRENCY = 16;
const DELETE_PAGE = 1000;
const EMPTY = new Uint8Array(0);

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A directory tree over one area ('dbfs', 'workspace') of a storage root. S3 has no directories:
 * a file is an object at '<area>/<path>'; a directory is any prefix '<area>/<path>/' with objects
 * below it, or an explicitly created one whose marker is the empty object '<area>/<path>/'.
 * Deleting or moving the last thing out of a directory leaves its marker, so directories never
 * vanish as a side effect.
 */
export class FileTree {
  private readonly builtIn: ReadonlySet<string>;

  constructor(
    readonly root: ObjectStoreRoot,
    readonly area: string,
    private readonly options: FileTreeOptions = {},
  ) {
    this.builtIn = options.builtInDirectories ?? new Set();
  }

  keyOf(path: string): string {
    return objectKeyOf(this.area, path);
  }

  prefixOf(path: string): string {
    return directoryPrefixOf(this.area, path);
  }

  isBuiltIn(path: string): boolean {
    return isRoot(path) || this.builtIn.has(path);
  }

  private directory(path: string, modifiedAt = 0): TreeEntry {
    return { path, isDirectory: true, size: 0, modifiedAt, metadata: {} };
  }

  private file(
    path: string,
    object: Pick<StoredObject, 'size' | 'lastModified'>,
    metadata: Record<string, string> = {},
  ): TreeEntry {
    return { path, isDirectory: false, size: object.size, modifiedAt: object.lastModified, metadata };
  }

  async stat(path: string): Promise<TreeEntry | undefined> {
    if (this.isBuiltIn(path)) return this.directory(path);
    const [file, below] = await Promise.all([
      this.root.head(this.keyOf(path)),
      this.root.hasAny(this.prefixOf(path)),
    ]);
    if (below) return this.directory(path);
    return file && this.file(path, file, file.metadata);
  }

  /** A directory's entries (one level), or the file itself; NOT_FOUND when there is nothing. */
  async list(path: string, options: { withMetadata?: boolean } = {}): Promise<DirectoryListing> {
    const prefix = this.prefixOf(path);
    const listing = await this.root.list(prefix, { delimiter: '/' });
    const files = listing.objects.filter((object) => object.key !== prefix);
    const exists = this.isBuiltIn(path) || listing.objects.length > 0 || listing.prefixes.length > 0;
    if (!exists) {
      const file = await this.root.head(this.keyOf(path));
      if (!file) throw new StorageError('NOT_FOUND', `${path} does not exist`, { path });
      return { entry: this.file(path, file, file.metadata), children: undefined };
    }

    const children = new Map<string, TreeEntry>();
    for (const object of files) {
      const child = pathOfKey(this.area, object.key);
      children.set(child, this.file(child, object));
    }
    for (const sub of listing.prefixes) {
      const child = pathOfKey(this.area, sub);
      children.set(child, this.directory(child));
    }
    for (const builtIn of this.builtIn) {
      if (parentPath(builtIn) === path && !children.has(builtIn)) {
        children.set(builtIn, this.directory(builtIn));
      }
    }
    let entries = [...children.values()];
    if (options.withMetadata) {
      const resolved = await mapLimit(entries, HEAD_CONCURRENCY, async (entry) => {
        if (entry.isDirectory) return entry;
        const head = await this.root.head(this.keyOf(entry.path));
        // Deleted between the listing and now: no longer an entry.
        return head && this.file(entry.path, head, head.metadata);
      });
      entries = resolved.filter((entry): entry is TreeEntry => entry !== undefined);
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { entry: this.directory(path), children: entries };
  }

  /** A file's bytes, or a range of them. */
  async read(
    path: string,
    range?: { offset: number; length: number },
  ): Promise<{ entry: TreeEntry; bytes: Buffer }> {
    if (this.isBuiltIn(path)) throw new StorageError('IS_A_DIRECTORY', `${path} is a directory`, { path });
    const object = await this.root.get(this.keyOf(path), range);
    if (!object) {
      if (await this.root.hasAny(this.prefixOf(path))) {
        throw new StorageError('IS_A_DIRECTORY', `${path} is a directory`, { path });
      }
      throw new StorageError('NOT_FOUND', `${path} does not exist`, { path });
    }
    return { entry: this.file(path, object, object.metadata), bytes: object.bytes };
  }

  /** Writes a file, replacing one only with `overwrite`; never over a directory. */
  async write(path: string, source: WriteSource, options: WriteOptions): Promise<TreeEntry> {
    const directory = () => new StorageError('ALREADY_EXISTS', `A directory exists at ${path}`, { path });
    if (this.isBuiltIn(path)) throw directory();
    const key = this.keyOf(path);
    const [existingFile, below] = await Promise.all([
      this.root.head(key),
      this.root.hasAny(this.prefixOf(path)),
    ]);
    if (below) throw directory();
    const existing = existingFile && this.file(path, existingFile, existingFile.metadata);
    if (existing && !options.overwrite) {
      throw new StorageError('ALREADY_EXISTS', `${path} already exists`, { path });
    }
    if (!existing) await this.checkParent(path, options.createParents);

    const metadata = options.metadata?.(existing);
    const put = { metadata, contentType: options.contentType };
    const conditionalPut = { ...put, ifNoneMatch: !options.overwrite };
    let size: number;
    try {
      if (source instanceof Uint8Array) {
        await this.root.put(key, source, conditionalPut);
        size = source.byteLength;
      } else if ('stream' in source) {
        size = await this.root.putStream(key, source.stream, conditionalPut);
      } else {
        size = await this.root.concatenate(source.parts, key, put);
      }
    } catch (error) {
      // Someone else created it since we looked.
      if (error instanceof StorageError && error.kind === 'ALREADY_EXISTS') {
        throw new StorageError('ALREADY_EXISTS', `${path} already exists`, { path, cause: error });
      }
      throw error;
    }
    return { path, isDirectory: false, size, modifiedAt: Date.now(), metadata: metadata ?? {} };
  }

  /** Fails unless the parent of `path` is a directory, or can be made one with `createParents`. */
  private async checkParent(path: string, createParents: boolean): Promise<void> {
    for (let parent = parentPath(path); !this.isBuiltIn(parent); parent = parentPath(parent)) {
      const [file, below] = await Promise.all([
        this.root.head(this.keyOf(parent)),
        this.root.hasAny(this.prefixOf(parent)),
      ]);
      if (below) return;
      if (file) {
        throw new StorageError('NOT_A_DIRECTORY', `${parent} is a file, not a directory`, { path: parent });
      }
      if (!createParents) {
        throw new StorageError('PARENT_NOT_FOUND', `The parent folder (${parent}) does not exist`, {
          path: parent,
        });
      }
    }
  }

  /** Creates a directory and its missing parents (like mkdir -p); fails if a file is in the way. */
  async mkdirs(path: string): Promise<void> {
    if (this.isBuiltIn(path)) return;
    const chain = [...ancestorsOf(path), path].filter((p) => !this.isBuiltIn(p));
    const files = await Promise.all(chain.map((p) => this.root.head(this.keyOf(p))));
    const clash = chain.find((_, index) => files[index] !== undefined);
    if (clash !== undefined) {
      throw new StorageError('NOT_A_DIRECTORY', `A file exists at ${clash}`, { path: clash });
    }
    await this.putMarker(path);
  }

  private async putMarker(path: string, metadata?: Record<string, string>): Promise<void> {
    try {
      await this.root.put(this.prefixOf(path), EMPTY, {
        metadata: metadata ?? this.options.directoryMetadata?.(path),
        contentType: 'application/x-directory',
        ifNoneMatch: true,
      });
    } catch (error) {
      if (!(error instanceof StorageError && error.kind === 'ALREADY_EXISTS')) throw error;
    }
  }

  /** Keeps the parent of something removed in existence, as a file system would. */
  private async keepParent(path: string): Promise<void> {
    const parent = parentPath(path);
    if (!this.isBuiltIn(parent)) await this.putMarker(parent);
  }

  /**
   * Deletes a file, or a directory (with everything below it only when `recursive`). NOT_FOUND
   * when nothing is there; DIRECTORY_NOT_EMPTY for a non-empty directory without `recursive`;
   * the root and built-in directories stay.
   */
  async delete(path: string, options: { recursive: boolean }): Promise<void> {
    if (this.isBuiltIn(path)) {
      const what = isRoot(path) ? 'The root directory' : path;
      throw new StorageError('INVALID_ARGUMENT', `${what} cannot be deleted`, { path });
    }
    const key = this.keyOf(path);
    if (await this.root.head(key)) {
      await this.root.delete(key);
      await this.keepParent(path);
      return;
    }
    const prefix = this.prefixOf(path);
    // In key order a directory's marker comes first, so two keys tell marker from content.
    const first = await this.root.listPage(prefix, { maxKeys: 2 });
    const hasContent = first.objects.some((object) => object.key !== prefix) || first.prefixes.length > 0;
    if (first.objects.length === 0) {
      throw new StorageError('NOT_FOUND', `${path} does not exist`, { path });
    }
    if (hasContent && !options.recursive) {
      throw new StorageError('DIRECTORY_NOT_EMPTY', `${path} is a non-empty directory`, { path });
    }
    // Listing again from the start after each batch: deleted keys never come back.
    for (;;) {
      const page = await this.root.listPage(prefix, { maxKeys: DELETE_PAGE });
      if (page.objects.length === 0) break;
      await this.root.deleteMany(page.objects.map((object) => object.key));
    }
    await this.keepParent(path);
  }

  /** Moves a file or a whole directory; the destination must not exist. */
  async move(from: string, to: string): Promise<void> {
    if (this.isBuiltIn(from)) {
      throw new StorageError('INVALID_ARGUMENT', `${from} cannot be moved`, { path: from });
    }
    if (isSameOrInside(to, from)) {
      throw new StorageError(
        'INVALID_ARGUMENT',
        `Cannot move ${from} to ${to}: a directory cannot move into itself`,
      );
    }
    const source = await this.stat(from);
    if (!source) throw new StorageError('NOT_FOUND', `${from} does not exist`, { path: from });
    if (this.isBuiltIn(to) || (await this.stat(to))) {
      throw new StorageError('ALREADY_EXISTS', `${to} already exists`, { path: to });
    }
    await this.checkParent(to, true);

    if (!source.isDirectory) {
      await this.root.copy(this.keyOf(from), this.keyOf(to));
      await this.root.delete(this.keyOf(from));
    } else {
      const fromPrefix = this.prefixOf(from);
      const toPrefix = this.prefixOf(to);
      const keys: string[] = [];
      for await (const batch of this.root.iterate(fromPrefix)) {
        keys.push(...batch.map((object) => object.key));
      }
      await mapLimit(keys, HEAD_CONCURRENCY, async (key) => {
        const target = toPrefix + key.slice(fromPrefix.length);
        if (!key.endsWith('/')) return this.root.copy(key, target);
        // Directory markers: written anew (some servers keep them as real directories, not copyable).
        const marker = await this.root.head(key);
        await this.putMarker(pathOfKey(this.area, target), marker?.metadata ?? {});
      });
      await this.root.deleteMany(keys);
    }
    await this.keepParent(from);
  }
}
