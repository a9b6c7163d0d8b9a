import {
  type ByteRange,
  type FileTree,
  isRoot,
  parentPath,
  StorageError,
  type StorageErrorKind,
  type StoredObject,
  type StreamedObject,
} from '@brickyard/common/storage';
import { type DatabricksError, invalidParameter } from '../../errors/databricks-error.js';
import { type DirectoryEntry, directoryEntries, FOLDER_MARKER_SUFFIX } from './directory-entries.js';
import {
  directoryNotEmpty,
  directoryNotFound,
  fileAlreadyExists,
  fileNotFound,
  filesError,
  pathConflict,
} from './files-errors.js';

type Translations = Partial<Record<StorageErrorKind, (error: StorageError) => DatabricksError>>;

/** A storage failure as the Files API error an operation expects, or as the generic one. */
function translated(error: unknown, translations: Translations): unknown {
  if (!(error instanceof StorageError)) return error;
  return translations[error.kind]?.(error) ?? filesError(error);
}

/**
 * A directory tree the Files API serves: a Unity Catalog volume (the objects below its storage
 * location) or the artifacts of an MLflow run or logged model (below the experiment's folder of
 * DBFS). Failures come out as Files API errors.
 */
export class ServedFiles {
  constructor(
    /** The tree's own Files API path: /Volumes/<catalog>/<schema>/<volume>, or an artifact root. */
    readonly root: string,
    private readonly tree: FileTree,
  ) {}

  /** The Files API path of a path in the tree. */
  absolute(path: string): string {
    return isRoot(path) ? this.root : `${this.root}${path}`;
  }

  /** A file's size and modification time; NOT_FOUND for a directory as for nothing. */
  async file(path: string): Promise<StoredObject> {
    const object = isRoot(path) ? undefined : await this.tree.root.head(this.tree.keyOf(path));
    if (!object) throw fileNotFound();
    return object;
  }

  /** A file's bytes, or a range within them, as they arrive from the object store. */
  async read(path: string, range?: ByteRange): Promise<StreamedObject> {
    const object = isRoot(path) ? undefined : await this.tree.root.getStream(this.tree.keyOf(path), range);
    if (!object) throw fileNotFound();
    return object;
  }

  /** Writes a file from a stream of chunks, creating missing parent directories as it goes. */
  async write(path: string, chunks: AsyncIterable<Uint8Array>, overwrite: boolean): Promise<void> {
    try {
      await this.tree.write(path, { stream: chunks }, { overwrite, createParents: true });
    } catch (error) {
      throw translated(error, {
        // With overwrite, only a directory is in the way.
        ALREADY_EXISTS: () =>
          overwrite ? pathConflict(`${this.absolute(path)} is a directory`) : fileAlreadyExists(),
        NOT_A_DIRECTORY: (conflict) =>
          pathConflict(`${this.absolute(conflict.path ?? path)} is a file, not a directory`),
      });
    }
  }

  async deleteFile(path: string): Promise<void> {
    await this.file(path);
    try {
      await this.tree.delete(path, { recursive: false });
    } catch (error) {
      throw translated(error, { NOT_FOUND: fileNotFound });
    }
  }

  async isDirectory(path: string): Promise<boolean> {
    return (
      this.tree.isBuiltIn(path) ||
      (await this.tree.root.hasAny(this.tree.prefixOf(path))) ||
      (await this.hasFolderMarker(path))
    );
  }

  /** Creates a directory and its missing parents; one that exists is no error. */
  async createDirectory(path: string): Promise<void> {
    try {
      await this.tree.mkdirs(path);
    } catch (error) {
      throw translated(error, {
        NOT_A_DIRECTORY: (conflict) =>
          pathConflict(
            `A file exists at ${this.absolute(conflict.path ?? path)}, where a directory is needed`,
          ),
      });
    }
  }

  /** Deletes an empty directory; its parent stays, as in a file system. */
  async deleteDirectory(path: string): Promise<void> {
    if (isRoot(path)) {
      throw invalidParameter(
        `${this.root} is the root of what the Files API serves here: it cannot be deleted`,
      );
    }
    if (await this.tree.root.head(this.tree.keyOf(path))) throw directoryNotFound();
    let markedOnly = false;
    try {
      await this.tree.delete(path, { recursive: false });
    } catch (error) {
      if (!(error instanceof StorageError && error.kind === 'NOT_FOUND')) {
        throw translated(error, { DIRECTORY_NOT_EMPTY: () => directoryNotEmpty(this.absolute(path)) });
      }
      // Nothing below it: a directory by its folder marker alone, or no directory at all.
      markedOnly = await this.hasFolderMarker(path);
      if (!markedOnly) throw directoryNotFound();
    }
    // The folder marker, if any, goes with the directory; the tree kept the parent, unless the
    // directory was its marker alone.
    await this.tree.root.delete(this.tree.keyOf(path) + FOLDER_MARKER_SUFFIX);
    if (markedOnly) await this.tree.mkdirs(parentPath(path));
  }

  /** The entries of a directory, sorted by name; NOT_FOUND for a file as for nothing. */
  async list(path: string): Promise<DirectoryEntry[]> {
    const prefix = this.tree.prefixOf(path);
    const listing = await this.tree.root.list(prefix, { delimiter: '/' });
    const exists =
      this.tree.isBuiltIn(path) ||
      listing.objects.length > 0 ||
      listing.prefixes.length > 0 ||
      (await this.hasFolderMarker(path));
    if (!exists) throw directoryNotFound();
    return directoryEntries(listing, prefix);
  }

  private async hasFolderMarker(path: string): Promise<boolean> {
    if (isRoot(path)) return false;
    return (await this.tree.root.head(this.tree.keyOf(path) + FOLDER_MARKER_SUFFIX)) !== undefined;
  }
}
