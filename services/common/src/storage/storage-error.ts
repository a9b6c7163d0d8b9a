/**
 * What can go wrong in the object-store layer, independent of any API's error codes: the DBFS
 * and Workspace APIs each turn these into the codes and statuses Databricks answers with.
 */
export type StorageErrorKind =
  /** A malformed path (relative, '..', control characters, too long). */
  | 'INVALID_PATH'
  /** A request the layer cannot carry out as asked (deleting the root, moving into itself). */
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  /** The target exists and the caller did not ask to overwrite it. */
  | 'ALREADY_EXISTS'
  /** A file operation met a directory. */
  | 'IS_A_DIRECTORY'
  /** A directory operation met a file (the path, or one of its ancestors). */
  | 'NOT_A_DIRECTORY'
  | 'PARENT_NOT_FOUND'
  | 'DIRECTORY_NOT_EMPTY'
  /** The object store failed or refused; retrying may help. */
  | 'UNAVAILABLE';

export class StorageError extends Error {
  /** The canonical path the error is about, when there is one. */
  readonly path: string | undefined;

  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options: { cause?: unknown; path?: string | undefined } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.path = options.path;
  }
}

export const invalidPath = (message: string) => new StorageError('INVALID_PATH', message);
