import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { dbfsDirectoryPrefix, dbfsObjectKey, parseDbfsPath } from '@brickyard/common/storage';
import { dbfsUri } from './paths.js';
import type { ObjectInfo, RuntimeStorage } from './runtime-storage.js';

/** What dbutils.fs.ls returns per entry (directories have names and paths ending with '/'). */
export interface DbfsFileInfo {
  path: string;
  name: string;
  size: number;
  modificationTime: number;
}

export type DbfsErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_EXISTS'
  | 'IS_A_DIRECTORY'
  | 'DIRECTORY_NOT_EMPTY'
  | 'INVALID_ARGUMENT';

export class DbfsError extends Error {
  constructor(
    readonly code: DbfsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbfsError';
  }
}

/** A location dbutils.fs.cp can read or write: DBFS, or the local disk with the 'file:' scheme. */
type Location = { kind: 'dbfs'; path: string } | { kind: 'local'; path: string };

function locate(path: string): Location {
  if (path.startsWith('file:')) {
    const local = path.slice('file:'.length).replace(/^\/+/, '/');
    return { kind: 'local', path: local };
  }
  return { kind: 'dbfs', path: parseDbfsPath(path) };
}

function baseName(canonical: string): string {
  return canonical.slice(canonical.lastIndexOf('/') + 1);
}

