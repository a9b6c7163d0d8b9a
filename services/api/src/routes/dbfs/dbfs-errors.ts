import type { StorageError } from '@brickyard/common/storage';
import {
  DatabricksError,
  invalidParameter,
  resourceDoesNotExist,
  temporarilyUnavailable,
} from '../../errors/databricks-error.js';

/**
 * A storage failure as the DBFS API reports it. DBFS answers an existing target with 400
 * RESOURCE_ALREADY_EXISTS (the CLI checks for that status) and a non-empty directory with
 * IO_ERROR.
 */
export function dbfsError(error: StorageError): DatabricksError {
  const path = error.path;
  switch (error.kind) {
    case 'INVALID_PATH':
    case 'INVALID_ARGUMENT':
    case 'IS_A_DIRECTORY':
      return invalidParameter(error.message);
    case 'NOT_FOUND':
    case 'PARENT_NOT_FOUND':
      return resourceDoesNotExist(path ? `No file or directory exists on path ${path}.` : error.message);
    case 'ALREADY_EXISTS':
      return new DatabricksError(
        400,
        'RESOURCE_ALREADY_EXISTS',
        path ? `A file or directory already exists at the input path ${path}.` : error.message,
      );
    case 'NOT_A_DIRECTORY':
      return new DatabricksError(400, 'RESOURCE_ALREADY_EXISTS', error.message);
    case 'DIRECTORY_NOT_EMPTY':
      return new DatabricksError(
        400,
        'IO_ERROR',
        `Path ${path ?? ''} is a non-empty directory; delete it with recursive=true`,
      );
    case 'UNAVAILABLE': {
      const unavailable = temporarilyUnavailable(error.message);
      unavailable.cause = error.cause; // logged by the error handler, never sent
      return unavailable;
    }
  }
}