async function localFiles(root: string): Promise<string[]> {
  const info = await stat(root);
  if (!info.isDirectory()) return [root];
  const files: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const child = join(root, entry.name);
    if (entry.isDirectory()) files.push(...(await localFiles(child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}

/**
 * DBFS over the object store, with the semantics of dbutils.fs. Directories are implicit (any
 * key below a prefix); mkdirs writes an empty marker object '<dir>/' so that empty directories
 * exist too.
 */
export class Dbfs {
  constructor(
    private readonly storage: RuntimeStorage,
    readonly workspaceId: number,
  ) {}

  /** Every object below a directory, at any depth (markers included). */
  async listRecursive(path: string): Promise<ObjectInfo[]> {
    return (await this.storage.list(this.prefix(path))).objects;
  }

  key(path: string): string {
    return dbfsObjectKey(this.workspaceId, path);
  }

  private prefix(path: string): string {
    return dbfsDirectoryPrefix(this.workspaceId, path);
  }

  async isDirectory(path: string): Promise<boolean> {
    if (parseDbfsPath(path) === '/') return true;
    const listing = await this.storage.list(this.prefix(path), { delimiter: '/' });
    return listing.objects.length > 0 || listing.prefixes.length > 0;
  }

  async isFile(path: string): Promise<boolean> {
    if (parseDbfsPath(path) === '/') return false;
    return this.storage.exists(this.key(path));
  }

  async ls(path: string): Promise<DbfsFileInfo[]> {
    const canonical = parseDbfsPath(path);
    const prefix = this.prefix(canonical);
    const listing = await this.storage.list(prefix, { delimiter: '/' });
    const directory = canonical === '/' ? '' : canonical;
    const entries: DbfsFileInfo[] = [];
    for (const child of listing.prefixes) {
      const name = `${child.slice(prefix.length)}`;
      entries.push({ path: dbfsUri(`${directory}/${name}`), name, size: 0, modificationTime: 0 });
    }
    for (const object of listing.objects) {
      if (object.key === prefix) continue; // the directory's own marker
      const name = object.key.slice(prefix.length);
      entries.push({
        path: dbfsUri(`${directory}/${name}`),
        name,
        size: object.size,
        modificationTime: object.lastModified,
      });
    }
    if (entries.length > 0 || listing.objects.length > 0 || canonical === '/') {
      return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    const file = await this.storage.stat(this.key(canonical));
    if (file) {
      return [
        {
          path: dbfsUri(canonical),
          name: baseName(canonical),
          size: file.size,
          modificationTime: file.lastModified,
        },
      ];
    }
    throw new DbfsError('FILE_NOT_FOUND', `File ${dbfsUri(canonical)} does not exist.`);
  }

  async head(path: string, maxBytes = 65536): Promise<Buffer> {
    const canonical = parseDbfsPath(path);
    const body = canonical === '/' ? undefined : await this.storage.get(this.key(canonical), { maxBytes });
    if (body !== undefined) return body;
    if (await this.isDirectory(canonical)) {
      throw new DbfsError('IS_A_DIRECTORY', `Cannot head a directory: ${dbfsUri(canonical)}`);
    }
    throw new DbfsError('FILE_NOT_FOUND', `File ${dbfsUri(canonical)} does not exist.`);
  }

  /** Returns the number of bytes written. */
  async put(path: string, contents: Buffer | string, overwrite = false): Promise<number> {
    const canonical = parseDbfsPath(path);
    if (canonical === '/' || (await this.isDirectory(canonical))) {
      throw new DbfsError('IS_A_DIRECTORY', `${dbfsUri(canonical)} is a directory.`);
    }
    if (!overwrite && (await this.isFile(canonical))) {
      throw new DbfsError(
        'FILE_EXISTS',
        `File ${dbfsUri(canonical)} already exists; pass overwrite=True to replace it.`,
      );
    }
    const body = Buffer.from(contents);
    await this.storage.put(this.key(canonical), body);
    return body.length;
  }

  async mkdirs(path: string): Promise<boolean> {
    const canonical = parseDbfsPath(path);
    if (canonical === '/') return true;
    if (await this.isFile(canonical)) {
      throw new DbfsError('FILE_EXISTS', `${dbfsUri(canonical)} exists and is a file.`);
    }
    await this.storage.put(this.prefix(canonical), '');
    return true;
  }

  /** True when something was deleted. */
  async rm(path: string, recurse = false): Promise<boolean> {
    const canonical = parseDbfsPath(path);
    if (canonical === '/') throw new DbfsError('INVALID_ARGUMENT', 'The DBFS root cannot be deleted.');
    if (await this.isFile(canonical)) {
      await this.storage.delete(this.key(canonical));
      return true;
    }
    const prefix = this.prefix(canonical);
    const listing = await this.storage.list(prefix);
    if (listing.objects.length === 0) return false;
    const children = listing.objects.filter((object) => object.key !== prefix);
    if (children.length > 0 && !recurse) {
      throw new DbfsError(
        'DIRECTORY_NOT_EMPTY',
        `${dbfsUri(canonical)} is a non-empty directory; pass recurse=True to delete it.`,
      );
    }
    for (const object of listing.objects) await this.storage.delete(object.key);
    return true;
  }

  /**
   * Copies a file, or a directory with recurse. Either side may be a local path with the 'file:'
   * scheme. Copying a file onto an existing directory (or a path ending with '/') puts it inside.
   */
  async cp(source: string, target: string, recurse = false): Promise<boolean> {
    const from = locate(source);
    const to = locate(target);
    if (from.kind === 'local' && to.kind === 'local') {
      throw new DbfsError('FILE_NOT_FOUND', 'cp needs a DBFS path on at least one side.');
    }
    if (from.kind === 'local') return this.uploadLocal(from.path, to.path, target.endsWith('/'), recurse);
    if (to.kind === 'local') return this.downloadTo(from.path, to.path, recurse);

    if (await this.isFile(from.path)) {
      let destination = to.path;
      if (target.endsWith('/') || (await this.isDirectory(destination))) {
        destination = `${destination === '/' ? '' : destination}/${baseName(from.path)}`;
      }
      await this.storage.copy(this.key(from.path), this.key(destination));
      return true;
    }
    const prefix = this.prefix(from.path);
    const listing = await this.storage.list(prefix);
    if (listing.objects.length === 0) {
      throw new DbfsError('FILE_NOT_FOUND', `File ${dbfsUri(from.path)} does not exist.`);
    }
    if (!recurse) {
      throw new DbfsError(
        'IS_A_DIRECTORY',
        `${dbfsUri(from.path)} is a directory; pass recurse=True to copy it.`,
      );
    }
    const targetPrefix = this.prefix(to.path);
    for (const object of listing.objects) {
      await this.storage.copy(object.key, targetPrefix + object.key.slice(prefix.length));
    }
    return true;
  }

  async mv(source: string, target: string, recurse = false): Promise<boolean> {
    await this.cp(source, target, recurse);
    const from = locate(source);
    if (from.kind === 'dbfs') await this.rm(from.path, true);
    return true;
  }

  /**
   * Downloads a file (or, with recurse, a directory tree) to a local path. Missing sources raise
   * FILE_NOT_FOUND.
   */
  async downloadTo(path: string, local: string, recurse = true): Promise<boolean> {
    const canonical = parseDbfsPath(path);
    if (canonical !== '/') {
      await mkdir(dirname(local), { recursive: true });
      if (await this.storage.download(this.key(canonical), local)) return true;
    }
    const prefix = this.prefix(canonical);
    const listing = await this.storage.list(prefix);
    if (listing.objects.length === 0) {
      throw new DbfsError('FILE_NOT_FOUND', `File ${dbfsUri(canonical)} does not exist.`);
    }
    if (!recurse) {
      throw new DbfsError(
        'IS_A_DIRECTORY',
        `${dbfsUri(canonical)} is a directory; pass recurse=True to copy it.`,
      );
    }
    await mkdir(local, { recursive: true });
    for (const object of listing.objects) {
      const relativeKey = object.key.slice(prefix.length);
      if (relativeKey === '' || relativeKey.endsWith('/')) {
        await mkdir(join(local, relativeKey), { recursive: true });
        continue;
      }
      const file = join(local, ...relativeKey.split('/'));
      await mkdir(dirname(file), { recursive: true });
      await this.storage.download(object.key, file);
    }
    return true;
  }

  private async uploadLocal(local: string, path: string, intoDirectory: boolean, recurse: boolean) {
    const info = await stat(local).catch(() => undefined);
    if (!info) throw new DbfsError('FILE_NOT_FOUND', `File file:${local} does not exist.`);
    if (info.isDirectory()) {
      if (!recurse) {
        throw new DbfsError('IS_A_DIRECTORY', `file:${local} is a directory; pass recurse=True to copy it.`);
      }
      const prefix = this.prefix(path);
      for (const file of await localFiles(local)) {
        await this.storage.upload(file, prefix + relative(local, file).split(sep).join('/'));
      }
      return true;
    }
    let destination = path;
    if (intoDirectory || (await this.isDirectory(destination))) {
      destination = `${destination === '/' ? '' : destination}/${baseName(local.split(sep).join('/'))}`;
    }
    await this.storage.upload(local, this.key(destination));
    return true;
  }

  /** Uploads a local file or directory tree to a DBFS path (used for SQL outputs). */
  async uploadFrom(local: string, path: string): Promise<number> {
    const canonical = parseDbfsPath(path);
    const info = await stat(local);
    if (!info.isDirectory()) {
      await this.storage.upload(local, this.key(canonical));
      return 1;
    }
    const prefix = this.prefix(canonical);
    const files = await localFiles(local);
    for (const file of files) {
      await this.storage.upload(file, prefix + relative(local, file).split(sep).join('/'));
    }
    return files.length;
  }
}
